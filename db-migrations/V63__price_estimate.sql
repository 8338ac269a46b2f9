-- The price model's scoring (issue 11): each current listing's expected price from its attributes and the
-- competition's prices, made by the champion of job-definitions/models/price.yml as of the end of origin_date.
-- estimated_price and actual_price are in VND; price_gap_ratio is (actual - estimated) / estimated, and flagged
-- marks a listing priced further from expectation than the model's flag-ratio.
create table ml.price_estimate (
    source          text           not null,
    product_id      text           not null,
    estimated_price numeric(18, 2) not null,
    actual_price    numeric(18, 2) not null,
    price_gap_ratio numeric(12, 6) not null,
    flagged         boolean        not null,
    model_version   integer        not null,
    origin_date     date           not null,
    run_id          text           not null,
    scored_at       timestamptz    not null default now(),
    primary key (source, product_id, origin_date)
);
create index price_estimate_flagged on ml.price_estimate (origin_date) where flagged;
