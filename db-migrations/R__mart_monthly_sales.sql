-- The current definition of mart.mv_monthly_sales: a repeatable migration, which Flyway runs again after the
-- versioned ones whenever this file changes (V7 and V53 are its history, left as applied).
-- No CASCADE on the drop: a mart in another file that read this one would be dropped and never rebuilt, so
-- PostgreSQL refusing the drop says to move that mart into this file.
-- A unique index lets the mart refresh CONCURRENTLY while dashboards read it.
drop materialized view if exists mart.mv_monthly_sales;

-- Orders, lines, units, revenue and customers per month, platform and region; lines are aggregated to orders
-- first so that distinct orders are counted in hash steps, not by sorting every line.
create materialized view mart.mv_monthly_sales as
with per_order as (
    select date_trunc('month', f.order_date)::date as month, f.platform_key, f.geography_key, f.customer_key,
           f.source, f.order_id, count(*) as order_lines, sum(f.quantity) as units,
           sum(f.net_amount_vnd) as revenue_vnd
    from dw.fact_sales f
    group by 1, 2, 3, 4, 5, 6),
per_customer as (
    select o.month, p.platform_code, g.region, o.customer_key, count(*) as orders,
           sum(o.order_lines) as order_lines, sum(o.units) as units, sum(o.revenue_vnd) as revenue_vnd
    from per_order o
    join dw.dim_platform p on p.platform_key = o.platform_key
    join dw.dim_geography g on g.geography_key = o.geography_key
    group by 1, 2, 3, 4)
select month, platform_code, region,
       sum(orders)::bigint      as orders,
       sum(order_lines)::bigint as order_lines,
       sum(units)::bigint       as units,
       sum(revenue_vnd)         as revenue_vnd,
       count(*)                 as customers
from per_customer
group by 1, 2, 3;
create unique index mv_monthly_sales_key on mart.mv_monthly_sales (month, platform_code, region);
