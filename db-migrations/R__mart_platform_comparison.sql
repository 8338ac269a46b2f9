-- The current definition of mart.mv_platform_comparison: a repeatable migration, which Flyway runs again after the
-- versioned ones whenever this file changes (V43 is its history, left as applied).
-- No CASCADE on the drop: a mart in another file that read this one would be dropped and never rebuilt, so
-- PostgreSQL refusing the drop says to move that mart into this file.
-- A unique index lets the mart refresh CONCURRENTLY while dashboards read it.
drop materialized view if exists mart.mv_platform_comparison;

-- Platforms side by side per month, with the commission each order line paid under the platform version valid
-- at the order (commission rates change over time; dim_platform is SCD2).
create materialized view mart.mv_platform_comparison as
select date_trunc('month', f.order_date)::date                                        as month,
       p.platform_code,
       count(distinct f.order_id)                                                     as orders,
       count(*)                                                                       as order_lines,
       sum(f.quantity)                                                                as units,
       sum(f.net_amount_vnd)                                                          as revenue_vnd,
       round(sum(f.net_amount_vnd * coalesce(p.commission_rate, 0)))                  as commission_vnd,
       sum(f.net_amount_vnd) - round(sum(f.net_amount_vnd * coalesce(p.commission_rate, 0))) as seller_net_vnd,
       count(distinct f.customer_key)                                                 as customers,
       round(sum(f.net_amount_vnd) / nullif(count(distinct f.order_id), 0))           as avg_order_value_vnd,
       round(count(*) filter (where f.order_status in ('cancelled', 'returned'))::numeric / count(*), 4)
                                                                                      as cancel_return_ratio
from dw.fact_sales f
join dw.dim_platform p on p.platform_key = f.platform_key
group by 1, 2;
create unique index mv_platform_comparison_key on mart.mv_platform_comparison (month, platform_code);
