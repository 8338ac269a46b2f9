-- The current definition of mart.mv_product_performance: a repeatable migration, which Flyway runs again after the
-- versioned ones whenever this file changes (V7 and V53 are its history, left as applied).
-- No CASCADE on the drop: a mart in another file that read this one would be dropped and never rebuilt, so
-- PostgreSQL refusing the drop says to move that mart into this file.
-- A unique index lets the mart refresh CONCURRENTLY while dashboards read it.
drop materialized view if exists mart.mv_product_performance;

-- Every current product with its orders, units and revenue over all its versions.
create materialized view mart.mv_product_performance as
with per_order as (
    select v.source, v.product_id, f.order_id, sum(f.quantity) as units, sum(f.net_amount_vnd) as revenue_vnd
    from dw.fact_sales f
    join dw.dim_product v on v.product_key = f.product_key
    group by v.source, v.product_id, f.order_id),
per_product as (
    select source, product_id, count(*) as orders, sum(units)::bigint as units, sum(revenue_vnd) as revenue_vnd
    from per_order
    group by source, product_id)
select p.source,
       p.product_id,
       p.title,
       p.category,
       p.brand,
       coalesce(s.orders, 0)       as orders,
       coalesce(s.units, 0)        as units,
       coalesce(s.revenue_vnd, 0)  as revenue_vnd
from dw.dim_product p
left join per_product s on s.source = p.source and s.product_id = p.product_id
where p.is_current;
create unique index mv_product_performance_key on mart.mv_product_performance (source, product_id);
