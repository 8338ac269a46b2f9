-- Each mart has a unique index so that it refreshes CONCURRENTLY while dashboards read it.
create materialized view mart.mv_monthly_sales as
select date_trunc('month', f.order_date)::date          as month,
       p.platform_code,
       g.region,
       count(distinct (f.source, f.order_id))           as orders,
       count(*)                                         as order_lines,
       sum(f.quantity)                                  as units,
       sum(f.net_amount_vnd)                            as revenue_vnd,
       count(distinct f.customer_key)                   as customers
from dw.fact_sales f
join dw.dim_platform p on p.platform_key = f.platform_key
join dw.dim_geography g on g.geography_key = f.geography_key
group by 1, 2, 3;
create unique index mv_monthly_sales_key on mart.mv_monthly_sales (month, platform_code, region);

create materialized view mart.mv_customer_analytics as
select c.source,
       c.customer_id,
       c.full_name,
       c.city,
       c.region,
       c.customer_segment,
       count(distinct f.order_id)                        as orders,
       coalesce(sum(f.net_amount_vnd), 0)                as revenue_vnd,
       min(f.order_date)                                 as first_order_date,
       max(f.order_date)                                 as last_order_date,
       coalesce(sum(f.net_amount_vnd) / nullif(count(distinct f.order_id), 0), 0) as avg_order_value_vnd
from dw.dim_customer c
left join dw.dim_customer v on v.source = c.source and v.customer_id = c.customer_id
left join dw.fact_sales f on f.customer_key = v.customer_key
where c.is_current
group by c.source, c.customer_id, c.full_name, c.city, c.region, c.customer_segment;
create unique index mv_customer_analytics_key on mart.mv_customer_analytics (source, customer_id);

create materialized view mart.mv_product_performance as
select p.source,
       p.product_id,
       p.title,
       p.category,
       p.brand,
       count(distinct f.order_id)          as orders,
       coalesce(sum(f.quantity), 0)        as units,
       coalesce(sum(f.net_amount_vnd), 0)  as revenue_vnd
from dw.dim_product p
left join dw.dim_product v on v.source = p.source and v.product_id = p.product_id
left join dw.fact_sales f on f.product_key = v.product_key
where p.is_current
group by p.source, p.product_id, p.title, p.category, p.brand;
create unique index mv_product_performance_key on mart.mv_product_performance (source, product_id);
