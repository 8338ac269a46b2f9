package vn.ecomdss.api.analytics;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Revenue by month, platform, region and category, top products, customer segments and campaign uplift, read from
 * the marts (category from the facts: no mart has the category by month). Every answer is one page of a completely
 * ordered query, cached by its filter and page.
 */
@Component
public class SalesAnalytics {

    /** A month, platform and region of {@code mart.mv_monthly_sales}. */
    public record MonthlySales(LocalDate month, String platform, String region, long orders, long orderLines,
                               long units, BigDecimal revenueVnd, long customers) {
    }

    /** Revenue of one platform, region or category over the filter's months. */
    public record GroupRevenue(String group, String name, long orders, long units, BigDecimal revenueVnd) {
    }

    public record TopProduct(String source, String productId, String title, String category, String mappedCategoryCode,
                             String mappedCategoryName, String brand, long orders, long units, BigDecimal revenueVnd) {
    }

    /** The customers of one segment; {@code avgRecencyDays} only for RFM segments, which are scored on recency. */
    public record SegmentSummary(String segment, long customers, long orders, BigDecimal revenueVnd,
                                 BigDecimal revenuePerCustomerVnd, BigDecimal avgRecencyDays) {
    }

    /** A current customer with their orders and, when they ordered, their RFM cell. */
    public record Customer(String source, String customerId, String fullName, String city, String region,
                           String customerSegment, long orders, BigDecimal revenueVnd, LocalDate firstOrderDate,
                           LocalDate lastOrderDate, BigDecimal avgOrderValueVnd, String rfmSegment, Integer rfmCell) {
    }

    public record CampaignUplift(String campaignCode, String campaignType, String campaignName, LocalDate startsOn,
                                 LocalDate endsOn, long campaignDays, long campaignOrders,
                                 BigDecimal campaignDailyRevenueVnd, long baselineDays, long baselineOrders,
                                 BigDecimal baselineDailyRevenueVnd, BigDecimal upliftRatio) {
    }

    /** The RFM segments of {@code mart.mv_customer_rfm}. */
    public static final List<String> RFM_SEGMENTS = List.of("champions", "loyal",
            "new_or_promising", "at_risk", "hibernating", "needs_attention");

    /** The months of the filter, on a column holding the first day of a month. */
    private static final String MONTHS = """
            (cast(:from as date) is null or month >= date_trunc('month', cast(:from as date)))
              and (cast(:to as date) is null or month <= cast(:to as date))
            """;

    private static final String MONTHLY = """
            select month, platform_code, region, orders, order_lines, units, revenue_vnd, customers
            from mart.mv_monthly_sales
            where %s
              and (cast(:platform as text) is null or platform_code = :platform)
              and (cast(:region as text) is null or region = :region)
            order by month, platform_code, region
            """.formatted(MONTHS);

    private static final String BY_PLATFORM = """
            select m.platform_code as grp, p.platform_name as name, sum(m.orders) as orders, sum(m.units) as units,
                   sum(m.revenue_vnd) as revenue_vnd
            from mart.mv_monthly_sales m
            join dw.dim_platform p on p.platform_code = m.platform_code and p.is_current
            where %s
              and (cast(:platform as text) is null or m.platform_code = :platform)
              and (cast(:region as text) is null or m.region = :region)
            group by m.platform_code, p.platform_name
            order by revenue_vnd desc, grp
            """.formatted(MONTHS);

    private static final String BY_REGION = """
            select region as grp, region as name, sum(orders) as orders, sum(units) as units,
                   sum(revenue_vnd) as revenue_vnd
            from mart.mv_monthly_sales
            where %s
              and (cast(:platform as text) is null or platform_code = :platform)
              and (cast(:region as text) is null or region = :region)
            group by region
            order by revenue_vnd desc, grp
            """.formatted(MONTHS);

    /** Lines of the filter's months by the category of the product version they were sold as. */
    private static final String BY_CATEGORY = """
            select p.mapped_category_code as grp, p.mapped_category_name as name,
                   count(distinct (f.source, f.order_id)) as orders, sum(f.quantity) as units,
                   sum(f.net_amount_vnd) as revenue_vnd
            from dw.fact_sales f
            join dw.dim_product p on p.product_key = f.product_key
            join dw.dim_platform pl on pl.platform_key = f.platform_key
            join dw.dim_geography g on g.geography_key = f.geography_key
            where (cast(:from as date) is null or f.order_date >= date_trunc('month', cast(:from as date)))
              and (cast(:to as date) is null
                   or f.order_date < date_trunc('month', cast(:to as date)) + interval '1 month')
              and (cast(:platform as text) is null or pl.platform_code = :platform)
              and (cast(:region as text) is null or g.region = :region)
              and (cast(:category as text) is null or p.mapped_category_code = :category)
            group by p.mapped_category_code, p.mapped_category_name
            order by revenue_vnd desc, grp nulls last
            """;

    private static final String TOP_PRODUCTS = """
            select m.source, m.product_id, m.title, m.category, d.mapped_category_code, d.mapped_category_name,
                   m.brand, m.orders, m.units, m.revenue_vnd
            from mart.mv_product_performance m
            left join dw.dim_product d on d.source = m.source and d.product_id = m.product_id and d.is_current
            where (cast(:category as text) is null or d.mapped_category_code = :category)
            order by %s desc, m.source, m.product_id
            """;
    private static final String TOP_BY_REVENUE = TOP_PRODUCTS.formatted("m.revenue_vnd");
    private static final String TOP_BY_UNITS = TOP_PRODUCTS.formatted("m.units");

    private static final String RFM_SEGMENT_SUMMARY = """
            select rfm_segment as segment, count(*) as customers, sum(orders) as orders,
                   sum(revenue_vnd) as revenue_vnd,
                   round(sum(revenue_vnd) / count(*)) as revenue_per_customer_vnd,
                   round(avg(recency_days), 1) as avg_recency_days
            from mart.mv_customer_rfm
            group by rfm_segment
            order by revenue_vnd desc, segment
            """;

    private static final String PROFILE_SEGMENT_SUMMARY = """
            select coalesce(customer_segment, 'unknown') as segment, count(*) as customers, sum(orders) as orders,
                   sum(revenue_vnd) as revenue_vnd, round(sum(revenue_vnd) / count(*)) as revenue_per_customer_vnd,
                   null::numeric as avg_recency_days
            from mart.mv_customer_analytics
            where cast(:region as text) is null or region = :region
            group by 1
            order by revenue_vnd desc, segment
            """;

    private static final String CUSTOMERS = """
            select a.source, a.customer_id, a.full_name, a.city, a.region, a.customer_segment, a.orders,
                   a.revenue_vnd, a.first_order_date, a.last_order_date, a.avg_order_value_vnd, r.rfm_segment,
                   r.rfm_cell
            from mart.mv_customer_analytics a
            left join mart.mv_customer_rfm r on r.source = a.source and r.customer_id = a.customer_id
            where (cast(:region as text) is null or a.region = :region)
              and (cast(:segment as text) is null or r.rfm_segment = :segment)
            order by a.revenue_vnd desc, a.source, a.customer_id
            """;

    /** Campaigns whose period overlaps the filter's dates. */
    private static final String UPLIFT = """
            select campaign_code, campaign_type, campaign_name, starts_on, ends_on, campaign_days, campaign_orders,
                   campaign_daily_revenue_vnd, baseline_days, baseline_orders, baseline_daily_revenue_vnd, uplift_ratio
            from mart.mv_campaign_uplift
            where (cast(:from as date) is null or ends_on >= cast(:from as date))
              and (cast(:to as date) is null or starts_on <= cast(:to as date))
              and (cast(:type as text) is null or campaign_type = :type)
            order by starts_on, campaign_code
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public SalesAnalytics(JdbcTemplate jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    @Cacheable(cacheNames = "analytics.revenue-monthly", sync = true)
    public Page<MonthlySales> monthly(SalesFilter filter, PageRequest page) {
        return Page.query(jdbc, MONTHLY, filter.parameters(), (rs, i) -> new MonthlySales(
                rs.getObject("month", LocalDate.class), rs.getString("platform_code"), rs.getString("region"),
                rs.getLong("orders"), rs.getLong("order_lines"), rs.getLong("units"), rs.getBigDecimal("revenue_vnd"),
                rs.getLong("customers")), page);
    }

    @Cacheable(cacheNames = "analytics.revenue-by-platform", sync = true)
    public Page<GroupRevenue> byPlatform(SalesFilter filter, PageRequest page) {
        return groups(BY_PLATFORM, filter, page);
    }

    @Cacheable(cacheNames = "analytics.revenue-by-region", sync = true)
    public Page<GroupRevenue> byRegion(SalesFilter filter, PageRequest page) {
        return groups(BY_REGION, filter, page);
    }

    /** Revenue by mapped category; products whose category is mapped to none are the group without a code. */
    @Cacheable(cacheNames = "analytics.revenue-by-category", sync = true)
    public Page<GroupRevenue> byCategory(SalesFilter filter, PageRequest page) {
        return groups(BY_CATEGORY, filter, page);
    }

    /** @param rankBy {@code revenue} or {@code units} */
    @Cacheable(cacheNames = "analytics.top-products", sync = true)
    public Page<TopProduct> topProducts(String rankBy, String category, PageRequest page) {
        String sql = switch (rankBy) {
            case "revenue" -> TOP_BY_REVENUE;
            case "units" -> TOP_BY_UNITS;
            default -> throw new IllegalArgumentException("no ranking of products by " + rankBy);
        };
        return Page.query(jdbc, sql, new MapSqlParameterSource().addValue("category", category, Types.VARCHAR),
                (rs, i) -> new TopProduct(rs.getString("source"), rs.getString("product_id"), rs.getString("title"),
                        rs.getString("category"), rs.getString("mapped_category_code"),
                        rs.getString("mapped_category_name"), rs.getString("brand"), rs.getLong("orders"),
                        rs.getLong("units"), rs.getBigDecimal("revenue_vnd")), page);
    }

    /**
     * @param kind   {@code rfm} (the RFM segments of customers who ordered) or {@code profile} (the segment each
     *               customer's profile carries, every current customer)
     * @param region only for {@code profile}: the RFM mart carries no region
     */
    @Cacheable(cacheNames = "analytics.customer-segments", sync = true)
    public Page<SegmentSummary> segments(String kind, String region, PageRequest page) {
        String sql = switch (kind) {
            case "rfm" -> RFM_SEGMENT_SUMMARY;
            case "profile" -> PROFILE_SEGMENT_SUMMARY;
            default -> throw new IllegalArgumentException("no customer segments of kind " + kind);
        };
        return Page.query(jdbc, sql, new MapSqlParameterSource().addValue("region", region, Types.VARCHAR),
                (rs, i) -> new SegmentSummary(rs.getString("segment"), rs.getLong("customers"), rs.getLong("orders"),
                        rs.getBigDecimal("revenue_vnd"), rs.getBigDecimal("revenue_per_customer_vnd"),
                        rs.getBigDecimal("avg_recency_days")), page);
    }

    /** Customers by revenue, optionally of one region and one RFM segment. */
    @Cacheable(cacheNames = "analytics.customers", sync = true)
    public Page<Customer> customers(String region, String rfmSegment, PageRequest page) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("region", region, Types.VARCHAR).addValue("segment", rfmSegment, Types.VARCHAR);
        return Page.query(jdbc, CUSTOMERS, parameters, (rs, i) -> new Customer(rs.getString("source"),
                rs.getString("customer_id"), rs.getString("full_name"), rs.getString("city"), rs.getString("region"),
                rs.getString("customer_segment"), rs.getLong("orders"), rs.getBigDecimal("revenue_vnd"),
                rs.getObject("first_order_date", LocalDate.class), rs.getObject("last_order_date", LocalDate.class),
                rs.getBigDecimal("avg_order_value_vnd"), rs.getString("rfm_segment"),
                rs.getObject("rfm_cell", Integer.class)), page);
    }

    @Cacheable(cacheNames = "analytics.uplift", sync = true)
    public Page<CampaignUplift> uplift(LocalDate from, LocalDate to, String campaignType, PageRequest page) {
        MapSqlParameterSource parameters = new MapSqlParameterSource().addValue("from", from, Types.DATE)
                .addValue("to", to, Types.DATE).addValue("type", campaignType, Types.VARCHAR);
        return Page.query(jdbc, UPLIFT, parameters, (rs, i) -> new CampaignUplift(rs.getString("campaign_code"),
                rs.getString("campaign_type"), rs.getString("campaign_name"),
                rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
                rs.getLong("campaign_days"), rs.getLong("campaign_orders"),
                rs.getBigDecimal("campaign_daily_revenue_vnd"), rs.getLong("baseline_days"),
                rs.getLong("baseline_orders"), rs.getBigDecimal("baseline_daily_revenue_vnd"),
                rs.getBigDecimal("uplift_ratio")), page);
    }

    private Page<GroupRevenue> groups(String sql, SalesFilter filter, PageRequest page) {
        return Page.query(jdbc, sql, filter.parameters(), (rs, i) -> new GroupRevenue(rs.getString("grp"),
                rs.getString("name"), rs.getLong("orders"), rs.getLong("units"), rs.getBigDecimal("revenue_vnd")),
                page);
    }
}
