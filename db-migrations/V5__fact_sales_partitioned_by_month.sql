-- Order-line grain. PostgreSQL requires the partition key in every unique constraint, so the key is
-- (source, order_id, line_number, order_date); the fact loader moves a line whose order date changed.
create table dw.fact_sales (
    source          text           not null,
    order_id        text           not null,
    line_number     integer        not null,
    order_date      date           not null,
    order_ts        timestamptz    not null,
    date_key        integer        not null,
    customer_key    bigint         not null,
    product_key     bigint         not null,
    platform_key    integer        not null,
    geography_key   integer        not null,
    payment_method  text,
    order_status    text,
    quantity        integer        not null,
    unit_price      numeric(18, 2) not null,
    discount_amount numeric(18, 2) not null,
    gross_amount    numeric(18, 2) not null,
    net_amount      numeric(18, 2) not null,
    currency        char(3)        not null,
    exchange_rate   numeric(18, 6) not null,
    net_amount_vnd  numeric(20, 0) not null,
    run_id          text           not null,
    loaded_at       timestamptz    not null default now(),
    primary key (source, order_id, line_number, order_date)
) partition by range (order_date);

-- Monthly partitions are created by the fact loader for every month that arrives.
create function dw.ensure_fact_sales_partition(month_start date) returns void
language plpgsql as $$
declare
    partition_name text := format('fact_sales_%s', to_char(month_start, 'YYYY_MM'));
begin
    if to_regclass('dw.' || partition_name) is null then
        execute format('create table dw.%I partition of dw.fact_sales for values from (%L) to (%L)',
                       partition_name, month_start, (month_start + interval '1 month')::date);
    end if;
end;
$$;
