package vn.ecomdss.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.testsupport.FixtureApiServer;
import vn.ecomdss.testsupport.PlatformTestSupport;

class DssEtlJobTest extends PlatformTestSupport {

    private final JsonMapper json = JsonMapper.builder().build();

    @AfterEach
    void restoreFixtures() {
        FIXTURES.reset();
    }

    @Test
    void fullRunLoadsEveryDummyJsonRecordAndPublishesTheSummary() throws Exception {
        JobExecution execution = runEtl("full-run", "2026-10-01", "dummyjson");

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("select count(*) from dw.dim_product where source = 'dummyjson' and is_current")).isEqualTo(194);
        assertThat(count("select count(*) from dw.dim_customer where source = 'dummyjson' and is_current")).isEqualTo(208);
        long cartLines = fixtureCartLines();
        assertThat(cartLines).isEqualTo(800);
        assertThat(count("select count(*) from dw.fact_sales where source = 'dummyjson'")).isEqualTo(cartLines);
        assertThat(count("select count(*) from mart.mv_monthly_sales where platform_code = 'dummyjson'")).isPositive();
        assertThat(count("select count(*) from mart.mv_customer_analytics where source = 'dummyjson' and orders > 0"))
                .isPositive();
        assertThat(count("select count(*) from mart.mv_product_performance where source = 'dummyjson' and units > 0"))
                .isPositive();
        assertThat(count("select sum(units) from mart.mv_product_performance where source = 'dummyjson'"))
                .isEqualTo(count("select sum(quantity) from dw.fact_sales where source = 'dummyjson'"));

        assertThat(count("select count(*) from task_task_batch where job_execution_id = ?", execution.getId()))
                .as("the launch is recorded as a Spring Cloud Task execution linked to the job execution").isEqualTo(1);
        assertThat(count("""
                select count(*) from dw.fact_sales f join dw.dim_geography g using (geography_key)
                where f.source = 'dummyjson' and g.geography_key = 0
                """)).as("DummyJSON's US cities resolve to no Vietnamese province").isEqualTo(cartLines);
        assertThat(count("select count(*) from dw.dim_geography where geography_key > 0")).isEqualTo(63);

        JsonNode summary = messages("etl_notifications").stream().map(json::readTree)
                .filter(m -> m.path("runId").asString().equals("full-run")).findFirst().orElseThrow();
        assertThat(summary.path("job").asString()).isEqualTo("dss_etl");
        assertThat(summary.path("qualityScore").asDouble()).isGreaterThanOrEqualTo(0.95);
        assertThat(summary.path("steps").size()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void secondRunOverUnchangedDataAddsNoDimensionVersionAndNoFactRow() throws Exception {
        assertThat(runEtl("idempotent-1", "2026-10-02", "dummyjson").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long products = count("select count(*) from dw.dim_product");
        long customers = count("select count(*) from dw.dim_customer");
        long facts = count("select count(*) from dw.fact_sales");
        String factFingerprint = factFingerprint();

        JobExecution second = runEtl("idempotent-2", "2026-10-02", "dummyjson");

        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("select count(*) from dw.dim_product")).isEqualTo(products);
        assertThat(count("select count(*) from dw.dim_customer")).isEqualTo(customers);
        assertThat(count("select count(*) from dw.fact_sales")).isEqualTo(facts);
        assertThat(count("select count(*) from dw.fact_sales where run_id = 'idempotent-2'")).isZero();
        assertThat(factFingerprint()).isEqualTo(factFingerprint);
    }

    @Test
    void categoryAndCityChangesOpenOneVersionEachWhileAStockChangeOpensNone() throws Exception {
        assertThat(runEtl("scd-1", "2026-10-03", "dummyjson").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long stockVersions = versions("dw.dim_product", "product_id", "9");
        long productVersions = versions("dw.dim_product", "product_id", "5");
        long customerVersions = versions("dw.dim_customer", "customer_id", "7");

        FIXTURES.patch(FixtureApiServer.DUMMYJSON, "products", 5, Map.of("category", "home-decoration"));
        FIXTURES.patch(FixtureApiServer.DUMMYJSON, "users", 7, Map.of("address.city", "Đà Nẵng"));
        FIXTURES.patch(FixtureApiServer.DUMMYJSON, "products", 9, Map.of("stock", 4321));
        assertThat(runEtl("scd-2", "2026-10-04", "dummyjson").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(versions("dw.dim_product", "product_id", "5")).isEqualTo(productVersions + 1);
        assertThat(versions("dw.dim_customer", "customer_id", "7")).isEqualTo(customerVersions + 1);
        assertThat(versions("dw.dim_product", "product_id", "9")).isEqualTo(stockVersions);
        assertThat(count("select stock from dw.dim_product where source = 'dummyjson' and product_id = '9' and is_current"))
                .isEqualTo(4321);
        assertThat(jdbc.queryForObject("""
                select category from dw.dim_product where source = 'dummyjson' and product_id = '5' and is_current
                """, String.class)).isEqualTo("home-decoration");
        assertThat(jdbc.queryForObject("""
                select city || '/' || region from dw.dim_customer
                where source = 'dummyjson' and customer_id = '7' and is_current
                """, String.class)).isEqualTo("Đà Nẵng/CENTRAL");
        assertClosedAtNewValidFrom("dw.dim_product", "product_id", "5");
        assertClosedAtNewValidFrom("dw.dim_customer", "customer_id", "7");
    }

    private void assertClosedAtNewValidFrom(String table, String keyColumn, String key) {
        Map<String, Object> pair = jdbc.queryForMap("""
                select old.valid_to = cur.valid_from as adjacent, old.is_current as old_current, cur.is_current as cur_current
                from %1$s cur
                join %1$s old on old.source = cur.source and old.%2$s = cur.%2$s and old.valid_to <= cur.valid_from
                where cur.source = 'dummyjson' and cur.%2$s = ? and cur.is_current
                order by old.valid_to desc limit 1
                """.formatted(table, keyColumn), key);
        assertThat(pair).containsEntry("adjacent", true).containsEntry("old_current", false).containsEntry("cur_current", true);
    }

    private long versions(String table, String keyColumn, String key) {
        return count("select count(*) from " + table + " where source = 'dummyjson' and " + keyColumn + " = ?", key);
    }

    private String factFingerprint() {
        return jdbc.queryForObject("""
                select md5(string_agg(concat_ws('|', source, order_id, line_number, order_date, customer_key, product_key,
                    quantity, net_amount_vnd, run_id), ',' order by source, order_id, line_number)) from dw.fact_sales
                """, String.class);
    }

    private long fixtureCartLines() throws IOException {
        JsonNode carts = json.readTree(Files.readString(FixtureApiServer.fixturesDirectory().resolve("dummyjson/carts.json")));
        JsonNode list = carts.isArray() ? carts : carts.path("carts");
        long lines = 0;
        for (JsonNode cart : list) {
            lines += cart.path("products").size();
        }
        return lines;
    }
}
