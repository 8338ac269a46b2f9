package vn.ecomdss.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fingerprints of a warehouse, to compare two of them: {@link #loads} what a run loads, without surrogate keys and
 * load times, which legitimately differ between two runs; {@link #rows} every row of every dimension, fact and mart
 * as it is, keys and times included, which a restore must reproduce exactly.
 */
public final class WarehouseFingerprints {

    private static final Map<String, String> LOADS = new LinkedHashMap<>();

    static {
        LOADS.put("dim_product", """
                select md5(string_agg(concat_ws('|', source, product_id, title, category, brand, price,
                    availability_status, stock, valid_from, valid_to, is_current, is_inferred), ',' order by
                    source, product_id, valid_from)) from dw.dim_product""");
        LOADS.put("dim_product versions", "select count(*) from dw.dim_product");
        LOADS.put("dim_customer", """
                select md5(string_agg(concat_ws('|', source, customer_id, full_name, email, city, region,
                    phone_e164, valid_from, valid_to, is_current, is_inferred), ',' order by
                    source, customer_id, valid_from)) from dw.dim_customer""");
        LOADS.put("fact_sales", """
                select md5(string_agg(concat_ws('|', f.source, f.order_id, f.line_number, f.order_date, c.customer_id,
                    c.valid_from, p.product_id, p.valid_from, f.quantity, f.net_amount, f.net_amount_vnd), ','
                    order by f.source, f.order_id, f.line_number))
                from dw.fact_sales f join dw.dim_customer c using (customer_key) join dw.dim_product p using (product_key)""");
        LOADS.put("fact_sales rows", "select count(*) from dw.fact_sales");
        LOADS.put("mv_monthly_sales", """
                select md5(string_agg(concat_ws('|', month, platform_code, region, orders, order_lines, units,
                    revenue_vnd, customers), ',' order by month, platform_code, region)) from mart.mv_monthly_sales""");
    }

    private static final String RELATIONS = """
            select format('%I.%I', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname in ('dw', 'mart') and c.relkind in ('r', 'p', 'm') and not c.relispartition
            order by 1
            """;

    private WarehouseFingerprints() {
    }

    public static Map<String, String> loads(Connection connection) throws SQLException {
        return query(connection, LOADS);
    }

    /**
     * Every dimension, fact and mart row by row, the source watermarks and the job repository's executions: equal
     * for a warehouse and its restore.
     */
    public static Map<String, String> rows(Connection connection) throws SQLException {
        List<String> relations = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(RELATIONS)) {
            while (rs.next()) {
                relations.add(rs.getString(1));
            }
        }
        Map<String, String> queries = new LinkedHashMap<>();
        for (String relation : relations) {
            queries.put(relation, "select count(*) || ' ' || coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '') from "
                    + relation + " t");
        }
        queries.put("ops.source_watermark", """
                select string_agg(concat_ws('|', source, entity, watermark, run_id, updated_at), ',' order by source,
                    entity) from ops.source_watermark""");
        queries.put("batch_job_execution", """
                select count(*) || ' ' || string_agg(concat_ws('|', job_execution_id, status, exit_code), ','
                    order by job_execution_id) from batch_job_execution""");
        queries.put("batch_step_execution", """
                select count(*) || ' ' || string_agg(concat_ws('|', step_execution_id, step_name, status, read_count,
                    write_count, commit_count), ',' order by step_execution_id) from batch_step_execution""");
        return query(connection, queries);
    }

    /** The source watermarks a run leaves for the next one, without the time they were written. */
    public static Map<String, String> watermarks(Connection connection) throws SQLException {
        return query(connection, Map.of("ops.source_watermark", """
                select string_agg(concat_ws('|', source, entity, watermark, run_id), ',' order by source, entity)
                from ops.source_watermark"""));
    }

    private static Map<String, String> query(Connection connection, Map<String, String> queries) throws SQLException {
        Map<String, String> fingerprints = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> query : queries.entrySet()) {
                try (ResultSet rs = statement.executeQuery(query.getValue())) {
                    rs.next();
                    fingerprints.put(query.getKey(), rs.getString(1));
                }
            }
        }
        return fingerprints;
    }
}
