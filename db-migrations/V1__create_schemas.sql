-- The warehouse's layers: staging (per-run landing tables), dw (star schema), mart (materialised views),
-- dq (data-quality results) and ops (operational reference data and run bookkeeping).
create schema if not exists staging;
create schema if not exists dw;
create schema if not exists mart;
create schema if not exists dq;
create schema if not exists ops;
