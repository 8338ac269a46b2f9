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

    public record TopProduct(String source, String productId, String title, String category, long units,
                             BigDecimal revenueVnd) {
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
        return new SalesKpis(headline, monthly("platform_code"), monthly("region"), jdbc.query("""
                select source, product_id, title, category, units, revenue_vnd
                from mart.mv_product_performance
                where revenue_vnd > 0
                order by revenue_vnd desc, product_id
                limit 10
                """, (rs, i) -> new TopProduct(rs.getString("source"), rs.getString("product_id"),
                rs.getString("title"), rs.getString("category"), rs.getLong("units"), rs.getBigDecimal("revenue_vnd"))));
    }

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
