-- Listing pages of scraped sites that yielded no item where items were expected: the site changed its markup.
-- The raw quality check fails the run on any of these, naming the URL and the selector.
create table dq.page_drift (
    run_id      text        not null,
    source      text        not null,
    entity      text        not null,
    url         text        not null,
    selector    text        not null,
    detected_at timestamptz not null default now(),
    primary key (run_id, source, entity, url)
);
