-- Staging becomes a change log: one row per raw envelope (a key changed twice in one run stages twice), with the
-- source's delete marker. The merge applies a key's rows in event-time order.
alter table staging.customer drop constraint customer_pkey;
alter table staging.customer add column is_deleted boolean not null default false;
alter table staging.customer add primary key (run_id, source, customer_id, envelope_id);

alter table staging.product drop constraint product_pkey;
alter table staging.product add column is_deleted boolean not null default false;
alter table staging.product add column platform text;
alter table staging.product add primary key (run_id, source, product_id, envelope_id);

create table staging.platform (
    run_id          text not null,
    source          text not null,
    platform_code   text not null,
    platform_name   text,
    platform_type   text,
    commission_rate numeric(6, 4),
    changed_at      timestamptz,
    is_deleted      boolean not null default false,
    envelope_id     text not null,
    primary key (run_id, source, platform_code, envelope_id)
);

-- A version closed because its key was deleted (marker or disappearance from a full snapshot) is followed by no
-- version, or by a later one after a gap; every other closed version is followed by one starting at its valid_to.
alter table dw.dim_customer add column closed_by_delete boolean not null default false;
alter table dw.dim_customer add column envelope_id text;
alter table dw.dim_product add column closed_by_delete boolean not null default false;
alter table dw.dim_product add column envelope_id text;

-- dim_platform joins the generic SCD2 merge: same bookkeeping columns as the other versioned dimensions.
alter table dw.dim_platform add column source text not null default 'reference';
alter table dw.dim_platform add column row_hash text;
update dw.dim_platform set row_hash = md5(row(platform_name, platform_type, commission_rate)::text);
alter table dw.dim_platform alter column row_hash set not null;
alter table dw.dim_platform add column is_inferred boolean not null default false;
alter table dw.dim_platform add column closed_by_delete boolean not null default false;
alter table dw.dim_platform add column run_id text not null default 'V40';
alter table dw.dim_platform alter column run_id drop default;
alter table dw.dim_platform add column envelope_id text;
alter table dw.dim_platform add column updated_at timestamptz not null default now();
alter table dw.dim_platform alter column platform_name drop not null;
alter table dw.dim_platform alter column platform_type drop not null;
alter table dw.dim_platform add check (valid_from < valid_to);
create unique index dim_platform_version on dw.dim_platform (platform_code, valid_from);

