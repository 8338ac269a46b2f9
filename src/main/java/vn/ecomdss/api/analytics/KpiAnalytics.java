package vn.ecomdss.api.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The four KPI families over a {@link SalesFilter}'s months: revenue (monthly sales), customer acquisition (first
 * orders, from customer analytics), market share (each platform's share of revenue, from the platform comparison) and
 * operational efficiency (cancel and return ratios from the platform comparison, and how long the pipeline's jobs and
 * steps take, from the Spring Batch job repository).
 */
@Component
public class KpiAnalytics {

    public record RevenueMonth(LocalDate month, BigDecimal revenueVnd, long orders, long units,
                               BigDecimal avgOrderValueVnd, BigDecimal growthRatio) {
    }

    /** {@code growthRatio} of a month is against the month before it within the filter (null for the first). */
    public record RevenueKpis(BigDecimal revenueVnd, long orders, long units, BigDecimal avgOrderValueVnd,
                              List<RevenueMonth> months) {
    }

    public record AcquisitionMonth(LocalDate month, long newCustomers, long repeatCustomers,
                                   BigDecimal revenueVnd) {
    }

    /**
     * Customers by the month of their first order; {@code repeatRatio} is the share of them who ordered again (at
     * any time since).
     */
    public record AcquisitionKpis(long newCustomers, long repeatCustomers, BigDecimal repeatRatio,
                                  List<AcquisitionMonth> months) {
    }

    public record PlatformShare(String platform, BigDecimal revenueVnd, long orders, BigDecimal commissionVnd,
                                BigDecimal share) {
    }

    public record MonthlyShare(LocalDate month, String platform, BigDecimal revenueVnd, BigDecimal share) {
    }

    public record MarketShareKpis(List<PlatformShare> platforms, List<MonthlyShare> months) {
    }

    public record CancelReturn(LocalDate month, String platform, long orderLines, BigDecimal cancelReturnRatio) {
    }

    /** Completed executions of a job or (with {@code step}) of one step, started within the filter's dates. */
    public record Duration(String job, String step, long executions, BigDecimal avgSeconds, BigDecimal maxSeconds,
                           LocalDateTime lastEnded) {
    }

    public record EfficiencyKpis(List<CancelReturn> cancelReturns, List<Duration> jobs, List<Duration> steps) {
    }

    private static final String MONTHS = """
            (cast(:from as date) is null or month >= date_trunc('month', cast(:from as date)))
              and (cast(:to as date) is null or month <= cast(:to as date))
              and (cast(:platform as text) is null or platform_code = :platform)
            """;

    private static final String REVENUE_TOTAL = """
            select coalesce(sum(revenue_vnd), 0) as revenue_vnd, coalesce(sum(orders), 0) as orders,
                   coalesce(sum(units), 0) as units,
                   coalesce(round(sum(revenue_vnd) / nullif(sum(orders), 0)), 0) as avg_order_value_vnd
            from mart.mv_monthly_sales
            where %s
              and (cast(:region as text) is null or region = :region)
            """.formatted(MONTHS);

    private static final String REVENUE_MONTHS = """
            with monthly as (
                select month, sum(revenue_vnd) as revenue_vnd, sum(orders) as orders, sum(units) as units
                from mart.mv_monthly_sales
                where %s
                  and (cast(:region as text) is null or region = :region)
                group by month)
            select month, revenue_vnd, orders, units, round(revenue_vnd / nullif(orders, 0)) as avg_order_value_vnd,
                   round(revenue_vnd / nullif(lag(revenue_vnd) over (order by month), 0) - 1, 4) as growth_ratio
            from monthly
            order by month
            """.formatted(MONTHS);

    private static final String ACQUISITION_MONTHS = """
            select date_trunc('month', first_order_date)::date as month, count(*) as new_customers,
                   count(*) filter (where orders >= 2) as repeat_customers, sum(revenue_vnd) as revenue_vnd
            from mart.mv_customer_analytics
            where orders > 0
              and (cast(:from as date) is null or first_order_date >= date_trunc('month', cast(:from as date)))
              and (cast(:to as date) is null
                   or first_order_date < date_trunc('month', cast(:to as date)) + interval '1 month')
              and (cast(:region as text) is null or region = :region)
            group by 1
            order by 1
            """;

    private static final String PLATFORM_SHARES = """
            with per_platform as (
                select platform_code, sum(revenue_vnd) as revenue_vnd, sum(orders) as orders,
                       sum(commission_vnd) as commission_vnd
                from mart.mv_platform_comparison
                where %s
                group by platform_code)
            select platform_code, revenue_vnd, orders, commission_vnd,
                   round(revenue_vnd / nullif(sum(revenue_vnd) over (), 0), 4) as share
            from per_platform
            order by revenue_vnd desc, platform_code
            """.formatted(MONTHS);

    private static final String MONTHLY_SHARES = """
            select month, platform_code, revenue_vnd,
                   round(revenue_vnd / nullif(sum(revenue_vnd) over (partition by month), 0), 4) as share
            from mart.mv_platform_comparison
            where %s
            order by month, revenue_vnd desc, platform_code
            """.formatted(MONTHS);

    private static final String CANCEL_RETURNS = """
            select month, platform_code, order_lines, cancel_return_ratio
            from mart.mv_platform_comparison
            where %s
            order by month, platform_code
            """.formatted(MONTHS);

    /** Spring Batch keeps local timestamps; the filter's dates are whole days of them. */
    private static final String STARTED_WITHIN = """
            (cast(:from as date) is null or e.start_time >= cast(:from as date))
              and (cast(:to as date) is null or e.start_time < cast(:to as date) + 1)
            """;

    private static final String JOB_DURATIONS = """
            select i.job_name, null as step_name, count(*) as executions,
                   round(avg(extract(epoch from e.end_time - e.start_time)), 3) as avg_seconds,
                   round(max(extract(epoch from e.end_time - e.start_time)), 3) as max_seconds,
                   max(e.end_time) as last_ended
            from batch_job_execution e
            join batch_job_instance i on i.job_instance_id = e.job_instance_id
            where e.status = 'COMPLETED' and e.end_time is not null and %s
            group by i.job_name
            order by i.job_name
            """.formatted(STARTED_WITHIN);

    private static final String STEP_DURATIONS = """
            select i.job_name, e.step_name, count(*) as executions,
                   round(avg(extract(epoch from e.end_time - e.start_time)), 3) as avg_seconds,
                   round(max(extract(epoch from e.end_time - e.start_time)), 3) as max_seconds,
                   max(e.end_time) as last_ended
            from batch_step_execution e
            join batch_job_execution j on j.job_execution_id = e.job_execution_id
            join batch_job_instance i on i.job_instance_id = j.job_instance_id
            where e.status = 'COMPLETED' and e.end_time is not null and %s
            group by i.job_name, e.step_name
            order by i.job_name, e.step_name
            """.formatted(STARTED_WITHIN);

    private final NamedParameterJdbcTemplate jdbc;

    public KpiAnalytics(JdbcTemplate jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    @Cacheable(cacheNames = "analytics.kpi-revenue", sync = true)
    public RevenueKpis revenue(SalesFilter filter) {
        List<RevenueMonth> months = jdbc.query(REVENUE_MONTHS, filter.parameters(), (rs, i) -> new RevenueMonth(
                rs.getObject("month", LocalDate.class), rs.getBigDecimal("revenue_vnd"), rs.getLong("orders"),
                rs.getLong("units"), rs.getBigDecimal("avg_order_value_vnd"), rs.getBigDecimal("growth_ratio")));
        return jdbc.queryForObject(REVENUE_TOTAL, filter.parameters(), (rs, i) -> new RevenueKpis(
                rs.getBigDecimal("revenue_vnd"), rs.getLong("orders"), rs.getLong("units"),
                rs.getBigDecimal("avg_order_value_vnd"), months));
    }

    /** The filter's months and region; customers have no platform (they may buy on several). */
    @Cacheable(cacheNames = "analytics.kpi-acquisition", sync = true)
    public AcquisitionKpis acquisition(SalesFilter filter) {
        List<AcquisitionMonth> months = jdbc.query(ACQUISITION_MONTHS, filter.parameters(),
                (rs, i) -> new AcquisitionMonth(rs.getObject("month", LocalDate.class), rs.getLong("new_customers"),
                        rs.getLong("repeat_customers"), rs.getBigDecimal("revenue_vnd")));
        long newCustomers = months.stream().mapToLong(AcquisitionMonth::newCustomers).sum();
        long repeat = months.stream().mapToLong(AcquisitionMonth::repeatCustomers).sum();
        BigDecimal ratio = newCustomers == 0 ? null
                : BigDecimal.valueOf(repeat).divide(BigDecimal.valueOf(newCustomers), 4, RoundingMode.HALF_UP);
        return new AcquisitionKpis(newCustomers, repeat, ratio, months);
    }

    /** The filter's months and platform; the platform comparison has no region. */
    @Cacheable(cacheNames = "analytics.kpi-market-share", sync = true)
    public MarketShareKpis marketShare(SalesFilter filter) {
        List<PlatformShare> platforms = jdbc.query(PLATFORM_SHARES, filter.parameters(), (rs, i) -> new PlatformShare(
                rs.getString("platform_code"), rs.getBigDecimal("revenue_vnd"), rs.getLong("orders"),
                rs.getBigDecimal("commission_vnd"), rs.getBigDecimal("share")));
        List<MonthlyShare> months = jdbc.query(MONTHLY_SHARES, filter.parameters(), (rs, i) -> new MonthlyShare(
                rs.getObject("month", LocalDate.class), rs.getString("platform_code"), rs.getBigDecimal("revenue_vnd"),
                rs.getBigDecimal("share")));
        return new MarketShareKpis(platforms, months);
    }

    @Cacheable(cacheNames = "analytics.kpi-efficiency", sync = true)
    public EfficiencyKpis efficiency(SalesFilter filter) {
        List<CancelReturn> ratios = jdbc.query(CANCEL_RETURNS, filter.parameters(), (rs, i) -> new CancelReturn(
                rs.getObject("month", LocalDate.class), rs.getString("platform_code"), rs.getLong("order_lines"),
                rs.getBigDecimal("cancel_return_ratio")));
        return new EfficiencyKpis(ratios, durations(JOB_DURATIONS, filter), durations(STEP_DURATIONS, filter));
    }

    private List<Duration> durations(String sql, SalesFilter filter) {
        return jdbc.query(sql, filter.parameters(), (rs, i) -> new Duration(rs.getString("job_name"),
                rs.getString("step_name"), rs.getLong("executions"), rs.getBigDecimal("avg_seconds"),
                rs.getBigDecimal("max_seconds"), rs.getObject("last_ended", LocalDateTime.class)));
    }
}
