-- The models' schema: the registry of trained versions, the demand features as of each origin date, and the forecasts
-- BI tools and reports read.
create schema if not exists ml;

-- Every trained version of every model. One champion per model at most; a candidate that did not beat its baseline
-- and the champion stays a candidate, with the reason. The artifact is the trained network's parameters.
create table ml.model_registry (
    model               text        not null,
    version             integer     not null,
    kind                text        not null,
    status              text        not null check (status in ('candidate', 'champion', 'retired')),
    trained_at          timestamptz not null default now(),
    run_id              text        not null,
    training_cutoff     date        not null,
    data_from           date        not null,
    data_to             date        not null,
    code_version        text        not null,
    parameters          jsonb       not null,
    metrics             jsonb       not null,
    baseline_metrics    jsonb       not null,
    folds               jsonb       not null,
    decision            text        not null,
    artifact            bytea       not null,
    artifact_sha256     text        not null,
    promoted_at         timestamptz,
    retired_at          timestamptz,
    primary key (model, version),
    unique (model, run_id)
);
create unique index model_registry_one_champion on ml.model_registry (model) where status = 'champion';

-- Demand per product and day, zeros included, from the first day a product sold up to the day the features were built
-- for: the series every demand feature is computed from.
create table ml.demand_daily (
    source      text           not null,
    product_id  text           not null,
    day         date           not null,
    quantity    integer        not null,
    unit_price  numeric(18, 2),
    primary key (source, product_id, day)
);

-- The point-in-time features of one demand forecast: made as of origin_date from what was known that day only, for
-- target_date = origin_date + horizon. quantity is what happened on target_date (null when it has not happened yet).
create table ml.demand_feature (
    source        text    not null,
    product_id    text    not null,
    origin_date   date    not null,
    target_date   date    not null,
    horizon       integer not null check (horizon > 0),
    features      real[]  not null,
    quantity      integer,
    built_by      text    not null,
    primary key (source, product_id, origin_date, target_date)
);

create table ml.demand_forecast (
    source         text           not null,
    product_id     text           not null,
    forecast_date  date           not null,
    quantity       numeric(12, 3) not null,
    lower          numeric(12, 3) not null,
    upper          numeric(12, 3) not null,
    model_version  integer        not null,
    origin_date    date           not null,
    run_id         text           not null,
    scored_at      timestamptz    not null default now(),
    primary key (source, product_id, origin_date, forecast_date),
    check (lower <= quantity and quantity <= upper)
);
create index demand_forecast_latest on ml.demand_forecast (source, product_id, forecast_date);
