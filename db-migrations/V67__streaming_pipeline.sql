-- The real-time half (job ecommerce_streaming_pipeline): facts as the events arrive, 5-minute sales windows, and the
-- stream's own state. Every row is keyed by what identifies the event, so a redelivered, replayed or restarted
-- micro-batch changes nothing; each micro-batch writes its rows and its consumer positions in one transaction.
create schema if not exists rt;

-- Order lines as they are sold (sales_events, and the shop database's orders from cdc_orders), at the grain of
-- dw.fact_sales and with its natural key. The next dss_etl that loads the same line into dw.fact_sales stamps
-- reconciled_at; dw.v_sales_all counts each line once, from dw.fact_sales when it is there.
create table dw.fact_sales_realtime (
    source          text           not null,
    order_id        text           not null,
    line_number     integer        not null,
    event_id        text           not null,
    order_ts        timestamptz    not null,
    order_date      date           not null,      -- in Vietnam (Asia/Ho_Chi_Minh)
    window_start    timestamptz    not null,      -- the 5-minute window of order_ts
    customer_id     text,
    product_id      text           not null,
    platform        text           not null,
    province_code   text,
    region          text           not null,      -- NORTH, CENTRAL, SOUTH or UNKNOWN
    payment_method  text,
    order_status    text,
    quantity        integer        not null,
    unit_price      numeric(18, 0) not null,
    discount_amount numeric(18, 0) not null,
    net_amount_vnd  numeric(20, 0) not null,
    version         text           not null,      -- what orders the updates of one line: event time or LSN
    topic           text           not null,
    kafka_partition integer        not null,
    kafka_offset    bigint         not null,
    loaded_at       timestamptz    not null default clock_timestamp(),
    updated_at      timestamptz    not null default clock_timestamp(),
    reconciled_at   timestamptz,
    primary key (source, order_id, line_number)
);
create index fact_sales_realtime_window on dw.fact_sales_realtime (window_start);
create index fact_sales_realtime_open on dw.fact_sales_realtime (order_date) where reconciled_at is null;

-- Orders, revenue and average order value per 5 minutes, platform and region, recomputed from
-- dw.fact_sales_realtime for every window a micro-batch touched. late_events counts the events that arrived after
-- the window had closed (its end plus the allowed lateness behind the stream's watermark): they are in rt.quarantine.
create table dw.sales_window_5m (
    window_start        timestamptz    not null,
    window_end          timestamptz    not null,
    platform            text           not null,
    region              text           not null,
    orders              integer        not null,
    order_lines         integer        not null,
    revenue_vnd         numeric(20, 0) not null,
    avg_order_value_vnd numeric(20, 0) not null,
    late_events         integer        not null default 0,
    updated_at          timestamptz    not null default clock_timestamp(),
    primary key (window_start, platform, region)
);

-- Price changes (price_changes, and price updates of the shop's products from cdc_products).
create table dw.fact_price_realtime (
    event_id         text           primary key,
    source           text           not null,
    product_id       text           not null,
    event_type       text           not null,
    old_price_vnd    numeric(18, 0),
    new_price_vnd    numeric(18, 0) not null,
    discount_percent numeric(5, 2),
    voucher          text,
    occurred_at      timestamptz    not null,
    loaded_at        timestamptz    not null default clock_timestamp()
);
create index fact_price_realtime_product on dw.fact_price_realtime (source, product_id, occurred_at);

-- Stock counts (inventory_events, inventory updates on price_changes, and the shop's products from cdc_products).
create table dw.fact_inventory_realtime (
    event_id      text        primary key,
    source        text        not null,
    product_id    text        not null,
    stock         integer     not null,
    stock_change  integer,
    warehouse     text,
    province_code text,
    reason        text,
    occurred_at   timestamptz not null,
    loaded_at     timestamptz not null default clock_timestamp()
);
create index fact_inventory_realtime_product on dw.fact_inventory_realtime (source, product_id, occurred_at);

-- Payment and delivery events of orders (transaction_stream, and the shop's payments from cdc_payments).
create table dw.fact_order_event_realtime (
    event_id       text           primary key,
    source         text           not null,
    order_id       text           not null,
    event_type     text           not null,
    amount_vnd     numeric(20, 0),
    payment_method text,
    province_code  text,
    region         text,
    occurred_at    timestamptz    not null,
    loaded_at      timestamptz    not null default clock_timestamp()
);
create index fact_order_event_realtime_order on dw.fact_order_event_realtime (source, order_id);

-- Each line once: from dw.fact_sales when the batch has loaded it, else from the stream.
create view dw.v_sales_all as
select source, order_id, line_number, order_ts, order_date, quantity, net_amount_vnd, 'batch' as loaded_by
from dw.fact_sales
union all
select source, order_id, line_number, order_ts, order_date, quantity, net_amount_vnd, 'stream'
from dw.fact_sales_realtime r
where r.reconciled_at is null;

-- Where each consumer of the streaming pipeline goes on in each partition (the next offset), written in the
-- transaction of the micro-batch that read up to it; and its watermark per source, the latest event time it saw of
-- that source (a source whose events arrive late is judged by its own clock, not by a faster one's).
create table rt.consumer_position (
    consumer        text        not null,
    topic           text        not null,
    kafka_partition integer     not null,
    next_offset     bigint      not null,
    updated_at      timestamptz not null default clock_timestamp(),
    primary key (consumer, topic, kafka_partition)
);
create table rt.consumer_watermark (
    consumer   text        not null,
    source     text        not null,
    event_time timestamptz not null,
    updated_at timestamptz not null default clock_timestamp(),
    primary key (consumer, source)
);

-- Messages the pipeline could not take, with the reason: not decodable, failing a rule, or later than the allowed
-- lateness (reason_code 'late', with the window it belonged to). Nothing is dropped without a row here.
create table rt.quarantine (
    consumer        text        not null,
    topic           text        not null,
    kafka_partition integer     not null,
    kafka_offset    bigint      not null,
    event_id        text,
    reason_code     text        not null,
    reason          text        not null,
    window_start    timestamptz,
    platform        text,
    region          text,
    message         text        not null,    -- the message as text (UTF-8, or base64 of bytes that are not)
    quarantined_at  timestamptz not null default clock_timestamp(),
    primary key (consumer, topic, kafka_partition, kafka_offset)
);
