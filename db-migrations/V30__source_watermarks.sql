-- Incremental extraction: per source and entity, the change marker (a timestamp, a date, or Kafka partition
-- offsets) up to which the last completed extract read. A full refresh ignores it and rewrites it.
create table ops.source_watermark (
    source     text        not null,
    entity     text        not null,
    watermark  text        not null,
    run_id     text        not null,
    updated_at timestamptz not null default now(),
    primary key (source, entity)
);
