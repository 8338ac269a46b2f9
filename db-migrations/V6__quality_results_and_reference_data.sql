-- One row per quality check per run, and the run's overall score.
create table dq.check_result (
    id          bigserial primary key,
    run_id      text        not null,
    stage       text        not null,
    rule        text        not null,
    target      text        not null,
    severity    text        not null,
    checked     bigint      not null,
    failed      bigint      not null,
    ratio       numeric(9, 6) not null,
    threshold   numeric(9, 6) not null,
    passed      boolean     not null,
    sample_keys text[]      not null default '{}',
    checked_at  timestamptz not null default now()
);
create index check_result_run on dq.check_result (run_id, stage);

create table dq.run_score (
    run_id     text        not null,
    stage      text        not null,
    score      numeric(7, 6) not null,
    checks     integer     not null,
    failed     integer     not null,
    scored_at  timestamptz not null default now(),
    primary key (run_id, stage)
);

-- Reference rates to VND, by the date they take effect; a rate applies until the next one.
create table ops.exchange_rate (
    currency    char(3)        not null,
    valid_from  date           not null,
    rate_to_vnd numeric(18, 6) not null check (rate_to_vnd > 0),
    note        text,
    primary key (currency, valid_from)
);
insert into ops.exchange_rate (currency, valid_from, rate_to_vnd, note) values
    ('VND', '1900-01-01', 1, 'identity'),
    ('USD', '1900-01-01', 23000, 'floor for history before the first recorded rate'),
    ('USD', '2023-01-01', 23500, 'approximate interbank reference'),
    ('USD', '2024-01-01', 24300, 'approximate interbank reference'),
    ('USD', '2025-01-01', 25400, 'approximate interbank reference'),
    ('USD', '2026-01-01', 26300, 'approximate interbank reference');
