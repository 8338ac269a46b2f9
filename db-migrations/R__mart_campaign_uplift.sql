-- The current definition of mart.mv_campaign_uplift: a repeatable migration, which Flyway runs again after the
-- versioned ones whenever this file changes (V43 is its history, left as applied).
-- No CASCADE on the drop: a mart in another file that read this one would be dropped and never rebuilt, so
-- PostgreSQL refusing the drop says to move that mart into this file.
-- A unique index lets the mart refresh CONCURRENTLY while dashboards read it.
drop materialized view if exists mart.mv_campaign_uplift;

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
