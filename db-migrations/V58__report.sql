-- Every business report file made: one row per report, period and format, so that re-running a period replaces
-- its row (and its file, at the same path) instead of adding one. path is relative to the data directory.
create table ops.report_file (
    id           bigserial primary key,
    report       text        not null,
    period_kind  text        not null check (period_kind in ('daily', 'weekly', 'monthly', 'quarterly')),
    period_start date        not null,
    period_end   date        not null,
    period_label text        not null,
    format       text        not null check (format in ('html', 'xlsx', 'pdf')),
    path         text        not null,
    bytes        bigint      not null,
    sha256       text        not null,
    run_id       text        not null,
    created_at   timestamptz not null default now(),
    check (period_start <= period_end),
    unique (report, period_kind, period_start, format)
);

create index report_file_newest on ops.report_file (period_start desc, report, period_kind);
