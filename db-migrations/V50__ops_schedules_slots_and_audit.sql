-- A schedule an operator paused stays paused across restarts and for every server instance.
create table ops.schedule_state (
    job_name   text        primary key,
    paused     boolean     not null,
    changed_by text        not null,
    changed_at timestamptz not null default now()
);

-- One row per cron slot of a job: the instance that inserts it launches the slot, so instances sharing this
-- database fire each slot once.
create table ops.schedule_fire (
    job_name     text        not null,
    slot         timestamptz not null,
    instance     text        not null,
    claimed_at   timestamptz not null default now(),
    execution_id bigint,
    outcome      text        not null default 'claimed',
    primary key (job_name, slot)
);

-- Every operator action through the admin API or the dashboard: who, what, on what, when and how it ended.
create table ops.audit_log (
    id        bigserial   primary key,
    at        timestamptz not null default now(),
    actor     text        not null,
    action    text        not null,
    target    text        not null,
    outcome   text        not null,
    detail    text
);
create index audit_log_at on ops.audit_log (at desc);
