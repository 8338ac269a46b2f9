-- Staging is written with COPY, one transaction per chunk together with the reader's position, so a chunk is
-- never stored twice; the multi-column text keys cost more to maintain than the whole COPY. A record delivered
-- twice in one run under different payloads is resolved by the loads (the SCD2 merge orders a key's rows by
-- event time; the fact loads keep the row of the greatest envelope id).
alter table staging.customer drop constraint customer_pkey;
alter table staging.product drop constraint product_pkey;
alter table staging.sales_line drop constraint sales_line_pkey;
alter table staging.platform drop constraint platform_pkey;
alter table staging.review drop constraint review_pkey;
