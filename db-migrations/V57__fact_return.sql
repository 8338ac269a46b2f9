-- Buyers' returns and refund requests (Shopee's get_return_list, `target: return`), one row per return. Staging is
-- a change log written with COPY, without keys (V44); the load keeps the row of the greatest envelope id.
create table staging.product_return (
    run_id        text           not null,
    source        text           not null,
    return_id     text           not null,
    order_id      text           not null,
    product_id    text,
    quantity      integer,
    refund_amount numeric(18, 2),
    currency      char(3)        not null,
    reason        text,
    reason_text   text,
    status        text,
    returned_at   timestamptz    not null,
    changed_at    timestamptz,
    envelope_id   text           not null
);

-- The order is a degenerate dimension (its lines are in fact_sales under the same source and order id); the
-- product is the version valid when the return was requested, an inferred member until the product is loaded.
create table dw.fact_return (
    source        text           not null,
    return_id     text           not null,
    order_id      text           not null,
    product_id    text,
    product_key   bigint,
    quantity      integer,
    refund_amount numeric(18, 2),
    currency      char(3)        not null,
    exchange_rate numeric(18, 6),
    refund_vnd    numeric(20, 0),
    reason        text,
    reason_text   text,
    status        text,
    returned_at   timestamptz    not null,
    returned_date date           not null,
    date_key      integer        not null,
    changed_at    timestamptz,
    run_id        text           not null,
    envelope_id   text           not null,
    loaded_at     timestamptz    not null default now(),
    primary key (source, return_id)
);
