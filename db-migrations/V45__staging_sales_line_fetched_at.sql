-- When a line's envelope was first fetched: of one line delivered twice in a run (a full refresh replays every
-- envelope in the lake), the fact load keeps the most recently fetched.
alter table staging.sales_line add column fetched_at timestamptz;
