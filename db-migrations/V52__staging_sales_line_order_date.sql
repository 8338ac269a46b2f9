-- The order's local date in Vietnam (the fact partition key) is staged by the transform with the line, so the
-- fact load never converts time zones per row. Lines staged by other means get it from the loader.
alter table staging.sales_line add column order_date date;
