-- A customer's order lines without scanning the year: the recommendations API reads the one customer's purchases
-- of the champion's training window on every request (it read every partition of dw.fact_sales, p99 274 ms), and
-- the customer views of the dashboard ask the same. On the partitioned table the index is created on each month.
create index fact_sales_customer on dw.fact_sales (customer_key, order_date);

-- The day the champion last scored a source's recommendations, asked on every request.
create index recommendation_scored on ml.recommendation (model_version, source, origin_date);
