-- Every alert delivery per channel: what keeps an alert's repeat within the quiet period quiet, and
-- the operator's record of what was sent, suppressed, skipped (channel not configured) or failed.
create table ops.alert_delivery (
    id          bigserial primary key,
    alert_key   text        not null,
    channel     text        not null,
    kind        text        not null,
    job         text,
    run_id      text,
    title       text        not null,
    outcome     text        not null check (outcome in ('sent', 'suppressed', 'skipped', 'failed')),
    error       text,
    at          timestamptz not null default now()
);

create index alert_delivery_last_sent on ops.alert_delivery (alert_key, channel, at desc) where outcome = 'sent';
