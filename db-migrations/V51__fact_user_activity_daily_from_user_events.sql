-- Daily user activity from the behaviour event streams (events/user_events, about 1,000 events a minute at scale 1).

-- One reusable way to create a month's partition of a dw table partitioned by a date; fact_sales' function keeps
-- its name and now uses it.
create function dw.ensure_monthly_partition(parent text, month_start date) returns void
language plpgsql as $$
declare
    partition_name text := format('%s_%s', parent, to_char(month_start, 'YYYY_MM'));
begin
    if to_regclass('dw.' || partition_name) is null then
        execute format('create table dw.%I partition of dw.%I for values from (%L) to (%L)',
                       partition_name, parent, month_start, (month_start + interval '1 month')::date);
    end if;
end;
$$;

create or replace function dw.ensure_fact_sales_partition(month_start date) returns void
language plpgsql as $$
begin
    perform dw.ensure_monthly_partition('fact_sales', month_start);
end;
$$;

-- An event's key: the first 64 bits of SHA-256 over (source, event_id), as the transform stages it
-- (vn.ecomdss.transform.WarehouseKey).
create function dw.user_event_key(source text, event_id text) returns bigint
language sql immutable parallel safe as $$
    select ('x' || left(encode(sha256(convert_to(source || chr(31) || event_id, 'UTF8')), 'hex'), 16))::bit(64)::bigint
$$;

-- A run's transformed events, one row per raw envelope (an event delivered twice under different payloads stages
-- twice; the load counts it once). customer_source is the source whose customer customer_id is.
create table staging.activity_event (
    run_id          text        not null,
    source          text        not null,
    event_id        text        not null,
    event_key       bigint      not null,
    event_type      text        not null,
    occurred_at     timestamptz not null,
    customer_source text        not null,
    customer_id     text        not null,
    session_id      text,
    product_id      text,
    platform        text        not null,
    envelope_id     text        not null,
    fetched_at      timestamptz
);

-- Every event counted into dw.fact_user_activity_daily, once: the load adds only events whose key it does not
-- hold yet (in any month), so a re-delivered or replayed event counts once, whichever run brings it. It also
-- holds each event's session and product, so that a day's distinct counts stay exact when the day's events arrive
-- over several runs, and its envelope: the lineage of every fact row back to its raw events. It is the large
-- table (1.44 million rows a day at scale 1), so it is partitioned by month like the fact; dropping an old month
-- bounds it, at the price of no longer recognising that month's events if they are delivered again.
create table dw.user_activity_ledger (
    event_key     bigint      not null,
    activity_date date        not null,
    source        text        not null,
    event_id      text        not null,
    occurred_at   timestamptz not null,
    customer_key  bigint      not null,
    platform_key  integer     not null,
    event_type    text        not null,
    session_id    text,
    product_id    text,
    run_id        text        not null,
    envelope_id   text        not null,
    primary key (event_key, activity_date)
) partition by range (activity_date);
create index user_activity_ledger_day_customer on dw.user_activity_ledger (activity_date, customer_key);

-- Grain: one row per activity_date (occurred_at's date in Asia/Ho_Chi_Minh) x event source x customer (the
-- dim_customer version valid when the event occurred; an inferred member when the customer is not yet known)
-- x platform (the dim_platform version valid then) x event type. events counts the events, sessions and products
-- the distinct session and product ids among them. run_id is the run that last changed the row, envelope_id the
-- envelope of its latest event (all of them: dw.user_activity_ledger). Monthly partitions, created by the load for
-- every month that arrives: the simulator's 600 customers make a few thousand rows a day, a real customer base
-- millions, and reports read it by date range.
create table dw.fact_user_activity_daily (
    activity_date date        not null,
    date_key      integer     not null,
    source        text        not null,
    customer_key  bigint      not null,
    platform_key  integer     not null,
    event_type    text        not null,
    events        integer     not null check (events > 0),
    sessions      integer     not null check (sessions <= events),
    products      integer     not null check (products <= events),
    run_id        text        not null,
    envelope_id   text        not null,
    loaded_at     timestamptz not null default now(),
    primary key (activity_date, source, customer_key, platform_key, event_type)
) partition by range (activity_date);
