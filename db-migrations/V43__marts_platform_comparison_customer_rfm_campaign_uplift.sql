-- The double-day shopping festivals (9/9, 10/10, 11/11, 12/12), one period each, from the calendar's own flag.
insert into dw.campaign_period (campaign_code, campaign_type, campaign_name, starts_on, ends_on)
select format('double-day-%s-%s', year, month), 'double_day', format('%s.%s %s', day, month, year), full_date, full_date
from dw.dim_date
where is_double_day_festival;

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

-- Recency, frequency and monetary scores (1 to 5, 5 best) of every customer who ordered, as of the last order
-- date in the warehouse; built on mv_customer_analytics, so it is refreshed after it.
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

-- Each campaign period's daily revenue against comparable ordinary days: the days of the four weeks before it
-- that fall in no campaign period. Only periods with sales data on both sides appear.
create materialized view mart.mv_campaign_uplift as
with span as (select min(order_date) as first_day, max(order_date) as last_day from dw.fact_sales),
     daily as (
         select d.full_date, d.is_weekend,
                coalesce(sum(f.net_amount_vnd), 0)   as revenue_vnd,
                count(distinct f.order_id)           as orders
         from span
         join dw.dim_date d on d.full_date between span.first_day and span.last_day
         left join dw.fact_sales f on f.order_date = d.full_date
         group by d.full_date, d.is_weekend),
     in_campaign as (
         select c.campaign_code, d.*
         from dw.campaign_period c join daily d on d.full_date between c.starts_on and c.ends_on),
     baseline as (
         select c.campaign_code, d.*
         from dw.campaign_period c
         join daily d on d.full_date between c.starts_on - 28 and c.starts_on - 1
         where not exists (select 1 from dw.campaign_period o where d.full_date between o.starts_on and o.ends_on)),
     campaign_side as (
         select campaign_code, count(*) as days, sum(orders) as orders, avg(revenue_vnd) as daily_revenue_vnd
         from in_campaign group by campaign_code),
     baseline_side as (
         select campaign_code, count(*) as days, sum(orders) as orders, avg(revenue_vnd) as daily_revenue_vnd
         from baseline group by campaign_code)
select c.campaign_code, c.campaign_type, c.campaign_name, c.starts_on, c.ends_on,
       cs.days                               as campaign_days,
       cs.orders                             as campaign_orders,
       round(cs.daily_revenue_vnd)           as campaign_daily_revenue_vnd,
       bs.days                               as baseline_days,
       bs.orders                             as baseline_orders,
       round(bs.daily_revenue_vnd)           as baseline_daily_revenue_vnd,
       round(cs.daily_revenue_vnd / nullif(bs.daily_revenue_vnd, 0) - 1, 4) as uplift_ratio
from dw.campaign_period c
join campaign_side cs using (campaign_code)
join baseline_side bs using (campaign_code);
create unique index mv_campaign_uplift_key on mart.mv_campaign_uplift (campaign_code);
