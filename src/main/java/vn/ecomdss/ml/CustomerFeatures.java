package vn.ecomdss.ml;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each customer's features at the end of a day, from the warehouse only: the orders of {@code dw.fact_sales} up to
 * that day (cancelled and empty lines left out; a customer is every version of {@code dw.dim_customer} with the same
 * source and id) and the behaviour of {@code dw.fact_user_activity_daily} up to it. Recency, frequency and spend over
 * 30, 90 and 365 days and in all, the 90 days before the last 90 (the trend), the gaps between orders, the order value
 * and basket size, and events and sessions. Nothing after the day is read, so a later order changes no feature of
 * that day. Only customers with an order by the day have features.
 */
@Component
public class CustomerFeatures {

    private static final String ORDERS = """
            with orders as (
                select c.source, c.customer_id, f.source || ':' || f.order_id as order_key, min(f.order_date) as day,
                       sum(f.net_amount_vnd) as amount, sum(f.quantity) as items
                from dw.fact_sales f
                join dw.dim_customer c on c.customer_key = f.customer_key
                where f.order_date <= :asOf and f.quantity > 0 and coalesce(f.order_status, '') <> 'cancelled'
                  and (cast(:source as text) is null or (c.source = :source and c.customer_id = :customerId))
                group by 1, 2, 3
            ), gaps as (
                select o.*, o.day - lag(o.day) over (partition by o.source, o.customer_id order by o.day, o.order_key)
                       as gap,
                       row_number() over (partition by o.source, o.customer_id order by o.day desc, o.order_key desc)
                       as latest
                from orders o
            ), activity as (
                select c.source, c.customer_id,
                       sum(a.events) filter (where a.activity_date > cast(:asOf as date) - 30) as events_30,
                       sum(a.events) as events_90, sum(a.sessions) as sessions_90
                from dw.fact_user_activity_daily a
                join dw.dim_customer c on c.customer_key = a.customer_key
                where a.activity_date <= :asOf and a.activity_date > cast(:asOf as date) - 90
                  and (cast(:source as text) is null or (c.source = :source and c.customer_id = :customerId))
                group by 1, 2
            )
            select g.source, g.customer_id,
                   cast(:asOf as date) - max(g.day) as recency_days,
                   cast(:asOf as date) - min(g.day) as tenure_days,
                   count(*) filter (where g.day > cast(:asOf as date) - 30) as orders_30,
                   count(*) filter (where g.day > cast(:asOf as date) - 90) as orders_90,
                   count(*) filter (where g.day > cast(:asOf as date) - 365) as orders_365,
                   count(*) as orders_all,
                   count(*) filter (where g.day <= cast(:asOf as date) - 90 and g.day > cast(:asOf as date) - 180)
                       as orders_prev_90,
                   coalesce(sum(g.amount) filter (where g.day > cast(:asOf as date) - 30), 0) as spend_30_vnd,
                   coalesce(sum(g.amount) filter (where g.day > cast(:asOf as date) - 90), 0) as spend_90_vnd,
                   coalesce(sum(g.amount) filter (where g.day > cast(:asOf as date) - 365), 0) as spend_365_vnd,
                   sum(g.amount) as spend_all_vnd,
                   coalesce(sum(g.amount) filter (where g.day <= cast(:asOf as date) - 90
                                                    and g.day > cast(:asOf as date) - 180), 0) as spend_prev_90_vnd,
                   round(avg(g.gap), 2) as mean_gap_days,
                   max(g.gap) filter (where g.latest = 1) as last_gap_days,
                   round(avg(g.amount)) as avg_order_vnd,
                   round(avg(g.items), 2) as avg_items,
                   coalesce(max(a.events_30), 0) as events_30, coalesce(max(a.events_90), 0) as events_90,
                   coalesce(max(a.sessions_90), 0) as sessions_90
            from gaps g
            left join activity a on a.source = g.source and a.customer_id = g.customer_id
            group by g.source, g.customer_id
            order by g.source, g.customer_id
            """;
    private static final String COLUMNS = """
            source, customer_id, recency_days, tenure_days, orders_30, orders_90, orders_365, orders_all,
            orders_prev_90, spend_30_vnd, spend_90_vnd, spend_365_vnd, spend_all_vnd, spend_prev_90_vnd,
            mean_gap_days, last_gap_days, avg_order_vnd, avg_items, events_30, events_90, sessions_90
            """;
    private static final String LOCK = "select pg_advisory_xact_lock(hashtext('ml.customer_feature'), :day)";
    private static final String CLEAR = "delete from ml.customer_feature where as_of_date = :asOf";
    private static final String STORE = "insert into ml.customer_feature (" + COLUMNS + ", as_of_date, run_id) "
            + "select " + COLUMNS + ", cast(:asOf as date), :runId from (" + ORDERS + ") features";
    private static final String STORED = "select " + COLUMNS + " from ml.customer_feature where as_of_date = :asOf "
            + "order by source, customer_id";
    private static final String SPEND = """
            select c.source, c.customer_id, sum(f.net_amount_vnd) as spend, count(distinct f.order_id) as orders
            from dw.fact_sales f
            join dw.dim_customer c on c.customer_key = f.customer_key
            where f.order_date > :from and f.order_date <= :to and f.quantity > 0
              and coalesce(f.order_status, '') <> 'cancelled'
            group by 1, 2
            """;

    /** One customer's features at the end of a day; the gaps are null for a customer of one order. */
    public record Customer(String source, String customerId, int recencyDays, int tenureDays, int orders30,
                           int orders90, int orders365, int ordersAll, int ordersPrev90, double spend30,
                           double spend90, double spend365, double spendAll, double spendPrev90, Double meanGapDays,
                           Integer lastGapDays, double avgOrderVnd, double avgItems, int events30, int events90,
                           int sessions90) {

        String key() {
            return DemandFeatureStore.key(source, customerId);
        }

        /**
         * The networks' inputs: counts and amounts on a log scale, trends as differences. Every span is capped at a
         * year, and lifetime totals are left out: a network trained one horizon before the cutoff saw a shorter
         * history, and would otherwise meet tenures and totals it never saw.
         */
        float[] vector() {
            double gap = Math.min(YEAR, meanGapDays == null ? tenureDays + recencyDays : meanGapDays);
            double last = Math.min(YEAR, lastGapDays == null ? tenureDays + recencyDays : lastGapDays);
            double recency = Math.min(YEAR, recencyDays);
            return new float[] {(float) Math.log1p(recency), (float) Math.log1p(Math.min(YEAR, tenureDays)),
                    (float) Math.log1p(orders30), (float) Math.log1p(orders90), (float) Math.log1p(orders365),
                    (float) (Math.log1p(orders90) - Math.log1p(ordersPrev90)),
                    (float) Math.log1p(spend30), (float) Math.log1p(spend90), (float) Math.log1p(spend365),
                    (float) (Math.log1p(spend90) - Math.log1p(spendPrev90)),
                    (float) Math.log1p(gap), (float) Math.log1p(last), meanGapDays == null ? 1 : 0,
                    (float) Math.log1p(avgOrderVnd), (float) avgItems, (float) Math.log1p(events30),
                    (float) Math.log1p(events90), (float) Math.log1p(sessions90),
                    (float) Math.min(10, recency / Math.max(1.0, gap))};
        }
    }

    private static final double YEAR = 365;

    private final NamedParameterJdbcTemplate jdbc;

    public CustomerFeatures(JdbcTemplate jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    /** Every customer with an order by the end of {@code asOf}, computed from the facts. */
    public List<Customer> asOf(LocalDate asOf) {
        return jdbc.query(ORDERS, parameters(asOf, null, null), CustomerFeatures::row);
    }

    /** One customer's features at the end of {@code asOf}, or none when they had no order by then. */
    public java.util.Optional<Customer> of(String source, String customerId, LocalDate asOf) {
        return jdbc.query(ORDERS, parameters(asOf, source, customerId), CustomerFeatures::row).stream().findFirst();
    }

    /**
     * Writes every customer's features at the end of {@code asOf} into {@code ml.customer_feature} (one
     * {@code INSERT ... SELECT}, replacing the day's rows) and reads them back: what the scoring scored. The three
     * customer score steps may run side by side: they take turns on the day until their transactions end.
     */
    public List<Customer> store(LocalDate asOf, String runId) {
        MapSqlParameterSource parameters = parameters(asOf, null, null).addValue("runId", runId)
                .addValue("day", (int) asOf.toEpochDay());
        jdbc.query(LOCK, parameters, rs -> { });
        jdbc.update(CLEAR, parameters);
        jdbc.update(STORE, parameters);
        return jdbc.query(STORED, parameters, CustomerFeatures::row);
    }

    /** What each customer spent (VND) on orders after {@code from} up to the end of {@code to}. */
    public Map<String, Double> spend(LocalDate from, LocalDate to) {
        Map<String, Double> spend = new HashMap<>();
        jdbc.query(SPEND, new MapSqlParameterSource().addValue("from", Date.valueOf(from))
                .addValue("to", Date.valueOf(to)), rs -> {
                    spend.put(DemandFeatureStore.key(rs.getString(1), rs.getString(2)), rs.getDouble(3));
                });
        return spend;
    }

    private static MapSqlParameterSource parameters(LocalDate asOf, String source, String customerId) {
        return new MapSqlParameterSource().addValue("asOf", Date.valueOf(asOf))
                .addValue("source", source, Types.VARCHAR).addValue("customerId", customerId, Types.VARCHAR);
    }

    private static Customer row(ResultSet rs, int n) throws SQLException {
        return new Customer(rs.getString("source"), rs.getString("customer_id"), rs.getInt("recency_days"),
                rs.getInt("tenure_days"), rs.getInt("orders_30"), rs.getInt("orders_90"), rs.getInt("orders_365"),
                rs.getInt("orders_all"), rs.getInt("orders_prev_90"), rs.getDouble("spend_30_vnd"),
                rs.getDouble("spend_90_vnd"), rs.getDouble("spend_365_vnd"), rs.getDouble("spend_all_vnd"),
                rs.getDouble("spend_prev_90_vnd"),
                rs.getObject("mean_gap_days") == null ? null : rs.getDouble("mean_gap_days"),
                rs.getObject("last_gap_days") == null ? null : rs.getInt("last_gap_days"),
                rs.getDouble("avg_order_vnd"), rs.getDouble("avg_items"), rs.getInt("events_30"),
                rs.getInt("events_90"), rs.getInt("sessions_90"));
    }
}
