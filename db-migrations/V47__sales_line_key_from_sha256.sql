-- The order-line key becomes the first 64 bits of SHA-256 over (source, order_id, line_number), which the
-- transform computes in Java and stages with the line, so the fact load never hashes text per row. Existing
-- lines are re-keyed with the same function.
create or replace function dw.sales_line_key(source text, order_id text, line_number integer) returns bigint
language sql immutable parallel safe as $$
    select ('x' || left(encode(sha256(convert_to(source || chr(31) || order_id || chr(31) || line_number::text, 'UTF8')), 'hex'), 16))::bit(64)::bigint
$$;

update dw.fact_sales set sales_line_key = dw.sales_line_key(source, order_id, line_number);

alter table staging.sales_line add column sales_line_key bigint;
