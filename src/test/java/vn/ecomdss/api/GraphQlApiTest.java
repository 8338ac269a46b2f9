package vn.ecomdss.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GraphQL at /graphql on a vnmarket load: answers equal the marts; too deep, too costly and bad queries refused. */
class GraphQlApiTest extends AnalyticsTestSupport {

    @Test
    void queriesOverMartsDimensionsAndModelOutputsEqualTheMarts() {
        LocalDate last = jdbc.queryForObject("select max(month) from mart.mv_monthly_sales", LocalDate.class);
        LocalDate from = last.minusMonths(3);
        String platform = jdbc.queryForObject("""
                select platform_code from mart.mv_monthly_sales group by 1 order by sum(revenue_vnd) desc limit 1
                """, String.class);
        JsonNode answer = graphql("""
                {
                  monthlySales(filter: {from: "%s", platform: "%s"}, size: 500) {
                    totalElements
                    content { month platform region orders units revenueVnd customers }
                  }
                  kpis(filter: {from: "%s"}) {
                    revenue { revenueVnd orders months { month revenueVnd growthRatio } }
                    marketShare { platforms { platform revenueVnd share } }
                  }
                  platforms { code name commissionRate monthlySales(filter: {from: "%s"}) { totalElements } }
                  categories {
                    code name products(size: 3) { content { productId revenueVnd mappedCategory { code } } }
                  }
                  customerValue { status detail page { totalElements } }
                }
                """.formatted(from, platform, from, from));
        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        JsonNode data = answer.path("data");

        List<Map<String, Object>> monthly = jdbc.queryForList("""
                select * from mart.mv_monthly_sales where month >= ? and platform_code = ?
                order by month, platform_code, region
                """, from, platform);
        assertRows(data.path("monthlySales").path("content"), monthly, "month", "month", "platform_code", "platform",
                "region", "region", "orders", "orders", "units", "units", "revenue_vnd", "revenueVnd",
                "customers", "customers");
        assertThat(data.path("monthlySales").path("totalElements").asLong()).isEqualTo(monthly.size());

        assertRow(data.path("kpis").path("revenue"), jdbc.queryForMap("""
                select sum(revenue_vnd) as revenue_vnd, sum(orders) as orders from mart.mv_monthly_sales
                where month >= ?
                """, from), "revenue_vnd", "revenueVnd", "orders", "orders");
        assertRows(data.path("kpis").path("marketShare").path("platforms"), jdbc.queryForList("""
                select platform_code, sum(revenue_vnd) as revenue_vnd,
                       round(sum(revenue_vnd) / sum(sum(revenue_vnd)) over (), 4) as share
                from mart.mv_platform_comparison where month >= ? group by 1 order by 2 desc, 1
                """, from), "platform_code", "platform", "revenue_vnd", "revenueVnd", "share", "share");

        assertRows(data.path("platforms"), jdbc.queryForList("""
                select p.platform_code, p.platform_name, p.commission_rate,
                       (select count(*) from mart.mv_monthly_sales m
                        where m.platform_code = p.platform_code and m.month >= ?) as months
                from dw.dim_platform p where p.is_current order by p.platform_code
                """, from), "platform_code", "code", "platform_name", "name", "commission_rate", "commissionRate");
        for (JsonNode p : list(data.path("platforms"))) {
            assertThat(p.path("monthlySales").path("totalElements").asLong()).as(p.toString()).isEqualTo(count("""
                    select count(*) from mart.mv_monthly_sales where platform_code = ? and month >= ?
                    """, p.path("code").asString(), from));
        }

        List<JsonNode> categories = list(data.path("categories"));
        assertThat(categories).isNotEmpty();
        for (JsonNode category : categories) {
            String code = category.path("code").asString();
            assertRows(category.path("products").path("content"), jdbc.queryForList("""
                    select m.product_id, m.revenue_vnd, d.mapped_category_code from mart.mv_product_performance m
                    join dw.dim_product d on d.source = m.source and d.product_id = m.product_id and d.is_current
                    where d.mapped_category_code = ? order by m.revenue_vnd desc, m.source, m.product_id limit 3
                    """, code), "product_id", "productId", "revenue_vnd", "revenueVnd");
            assertThat(list(category.path("products").path("content")))
                    .allSatisfy(p -> assertThat(p.path("mappedCategory").path("code").asString()).isEqualTo(code));
        }

        // ml.customer_value exists since V66: its rows are whatever the customer models' champions have scored.
        assertThat(data.path("customerValue").path("status").asString()).isEqualTo("available");
        assertThat(data.path("customerValue").path("page").path("totalElements").asLong())
                .isEqualTo(count("select count(*) from ml.customer_value"));
    }

    @Test
    void aQueryDeeperThanTheLimitIsRefusedNamingTheLimit() {
        JsonNode answer = graphql("""
                { categories { products { content { mappedCategory { products { content { mappedCategory {
                  products { content { mappedCategory { products { content { productId } } } } } } } } } } } } }
                """);
        assertThat(answer.path("data").isNull() || answer.path("data").isMissingNode()).as(answer.toString()).isTrue();
        assertThat(answer.path("errors")).hasSize(1);
        assertThat(answer.path("errors").get(0).path("message").asString())
                .contains("exceeds the maximum depth of 10", "dss.graphql.max-depth");

        JsonNode withinLimit = graphql("""
                { categories { products(size: 1) { content { mappedCategory { products(size: 1) {
                  content { productId } } } } } } }
                """);
        assertThat(withinLimit.has("errors")).as(withinLimit.toString()).isFalse();
    }

    @Test
    void aQueryCostlierThanTheLimitIsRefusedNamingTheLimit() {
        JsonNode answer = graphql("""
                { topProducts(size: 500) { content { source productId title revenueVnd
                  demandForecast(size: 500) { status page { content { forecastDate quantity lower upper } } } } } }
                """);
        assertThat(answer.path("errors")).hasSize(1);
        assertThat(answer.path("errors").get(0).path("message").asString())
                .contains("exceeds the maximum complexity of 1000", "dss.graphql.max-complexity");
        assertThat(graphql("{ topProducts(size: 500) { content { productId } } }").has("errors")).isFalse();
    }

    @Test
    void badArgumentsAreErrorsNamingTheArgument() {
        JsonNode region = graphql("{ monthlySales(filter: {region: \"Mars\"}) { totalElements } }");
        JsonNode error = region.path("errors").get(0);
        assertThat(error.path("message").asString()).contains("unknown region 'Mars'", "NORTH");
        assertThat(error.path("extensions").path("field").asString()).isEqualTo("region");
        assertThat(error.path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");

        JsonNode size = graphql("{ topProducts(size: 501) { totalElements } }");
        assertThat(size.path("errors").get(0).path("extensions").path("field").asString()).isEqualTo("size");
        JsonNode date = graphql("{ kpis(filter: {to: \"31/12/2026\"}) { revenue { orders } } }");
        assertThat(date.path("errors").get(0).path("extensions").path("field").asString()).isEqualTo("to");
    }

    @Test
    void graphQlNeedsAViewerAndShipsNoPageLoadingOutsideScripts() {
        String query = json.writeValueAsString(Map.of("query", "{ platforms { code } }"));
        Answer anonymous = post("/graphql", null, query);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(post("/graphql", bearer("not-a-configured-token"), query).status()).isEqualTo(401);
        Answer viewer = post("/graphql", basic(VIEWER, VIEWER_PASSWORD), query);
        assertThat(viewer.status()).isEqualTo(200);
        assertThat(viewer.json().path("data").path("platforms").size())
                .isEqualTo((int) count("select count(*) from dw.dim_platform where is_current"));
        assertThat(graphql("mutation { platforms { code } }").path("errors").get(0).path("message").asString())
                .containsIgnoringCase("mutation");
        assertThat(get("/graphiql", viewer()).status()).isEqualTo(404);
    }
}
