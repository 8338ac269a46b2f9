package vn.ecomdss.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What the dashboard shows of the warehouse: headline sales KPIs from the marts and the latest quality scores. */
@Component
public class WarehouseInsights {

    public record Headline(BigDecimal revenueVnd, long orders, long units, long customers, BigDecimal avgOrderValueVnd) {
    }

    public record MonthlyRevenue(LocalDate month, String series, BigDecimal revenueVnd) {
    }

    /**
     * A product as the sources list it, grouped by its brand and title written alike (case and spacing aside), so
     * that one product sold through several sources or platform listings is one row.
     */
    public record TopProduct(String title, String brand, String category, long listings, List<String> sources,
                             long units, BigDecimal revenueVnd) {
    }

    public record SalesKpis(Headline headline, List<MonthlyRevenue> byPlatform, List<MonthlyRevenue> byRegion,
                            List<TopProduct> topProducts) {
    }

    public record StageScore(String runId, String stage, BigDecimal score, int checks, int failed,
                             OffsetDateTime scoredAt) {
    }

    public record Check(String rule, String target, String severity, long checked, long failed, BigDecimal ratio,
                        BigDecimal threshold, boolean passed) {
    }

    public record Quality(List<StageScore> latest, List<Check> latestFinalChecks, List<StageScore> recentFinal) {
    }

    private final JdbcTemplate jdbc;

    public WarehouseInsights(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Revenue per month by platform and by region over the last twelve months with sales, and the top products. */
    public SalesKpis sales() {
        Headline headline = jdbc.queryForObject("""
                select coalesce(sum(revenue_vnd), 0) as revenue, coalesce(sum(orders), 0) as orders,
                       coalesce(sum(units), 0) as units,
                       (select count(*) from mart.mv_customer_analytics where orders > 0) as customers
                from mart.mv_monthly_sales
                """, (rs, i) -> {
            BigDecimal revenue = rs.getBigDecimal("revenue");
            long orders = rs.getLong("orders");
            return new Headline(revenue, orders, rs.getLong("units"), rs.getLong("customers"),
                    orders == 0 ? BigDecimal.ZERO : revenue.divide(BigDecimal.valueOf(orders), 0,
                            java.math.RoundingMode.HALF_UP));
        });
        return new SalesKpis(headline, monthly("platform_code"), monthly("region"), jdbc.query(TOP_PRODUCTS,
                (rs, i) -> new TopProduct(rs.getString("title"), rs.getString("brand"), rs.getString("category"),
                        rs.getLong("listings"), List.of((String[]) rs.getArray("sources").getArray()),
                        rs.getLong("units"), rs.getBigDecimal("revenue_vnd"))));
    }

    /** The ten products with the most revenue, each the sum of its listings (see {@link TopProduct}). */
    private static final String TOP_PRODUCTS = """
            with listings as (
                select source, title, brand, category, units, revenue_vnd,
                       lower(regexp_replace(trim(coalesce(brand, '')), '\\s+', ' ', 'g')) as brand_key,
                       lower(regexp_replace(trim(title), '\\s+', ' ', 'g')) as title_key
                from mart.mv_product_performance
                where revenue_vnd > 0 and title is not null)
            select min(title) as title, min(brand) as brand, min(category) as category, count(*) as listings,
                   array_agg(distinct source order by source) as sources, sum(units) as units,
                   sum(revenue_vnd) as revenue_vnd
            from listings
            group by brand_key, title_key
            order by sum(revenue_vnd) desc, min(title)
            limit 10
            """;

    private List<MonthlyRevenue> monthly(String column) {
        String sql = switch (column) {
            case "platform_code" -> """
                    select month, platform_code as series, sum(revenue_vnd) as revenue
                    from mart.mv_monthly_sales
                    where month > (select max(month) from mart.mv_monthly_sales) - interval '12 months'
                    group by 1, 2 order by 1, 2
                    """;
            case "region" -> """
                    select month, coalesce(region, 'unknown') as series, sum(revenue_vnd) as revenue
                    from mart.mv_monthly_sales
                    where month > (select max(month) from mart.mv_monthly_sales) - interval '12 months'
                    group by 1, 2 order by 1, 2
                    """;
            default -> throw new IllegalArgumentException("no monthly revenue by " + column);
        };
        return jdbc.query(sql, (rs, i) -> new MonthlyRevenue(rs.getObject("month", LocalDate.class),
                rs.getString("series"), rs.getBigDecimal("revenue")));
    }

    public Quality quality() {
        List<StageScore> latest = jdbc.query("""
                select distinct on (stage) run_id, stage, score, checks, failed, scored_at
                from dq.run_score order by stage, scored_at desc
                """, (rs, i) -> score(rs));
        List<StageScore> recentFinal = jdbc.query("""
                select run_id, stage, score, checks, failed, scored_at
                from dq.run_score where stage = 'final' order by scored_at desc limit 10
                """, (rs, i) -> score(rs));
        List<Check> checks = recentFinal.isEmpty() ? List.of() : jdbc.query("""
                select rule, target, severity, checked, failed, ratio, threshold, passed
                from dq.check_result where run_id = ? and stage = 'final' order by passed, rule, target
                """, (rs, i) -> new Check(rs.getString("rule"), rs.getString("target"), rs.getString("severity"),
                rs.getLong("checked"), rs.getLong("failed"), rs.getBigDecimal("ratio"), rs.getBigDecimal("threshold"),
                rs.getBoolean("passed")), recentFinal.get(0).runId());
        return new Quality(latest, checks, recentFinal);
    }

    private static StageScore score(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StageScore(rs.getString("run_id"), rs.getString("stage"), rs.getBigDecimal("score"),
                rs.getInt("checks"), rs.getInt("failed"), rs.getObject("scored_at", OffsetDateTime.class));
    }
}
