-- What each realtime_monitoring run measured: per check (freshness, consumer_lag, volume, job_lateness) and subject
-- (a source's entity 'dummyjson/products', a topic, a consumer 'source:events' with its topic and partition, a job),
-- the value against its threshold and whether it alerted. measured_at is the moment measured (the run's as_of),
-- recorded_at when the row was written: the gauges read the rows of the last hour, and each monitoring step deletes
-- its check's rows recorded longer ago than its keep: period.
create table ops.monitoring_result (
    id           bigserial primary key,
    run_id       text             not null,
    measured_at  timestamptz      not null,
    recorded_at  timestamptz      not null default now(),
    "check"      text             not null check ("check" in ('freshness', 'consumer_lag', 'volume', 'job_lateness')),
    subject_kind text             not null check (subject_kind in ('source', 'topic', 'consumer', 'job')),
    subject      text             not null,
    topic        text,
    partition    integer,
    value        double precision,
    threshold    double precision not null,
    status       text             not null check (status in ('ok', 'alert')),
    detail       text             not null
);

create index monitoring_result_recorded on ops.monitoring_result ("check", recorded_at);
create index monitoring_result_run on ops.monitoring_result (run_id);
