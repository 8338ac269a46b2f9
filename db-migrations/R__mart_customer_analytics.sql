-- The current definitions of mart.mv_customer_analytics and mart.mv_customer_rfm, which reads it: a repeatable
-- migration, which Flyway runs again after the versioned ones whenever this file changes (V7, V43 and V53 are
-- their history, left as applied). RFM lives here because rebuilding analytics must drop it, and a file of its
-- own, unchanged, would not be run again; MartRefresher refreshes the two in the same order.
-- No CASCADE on the drops: a mart in another file that read these would be dropped and never rebuilt, so
-- PostgreSQL refusing the drop says to move that mart into this file.
-- A unique index lets each mart refresh CONCURRENTLY while dashboards read it.
drop materialized view if exists mart.mv_customer_rfm;
drop materialized view if exists mart.mv_customer_analytics;

-- Every current customer with their orders, revenue and first and last order dates over all their versions.
create materialized view mart.mv_customer_analytics as
with per_order as (
    select v.source, v.customer_id, f.order_id, sum(f.net_amount_vnd) as revenue_vnd,
           min(f.order_date) as first_order_date, max(f.order_date) as last_order_date
    from dw.fact_sales f
    join dw.dim_customer v on v.customer_key = f.customer_key
    group by v.source, v.customer_id, f.order_id),
per_customer as (
    select source, customer_id, count(*) as orders, sum(revenue_vnd) as revenue_vnd,
           min(first_order_date) as first_order_date, max(last_order_date) as last_order_date
    from per_order
    group by source, customer_id)
select c.source,
       c.customer_id,
       c.full_name,
       c.city,
       c.region,
       c.customer_segment,
       coalesce(p.orders, 0)                                 as orders,
       coalesce(p.revenue_vnd, 0)                            as revenue_vnd,
       p.first_order_date,
       p.last_order_date,
       coalesce(p.revenue_vnd / nullif(p.orders, 0), 0)      as avg_order_value_vnd
from dw.dim_customer c
left join per_customer p on p.source = c.source and p.customer_id = c.customer_id
where c.is_current;
create unique index mv_customer_analytics_key on mart.mv_customer_analytics (source, customer_id);

-- Recency, frequency and monetary scores (1 to 5, 5 best) of every customer who ordered, as of the last order
-- date in the warehouse.
create materialized view mart.mv_customer_rfm as
with as_of as (select max(last_order_date) as as_of_date from mart.mv_customer_analytics),
     scored as (
         select a.source, a.customer_id, a.customer_segment, a.last_order_date, a.orders, a.revenue_vnd,
                o.as_of_date,
                o.as_of_date - a.last_order_date                          as recency_days,
                ntile(5) over (order by a.last_order_date, a.source, a.customer_id) as r_score,
                ntile(5) over (order by a.orders, a.source, a.customer_id)          as f_score,
                ntile(5) over (order by a.revenue_vnd, a.source, a.customer_id)     as m_score
         from mart.mv_customer_analytics a cross join as_of o
         where a.orders > 0)
select s.*,
       s.r_score * 100 + s.f_score * 10 + s.m_score as rfm_cell,
       case when s.r_score >= 4 and s.f_score >= 4 and s.m_score >= 4 then 'champions'
            when s.r_score >= 3 and s.f_score >= 3                     then 'loyal'
            when s.r_score >= 4 and s.f_score <= 2                     then 'new_or_promising'
            when s.r_score <= 2 and s.f_score >= 3                     then 'at_risk'
            when s.r_score <= 2 and s.f_score <= 2                     then 'hibernating'
            else 'needs_attention' end                                 as rfm_segment
from scored s;
create unique index mv_customer_rfm_key on mart.mv_customer_rfm (source, customer_id);
