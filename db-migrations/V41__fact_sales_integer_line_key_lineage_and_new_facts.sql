-- The order line is identified by a 64-bit key derived from (source, order_id, line_number): the primary key
-- becomes two integers instead of three texts and a date, which is what keeps the fact load near COPY speed.
-- The loader refuses a batch in which two different natural keys would share a key (see FactSalesLoader), so
-- (source, order_id, line_number) stays unique.
create function dw.sales_line_key(source text, order_id text, line_number integer) returns bigint
language sql immutable parallel safe as $$
    select hashtextextended(source || chr(31) || order_id || chr(31) || line_number::text, 0)
$$;

alter table dw.fact_sales add column sales_line_key bigint;
alter table dw.fact_sales add column envelope_id text;
update dw.fact_sales set sales_line_key = dw.sales_line_key(source, order_id, line_number);
alter table dw.fact_sales alter column sales_line_key set not null;
alter table dw.fact_sales drop constraint fact_sales_pkey;
alter table dw.fact_sales add primary key (sales_line_key, order_date);

-- Daily stock per product and platform: the last state of each product staged in a run, on the run's date.
create table dw.fact_inventory_snapshot (
    snapshot_date       date           not null,
    source              text           not null,
    product_id          text           not null,
    date_key            integer        not null,
    product_key         bigint         not null,
    platform_key        integer        not null,
    stock               integer,
    price               numeric(18, 2),
    currency            char(3)        not null,
    availability_status text,
    run_id              text           not null,
    envelope_id         text           not null,
    loaded_at           timestamptz    not null default now(),
    primary key (snapshot_date, source, product_id)
);

-- Every price a product has carried, from the time the source says it changed.
create table dw.fact_price_history (
    source         text           not null,
    product_id     text           not null,
    price_from     timestamptz    not null,
    product_key    bigint         not null,
    price          numeric(18, 2) not null,
    original_price numeric(18, 2),
    currency       char(3)        not null,
    run_id         text           not null,
    envelope_id    text           not null,
    loaded_at      timestamptz    not null default now(),
    primary key (source, product_id, price_from)
);

-- Product reviews (DummyJSON products carry a reviews array); a review is numbered by its position.
create table staging.review (
    run_id         text not null,
    source         text not null,
    product_id     text not null,
    review_number  integer not null,
    rating         numeric(3, 1),
    comment        text,
    review_ts      timestamptz,
    reviewer_name  text,
    reviewer_email text,
    envelope_id    text not null,
    primary key (run_id, source, product_id, review_number)
);

create table dw.fact_review (
    source         text         not null,
    product_id     text         not null,
    review_number  integer      not null,
    review_date    date         not null,
    date_key       integer      not null,
    product_key    bigint       not null,
    rating         numeric(3, 1),
    comment        text,
    reviewer_name  text,
    reviewer_email text,
    run_id         text         not null,
    envelope_id    text         not null,
    loaded_at      timestamptz  not null default now(),
    primary key (source, product_id, review_number)
);
