package vn.ecomdss.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The analytics REST API on a vnmarket load: every answer equals SQL over the marts; bad input and access refused. */
class AnalyticsApiTest extends AnalyticsTestSupport {

    private static final String[] MONTHLY = {"month", "month", "platform_code", "platform", "region", "region",
            "orders", "orders", "order_lines", "orderLines", "units", "units", "revenue_vnd", "revenueVnd",
            "customers", "customers"};
    private static final String[] GROUP = {"grp", "group", "name", "name", "orders", "orders", "units", "units",
            "revenue_vnd", "revenueVnd"};

    @Test
    void revenueByMonthPlatformRegionAndCategoryEqualsTheMartsWithFiltersAndPages() {
        // The months of this class's vnmarket load; other tests' loads in the same warehouse may span fewer.
        LocalDate first = jdbc.queryForObject("select date_trunc('month', min(order_date))::date from dw.fact_sales "
                + "where source = 'vnmarket'", LocalDate.class);
        LocalDate last = jdbc.queryForObject("select date_trunc('month', max(order_date))::date from dw.fact_sales "
                + "where source = 'vnmarket'", LocalDate.class);
        LocalDate from = first.plusMonths(1).plusDays(14);
        LocalDate to = last.minusMonths(1).plusDays(3);
        // The largest of vnmarket's platforms, which sells in every month and region of the range: another test's
        // source (a shop's files) may have a larger one in fewer months.
        String platform = jdbc.queryForObject("""
                select platform_code from mart.mv_monthly_sales
                where month between ? and ? and platform_code in (
                    select p.platform_code from dw.fact_sales f join dw.dim_platform p on p.platform_key = f.platform_key
                    where f.source = 'vnmarket')
                group by 1 order by sum(revenue_vnd) desc limit 1
                """, String.class, from.withDayOfMonth(1), to.withDayOfMonth(1));
        String range = "from=" + from + "&to=" + to;

        List<Map<String, Object>> monthly = jdbc.queryForList("""
                select * from mart.mv_monthly_sales
                where month between ? and ? and platform_code = ? order by month, platform_code, region
                """, from.withDayOfMonth(1), to.withDayOfMonth(1), platform);
        JsonNode all = ok("/api/v1/analytics/revenue/monthly?" + range + "&platform=" + platform.toUpperCase()
                + "&size=500");
        assertRows(all.path("content"), monthly, MONTHLY);
        assertThat(all.path("totalElements").asLong()).isEqualTo(monthly.size());

        JsonNode second = ok("/api/v1/analytics/revenue/monthly?" + range + "&platform=" + platform
                + "&page=1&size=3");
        assertRows(second.path("content"), monthly.subList(3, Math.min(6, monthly.size())), MONTHLY);
        assertThat(second.path("totalPages").asInt()).isEqualTo((monthly.size() + 2) / 3);
        assertThat(ok("/api/v1/analytics/revenue/monthly?page=1000").path("content").size()).isZero();

        assertRows(ok("/api/v1/analytics/revenue/by-platform?" + range).path("content"), jdbc.queryForList("""
                select m.platform_code as grp, p.platform_name as name, sum(orders) as orders, sum(units) as units,
                       sum(revenue_vnd) as revenue_vnd
                from mart.mv_monthly_sales m
                join dw.dim_platform p on p.platform_code = m.platform_code and p.is_current
                where month between ? and ? group by 1, 2 order by revenue_vnd desc, grp
                """, from.withDayOfMonth(1), to.withDayOfMonth(1)), GROUP);

        assertRows(ok("/api/v1/analytics/revenue/by-region?platform=" + platform).path("content"), jdbc.queryForList("""
                select region as grp, region as name, sum(orders) as orders, sum(units) as units,
                       sum(revenue_vnd) as revenue_vnd
                from mart.mv_monthly_sales where platform_code = ? group by 1 order by revenue_vnd desc, grp
                """, platform), GROUP);

        String region = jdbc.queryForObject("""
                select region from mart.mv_monthly_sales group by 1 order by sum(revenue_vnd) desc limit 1
                """, String.class);
        List<Map<String, Object>> categories = jdbc.queryForList("""
                select p.mapped_category_code as grp, p.mapped_category_name as name,
                       count(distinct (f.source, f.order_id)) as orders, sum(f.quantity) as units,
                       sum(f.net_amount_vnd) as revenue_vnd
                from dw.fact_sales f
                join dw.dim_product p on p.product_key = f.product_key
                join dw.dim_geography g on g.geography_key = f.geography_key
                where f.order_date >= ? and f.order_date < ? and g.region = ?
                group by 1, 2 order by revenue_vnd desc, grp nulls last
                """, from.withDayOfMonth(1), to.withDayOfMonth(1).plusMonths(1), region);
        assertRows(ok("/api/v1/analytics/revenue/by-category?" + range + "&region=" + region.toLowerCase()
                + "&size=500").path("content"), categories, GROUP);
        String category = (String) categories.stream().filter(c -> c.get("grp") != null).findFirst().orElseThrow()
                .get("grp");
        JsonNode one = ok("/api/v1/analytics/revenue/by-category?" + range + "&region=" + region + "&category="
                + category).path("content");
        assertRows(one, categories.stream().filter(c -> category.equals(c.get("grp"))).toList(), GROUP);
    }

    @Test
    void topProductsSegmentsCustomersAndUpliftEqualTheMarts() {
        String[] product = {"source", "source", "product_id", "productId", "title", "title",
                "mapped_category_code", "mappedCategoryCode", "orders", "orders", "units", "units",
                "revenue_vnd", "revenueVnd"};
        String top = """
                select m.*, d.mapped_category_code from mart.mv_product_performance m
                left join dw.dim_product d on d.source = m.source and d.product_id = m.product_id and d.is_current
                """;
        assertRows(ok("/api/v1/analytics/products/top?size=10").path("content"), jdbc.queryForList(top
                + " order by m.revenue_vnd desc, m.source, m.product_id limit 10"), product);
        List<Map<String, Object>> byUnits = jdbc.queryForList(top + " order by m.units desc, m.source, m.product_id");
        String category = (String) byUnits.stream().filter(p -> p.get("mapped_category_code") != null).findFirst()
                .orElseThrow().get("mapped_category_code");
        assertRows(ok("/api/v1/analytics/products/top?by=units&size=500&category=" + category).path("content"),
                byUnits.stream().filter(p -> category.equals(p.get("mapped_category_code"))).limit(500).toList(),
                product);

        String[] segment = {"segment", "segment", "customers", "customers", "orders", "orders",
                "revenue_vnd", "revenueVnd", "avg_recency_days", "avgRecencyDays"};
        assertRows(ok("/api/v1/analytics/customers/segments").path("content"), jdbc.queryForList("""
                select rfm_segment as segment, count(*) as customers, sum(orders) as orders,
                       sum(revenue_vnd) as revenue_vnd, round(avg(recency_days), 1) as avg_recency_days
                from mart.mv_customer_rfm group by 1 order by revenue_vnd desc, segment
                """), segment);
        assertRows(ok("/api/v1/analytics/customers/segments?kind=profile&region=SOUTH").path("content"),
                jdbc.queryForList("""
                        select coalesce(customer_segment, 'unknown') as segment, count(*) as customers,
                               sum(orders) as orders, sum(revenue_vnd) as revenue_vnd, null as avg_recency_days
                        from mart.mv_customer_analytics where region = 'SOUTH'
                        group by 1 order by revenue_vnd desc, segment
                        """), segment);

        assertRows(ok("/api/v1/analytics/customers?segment=champions&size=20").path("content"), jdbc.queryForList("""
                select a.*, r.rfm_segment, r.rfm_cell from mart.mv_customer_analytics a
                join mart.mv_customer_rfm r on r.source = a.source and r.customer_id = a.customer_id
                where r.rfm_segment = 'champions' order by a.revenue_vnd desc, a.source, a.customer_id limit 20
                """), "customer_id", "customerId", "full_name", "fullName", "orders", "orders",
                "revenue_vnd", "revenueVnd", "last_order_date", "lastOrderDate", "rfm_cell", "rfmCell");

        List<Map<String, Object>> uplift = jdbc.queryForList(
                "select * from mart.mv_campaign_uplift order by starts_on, campaign_code");
        String[] campaign = {"campaign_code", "campaignCode", "campaign_type", "campaignType", "starts_on", "startsOn",
                "campaign_daily_revenue_vnd", "campaignDailyRevenueVnd", "baseline_daily_revenue_vnd",
                "baselineDailyRevenueVnd", "uplift_ratio", "upliftRatio"};
        assertRows(ok("/api/v1/analytics/uplift?size=500").path("content"), uplift, campaign);
        Map<String, Object> last = uplift.get(uplift.size() - 1);
        assertRows(ok("/api/v1/analytics/uplift?from=" + last.get("ends_on") + "&type=" + last.get("campaign_type"))
                .path("content"), jdbc.queryForList("""
                        select * from mart.mv_campaign_uplift where ends_on >= ? and campaign_type = ?
                        order by starts_on, campaign_code
                        """, last.get("ends_on"), last.get("campaign_type")), campaign);
    }

    @Test
    void theFourKpiFamiliesEqualTheMarts() {
        LocalDate last = jdbc.queryForObject("select max(month) from mart.mv_monthly_sales", LocalDate.class);
        LocalDate from = last.minusMonths(5);
        String range = "from=" + from + "&to=" + last.plusDays(20);

        JsonNode revenue = ok("/api/v1/analytics/kpis/revenue?" + range + "&region=NORTH");
        Map<String, Object> total = jdbc.queryForMap("""
                select sum(revenue_vnd) as revenue_vnd, sum(orders) as orders, sum(units) as units,
                       round(sum(revenue_vnd) / sum(orders)) as aov
                from mart.mv_monthly_sales where month >= ? and region = 'NORTH'
                """, from);
        assertRow(revenue, total, "revenue_vnd", "revenueVnd", "orders", "orders", "units", "units",
                "aov", "avgOrderValueVnd");
        List<Map<String, Object>> months = jdbc.queryForList("""
                select month, sum(revenue_vnd) as revenue_vnd, sum(orders) as orders from mart.mv_monthly_sales
                where month >= ? and region = 'NORTH' group by 1 order by 1
                """, from);
        assertRows(revenue.path("months"), months, "month", "month", "revenue_vnd", "revenueVnd", "orders", "orders");
        assertThat(revenue.path("months").get(0).path("growthRatio").isNull()).isTrue();
        BigDecimal growth = ((BigDecimal) months.get(1).get("revenue_vnd"))
                .divide((BigDecimal) months.get(0).get("revenue_vnd"), 4, RoundingMode.HALF_UP)
                .subtract(BigDecimal.ONE);
        assertThat(revenue.path("months").get(1).path("growthRatio").decimalValue()).isEqualByComparingTo(growth);

        JsonNode acquisition = ok("/api/v1/analytics/kpis/customer-acquisition?" + range);
        List<Map<String, Object>> firsts = jdbc.queryForList("""
                select date_trunc('month', first_order_date)::date as month, count(*) as new_customers,
                       count(*) filter (where orders > 1) as repeat_customers
                from mart.mv_customer_analytics where first_order_date >= ? group by 1 order by 1
                """, from);
        assertRows(acquisition.path("months"), firsts, "month", "month", "new_customers", "newCustomers",
                "repeat_customers", "repeatCustomers");
        assertThat(acquisition.path("newCustomers").asLong()).isEqualTo(count("""
                select count(*) from mart.mv_customer_analytics where first_order_date >= ?""", from)).isPositive();

        JsonNode share = ok("/api/v1/analytics/kpis/market-share?" + range);
        List<Map<String, Object>> platforms = jdbc.queryForList("""
                select platform_code, sum(revenue_vnd) as revenue_vnd,
                       round(sum(revenue_vnd) / (select sum(revenue_vnd) from mart.mv_platform_comparison
                                                 where month >= ?), 4) as share
                from mart.mv_platform_comparison where month >= ? group by 1 order by 2 desc, 1
                """, from, from);
        assertRows(share.path("platforms"), platforms, "platform_code", "platform", "revenue_vnd", "revenueVnd",
                "share", "share");
        assertThat(list(share.path("platforms")).stream().map(p -> p.path("share").decimalValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isBetween(new BigDecimal("0.999"), new BigDecimal("1.001"));

        JsonNode efficiency = ok("/api/v1/analytics/kpis/operational-efficiency?" + range);
        assertRows(efficiency.path("cancelReturns"), jdbc.queryForList("""
                select month, platform_code, order_lines, cancel_return_ratio from mart.mv_platform_comparison
                where month >= ? order by month, platform_code
                """, from), "month", "month", "platform_code", "platform", "order_lines", "orderLines",
                "cancel_return_ratio", "cancelReturnRatio");
        JsonNode steps = ok("/api/v1/analytics/kpis/operational-efficiency").path("steps");
        assertRows(steps, jdbc.queryForList("""
                select i.job_name, s.step_name, count(*) as executions
                from batch_step_execution s
                join batch_job_execution e on e.job_execution_id = s.job_execution_id
                join batch_job_instance i on i.job_instance_id = e.job_instance_id
                where s.status = 'COMPLETED' and s.end_time is not null group by 1, 2 order by 1, 2
                """), "job_name", "job", "step_name", "step", "executions", "executions");
        assertThat(list(steps).stream().filter(s -> s.path("job").asString().equals("dss_etl")
                && s.path("step").asString().equals("extract_vnmarket")))
                .singleElement().satisfies(s -> assertThat(s.path("avgSeconds").decimalValue()).isPositive());
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        assertField(get("/api/v1/analytics/revenue/monthly?from=2026-13-01", viewer()), "from");
        assertField(get("/api/v1/analytics/revenue/monthly?to=yesterday", viewer()), "to");
        assertField(get("/api/v1/analytics/revenue/monthly?from=2026-05-01&to=2026-04-30", viewer()), "to");
        Answer platform = get("/api/v1/analytics/revenue/by-platform?platform=nosuch%27%20or%201=1", viewer());
        assertField(platform, "platform");
        assertThat(platform.json().path("detail").asString()).contains("shopee", "lazada");
        assertField(get("/api/v1/analytics/revenue/by-region?region=Mars", viewer()), "region");
        assertField(get("/api/v1/analytics/revenue/by-category?category=dien-thoai%25", viewer()), "category");
        assertField(get("/api/v1/analytics/revenue/monthly?size=0", viewer()), "size");
        assertField(get("/api/v1/analytics/revenue/monthly?size=501", viewer()), "size");
        assertField(get("/api/v1/analytics/revenue/monthly?page=-1", viewer()), "page");
        assertField(get("/api/v1/analytics/revenue/monthly?size=many", viewer()), "size");
        assertField(get("/api/v1/analytics/products/top?by=price", viewer()), "by");
        assertField(get("/api/v1/analytics/customers/segments?kind=age", viewer()), "kind");
        assertField(get("/api/v1/analytics/customers/segments?region=NORTH", viewer()), "region");
        assertField(get("/api/v1/analytics/customers?segment=whales", viewer()), "segment");
        assertField(get("/api/v1/analytics/uplift?type=blackfriday", viewer()), "type");
    }

    @Test
    void analyticsNeedAViewerAsTheAdminApiDoesAndAreDocumented() {
        Answer anonymous = get("/api/v1/analytics/revenue/monthly", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(get("/api/v1/analytics/kpis/revenue", bearer("not-a-configured-token")).status()).isEqualTo(401);
        assertThat(get("/api/v1/analytics/kpis/revenue", basic(VIEWER, "wrong")).status()).isEqualTo(401);

        assertThat(get("/api/v1/analytics/kpis/revenue", basic(VIEWER, VIEWER_PASSWORD)).status()).isEqualTo(200);
        assertThat(get("/api/v1/analytics/kpis/revenue", bearer(OPERATOR_TOKEN)).status()).isEqualTo(200);
        Answer write = post("/api/v1/analytics/revenue/monthly", viewer(), "{}");
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().path("detail").asString()).contains("OPERATOR");

        JsonNode paths = ok("/v3/api-docs").path("paths");
        assertThat(paths.has("/api/v1/analytics/revenue/monthly")).isTrue();
        assertThat(paths.has("/api/v1/analytics/kpis/market-share")).isTrue();
        assertThat(paths.has("/api/v1/analytics/ml/customer-value")).isTrue();
    }

    @Test
    void modelOutputsAnswerTheirRowsFromTheRealTables() {
        try {
            jdbc.update("""
                    insert into ml.customer_value (source, customer_id, predicted_value_vnd, value_horizon_days,
                                                   churn_probability, segment, model_version, churn_model_version,
                                                   segment_model_version, origin_date, run_id)
                    select 'analytics-test', source || ':' || customer_id, revenue_vnd * 2, 365, 0.1, customer_segment, 1, 1, 1,
                           date '2026-11-30', 'analytics-test'
                    from mart.mv_customer_analytics
                    """);
            assertThat(count("select count(*) from ml.customer_value where source = 'analytics-test'"))
                    .as("ml.customer_value exists since V66").isPositive();
            JsonNode value = ok("/api/v1/analytics/ml/customer-value?source=analytics-test&size=5");
            assertThat(value.path("status").asString()).isEqualTo("available");
            assertRows(value.path("page").path("content"), jdbc.queryForList("""
                    select * from ml.customer_value where source = 'analytics-test'
                    order by predicted_value_vnd desc, source, customer_id limit 5
                    """), "customer_id", "customerId", "predicted_value_vnd", "predictedValueVnd", "model_version",
                    "modelVersion");

            jdbc.update("""
                    insert into ml.recommendation (source, customer_id, rank, product_id, score, model_version,
                                                   origin_date, run_id)
                    values ('analytics-test', 'C1', 1, 'P9', 0.9, 3, date '2026-11-30', 'analytics-test'),
                           ('analytics-test', 'C1', 2, 'P4', 0.5, 3, date '2026-11-30', 'analytics-test')
                    """);
            JsonNode recommendations = ok("/api/v1/analytics/ml/recommendations?customerId=C1");
            assertThat(recommendations.path("status").asString()).as("ml.recommendation exists since V65")
                    .isEqualTo("available");
            assertThat(recommendations.path("page").path("content").findValuesAsString("productId"))
                    .containsExactly("P9", "P4");
            JsonNode forecasts = ok("/api/v1/analytics/ml/demand-forecast");
            assertThat(forecasts.path("status").asString()).as("ml.demand_forecast exists since V61").isEqualTo("available");
            assertThat(forecasts.path("page").path("totalElements").asLong())
                    .isEqualTo(count("select count(*) from ml.demand_forecast"));
        } finally {
            jdbc.update("delete from ml.customer_value where source = 'analytics-test'");
            jdbc.update("delete from ml.recommendation where run_id = 'analytics-test'");
        }
    }
}
