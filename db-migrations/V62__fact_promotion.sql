-- Promotions as a fact (`target: promotion`): a product's flash sale, voucher or campaign over whole Vietnamese
-- days, known in advance, so that forecasts can read the promotions planned in their horizon. Staging is a change
-- log written with COPY, without keys (V44); the load keeps the row of the greatest envelope id.
create table staging.promotion (
    run_id           text          not null,
    source           text          not null,
    promotion_id     text          not null,
    product_id       text          not null,
    promotion_type   text          not null,
    name             text,
    start_date       date          not null,
    end_date         date          not null,
    discount_percent numeric(5, 2),
    discount_amount  numeric(18, 2),
    currency         char(3)       not null,
    announced_at     timestamptz,
    envelope_id      text          not null
);

-- One row per promotion of a source. The product is named by its source and natural id, which hold for the whole
-- range; product_key is its version in force at the end of the first day (the current one for a promotion still
-- to come), an inferred member until the product is loaded. The amount off is also in VND at the rate of the first day.
create table dw.fact_promotion (
    promotion_key    bigint        generated always as identity primary key,
    source           text          not null,
    promotion_id     text          not null,
    product_id       text          not null,
    product_key      bigint,
    promotion_type   text          not null,
    name             text,
    start_date       date          not null,
    end_date         date          not null,
    discount_percent numeric(5, 2) check (discount_percent between 0 and 100),
    discount_amount  numeric(18, 2) check (discount_amount >= 0),
    currency         char(3)       not null,
    exchange_rate    numeric(18, 6),
    discount_vnd     numeric(20, 0),
    announced_at     timestamptz,
    run_id           text          not null,
    envelope_id      text          not null,
    loaded_at        timestamptz   not null default now(),
    unique (source, promotion_id),
    check (end_date >= start_date)
);

create index fact_promotion_product_days on dw.fact_promotion (source, product_id, start_date, end_date);

-- Each promotion's days that fall in [from_day, to_day], one row per promotion and day (a product on a flash sale
-- with a voucher has two rows that day). Set-based, and clipped to the window, so a promotion running for years
-- costs only the days asked for. announced_at tells a point-in-time feature whether the promotion was known yet.
create function dw.promotion_day(from_day date, to_day date)
    returns table (source text, product_id text, product_key bigint, day date, promotion_key bigint,
                   promotion_id text, promotion_type text, discount_percent numeric, discount_vnd numeric,
                   announced_at timestamptz)
    language sql stable
as $$
    select p.source, p.product_id, p.product_key, d::date, p.promotion_key, p.promotion_id, p.promotion_type,
           p.discount_percent, p.discount_vnd, p.announced_at
    from dw.fact_promotion p
    cross join lateral generate_series(greatest(p.start_date, from_day), least(p.end_date, to_day),
                                       interval '1 day') d
    where p.start_date <= to_day and p.end_date >= from_day
$$;
