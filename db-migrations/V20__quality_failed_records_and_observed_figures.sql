-- Every record that failed a quality rule in a run (not only the sample kept in dq.check_result), so that a run's
-- findings can be listed and measured; records failing an error rule are the quarantined ones.
create table dq.failed_record (
    run_id      text        not null,
    stage       text        not null,
    rule        text        not null,
    target      text        not null,
    record_key  text        not null,
    severity    text        not null,
    quarantined boolean     not null,
    reason      text        not null,
    envelope_id text,
    recorded_at timestamptz not null default now()
);
create index failed_record_run on dq.failed_record (run_id, stage, rule);

-- The figure a rule measured when it is not a count of records: a row count (row-count-change compares it with
-- the previous run's), an age in seconds (freshness).
alter table dq.check_result add column observed numeric;
alter table dq.check_result add column rule_type text;
