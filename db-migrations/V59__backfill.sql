-- Backfills: one row per job and date range, so that a second request for the same range, or a server started
-- after the one driving it died, resumes it. Which dates are done is not kept here: each date's run has a run_id
-- made from the job and the date, and its executions are in the job repository.
create table ops.backfill (
    id           bigserial primary key,
    job_name     text        not null,
    from_date    date        not null,
    to_date      date        not null check (to_date >= from_date),
    concurrency  int         not null check (concurrency between 1 and 8),
    state        text        not null check (state in ('RUNNING', 'COMPLETED', 'FAILED')),
    requested_by text        not null,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    unique (job_name, from_date, to_date)
);
