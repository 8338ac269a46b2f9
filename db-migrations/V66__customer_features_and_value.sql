-- The customer models (issue 11): point-in-time features per customer and day, and the scoring of the three
-- customer models. ml.customer_feature holds each customer's features as the warehouse knew them at the end of
-- as_of_date (only orders and activity up to that day), written by the scoring and read back by it; recency and
-- gaps in days, amounts in VND. ml.customer_value holds one row per customer: each of the three score steps
-- (customer-value, churn, customer-segments) fills its own columns of the row, with the version that made them.
create table ml.customer_feature (
    source             text           not null,
    customer_id        text           not null,
    as_of_date         date           not null,
    recency_days       integer        not null,
    tenure_days        integer        not null,
    orders_30          integer        not null,
    orders_90          integer        not null,
    orders_365         integer        not null,
    orders_all         integer        not null,
    orders_prev_90     integer        not null,
    spend_30_vnd       numeric(20, 0) not null,
    spend_90_vnd       numeric(20, 0) not null,
    spend_365_vnd      numeric(20, 0) not null,
    spend_all_vnd      numeric(20, 0) not null,
    spend_prev_90_vnd  numeric(20, 0) not null,
    mean_gap_days      numeric(10, 2),
    last_gap_days      integer,
    avg_order_vnd      numeric(20, 0) not null,
    avg_items          numeric(10, 2) not null,
    events_30          integer        not null,
    events_90          integer        not null,
    sessions_90        integer        not null,
    run_id             text           not null,
    primary key (source, customer_id, as_of_date)
);

create table ml.customer_value (
    source                text           not null,
    customer_id           text           not null,
    predicted_value_vnd   numeric(20, 0),
    value_horizon_days    integer,
    churn_probability     numeric(5, 4),
    segment               text,
    model_version         integer,
    churn_model_version   integer,
    segment_model_version integer,
    origin_date           date           not null,
    run_id                text           not null,
    scored_at             timestamptz    not null default now(),
    primary key (source, customer_id)
);
create index customer_value_segment on ml.customer_value (segment);
