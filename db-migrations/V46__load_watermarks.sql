-- Incremental loads: for a listing marked incremental, a run transforms only the envelopes that the last
-- completed run did not see (new records, changed ones, and ones that changed back). The watermark of a
-- (source, entity) is that last completed run; a run's listings wait in load_watermark_pending until it completes.
create table ops.load_watermark (
    source      text        not null,
    entity      text        not null,
    run_id      text        not null,
    advanced_at timestamptz not null default now(),
    primary key (source, entity)
);

create table ops.load_watermark_pending (
    run_id text not null,
    source text not null,
    entity text not null,
    primary key (run_id, source, entity)
);
