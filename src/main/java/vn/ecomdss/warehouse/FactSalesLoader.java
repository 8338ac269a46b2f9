package vn.ecomdss.warehouse;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.definition.RunParameters;

/**
 * Loads a run's staged order lines into {@code dw.fact_sales}, set-based, in the caller's transaction: creates
 * the monthly partitions the lines need, adds inferred members for customers and products not yet known, looks
 * up each dimension version valid at the order time, and upserts on the natural key, touching only lines that
 * changed.
 */
@Component
public class FactSalesLoader {

    /** What one load did. */
    public record Result(int staged, int inserted, int updated, int inferredCustomers, int inferredProducts, int moved) {
    }

    private static final String PARTITIONS = """
            select dw.ensure_fact_sales_partition(month)
            from (select distinct date_trunc('month', order_ts at time zone 'Asia/Ho_Chi_Minh')::date as month
                  from staging.sales_line where run_id = ?) months
            """;

    private static final String INFERRED_CUSTOMERS = """
            insert into dw.dim_customer (source, customer_id, row_hash, valid_from, is_current, is_inferred, run_id)
            select distinct s.source, s.customer_id, 'inferred', timestamptz '1900-01-01 00:00:00+00', true, true, ?
            from staging.sales_line s
            where s.run_id = ?
              and not exists (select 1 from dw.dim_customer c where c.source = s.source and c.customer_id = s.customer_id)
            """;

    private static final String INFERRED_PRODUCTS = """
            insert into dw.dim_product (source, product_id, row_hash, valid_from, is_current, is_inferred, run_id)
            select distinct s.source, s.product_id, 'inferred', timestamptz '1900-01-01 00:00:00+00', true, true, ?
            from staging.sales_line s
            where s.run_id = ?
              and not exists (select 1 from dw.dim_product p where p.source = s.source and p.product_id = s.product_id)
            """;

    private static final String MOVED = """
            delete from dw.fact_sales f
            using staging.sales_line s
            where s.run_id = ? and f.source = s.source and f.order_id = s.order_id and f.line_number = s.line_number
              and f.order_date <> (s.order_ts at time zone 'Asia/Ho_Chi_Minh')::date
            """;

    /** Each staged line with its dimension keys as of its order time and its amounts in VND. */
    private static final String RESOLVE = """
            create temp table fact_lines on commit drop as
            select l.source, l.order_id, l.line_number, l.order_date, l.order_ts,
                   to_char(l.order_date, 'YYYYMMDD')::integer as date_key,
                   c.customer_key, p.product_key,
                   coalesce(pl.platform_key, (select platform_key from dw.dim_platform
                                              where platform_code = 'unknown' and is_current)) as platform_key,
                   coalesce(g.geography_key, 0) as geography_key,
                   l.payment_method, l.order_status, l.quantity, l.unit_price, l.discount_amount,
                   l.gross_amount, l.net_amount, l.currency, fx.rate_to_vnd as exchange_rate,
                   round(l.net_amount * fx.rate_to_vnd) as net_amount_vnd
            from (select s.*, (s.order_ts at time zone 'Asia/Ho_Chi_Minh')::date as order_date,
                         s.quantity * s.unit_price as gross_amount,
                         s.quantity * s.unit_price - s.discount_amount as net_amount
                  from staging.sales_line s where s.run_id = ?) l
            join dw.dim_customer c on c.source = l.source and c.customer_id = l.customer_id
                                  and l.order_ts >= c.valid_from and l.order_ts < c.valid_to
            join dw.dim_product p on p.source = l.source and p.product_id = l.product_id
                                 and l.order_ts >= p.valid_from and l.order_ts < p.valid_to
            left join dw.dim_platform pl on pl.platform_code = l.platform
                                        and l.order_ts >= pl.valid_from and l.order_ts < pl.valid_to
            left join dw.dim_geography g on g.province_code = c.province_code
            join lateral (select r.rate_to_vnd from ops.exchange_rate r
                          where r.currency = l.currency and r.valid_from <= l.order_date
                          order by r.valid_from desc limit 1) fx on true
            """;

    private static final String UPDATE_CHANGED = """
            update dw.fact_sales f set
                order_ts = l.order_ts, customer_key = l.customer_key, product_key = l.product_key,
                platform_key = l.platform_key, geography_key = l.geography_key, payment_method = l.payment_method,
                order_status = l.order_status, quantity = l.quantity, unit_price = l.unit_price,
                discount_amount = l.discount_amount, gross_amount = l.gross_amount, net_amount = l.net_amount,
                currency = l.currency, exchange_rate = l.exchange_rate, net_amount_vnd = l.net_amount_vnd,
                run_id = ?, loaded_at = now()
            from fact_lines l
            where f.source = l.source and f.order_id = l.order_id and f.line_number = l.line_number
              and f.order_date = l.order_date
              and (f.order_ts, f.customer_key, f.product_key, f.platform_key, f.geography_key, f.payment_method,
                   f.order_status, f.quantity, f.unit_price, f.discount_amount, f.currency, f.exchange_rate)
                  is distinct from
                  (l.order_ts, l.customer_key, l.product_key, l.platform_key, l.geography_key, l.payment_method,
                   l.order_status, l.quantity, l.unit_price, l.discount_amount, l.currency, l.exchange_rate)
            """;

    private static final String INSERT_NEW = """
            insert into dw.fact_sales (source, order_id, line_number, order_date, order_ts, date_key, customer_key,
                product_key, platform_key, geography_key, payment_method, order_status, quantity, unit_price,
                discount_amount, gross_amount, net_amount, currency, exchange_rate, net_amount_vnd, run_id)
            select source, order_id, line_number, order_date, order_ts, date_key, customer_key, product_key,
                   platform_key, geography_key, payment_method, order_status, quantity, unit_price, discount_amount,
                   gross_amount, net_amount, currency, exchange_rate, net_amount_vnd, ?
            from fact_lines
            on conflict (source, order_id, line_number, order_date) do nothing
            """;

    private final JdbcTemplate jdbc;

    public FactSalesLoader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Result load(RunParameters run) {
        Integer staged = jdbc.queryForObject("select count(*) from staging.sales_line where run_id = ?", Integer.class,
                run.runId());
        jdbc.queryForList(PARTITIONS, run.runId());
        int inferredCustomers = jdbc.update(INFERRED_CUSTOMERS, run.runId(), run.runId());
        int inferredProducts = jdbc.update(INFERRED_PRODUCTS, run.runId(), run.runId());
        int moved = jdbc.update(MOVED, run.runId());
        jdbc.execute("drop table if exists fact_lines");
        jdbc.update(RESOLVE, run.runId());
        int updated = jdbc.update(UPDATE_CHANGED, run.runId());
        int inserted = jdbc.update(INSERT_NEW, run.runId());
        return new Result(staged == null ? 0 : staged, inserted, updated, inferredCustomers, inferredProducts, moved);
    }
}
