package vn.ecomdss.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ecomdss.testsupport.StepExecutions.step;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.testsupport.FixtureApiServer;
import vn.ecomdss.testsupport.PlatformTestSupport;

class SeedSourcesJobTest extends PlatformTestSupport {

    private static final String APIS_AND_SITES = "fakestore,platzi,sendo,fptshop,chotot";
    private final JsonMapper json = JsonMapper.builder().build();

    @AfterEach
    void restore() {
        FIXTURES.reset();
        FAKESTORE.reset();
        SENDO.reset();
        FPTSHOP.reset();
        CHOTOT.reset();
    }

    @Test
    void everyApiAndSiteLandsItsRecordsAndLoadsTheWarehouse() throws Exception {
        JobExecution execution = jobOperator.start(catalogue.jobs().get("dss_etl"), new JobParametersBuilder()
                .addString("run_id", "seed-all").addString("logical_date", "2026-11-02")
                .addString("sources", APIS_AND_SITES).addString("full_refresh", "true", false).toJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(currentProducts("fakestore")).isEqualTo(3);
        assertThat(currentProducts("platzi")).isEqualTo(51);
        assertThat(currentProducts("sendo")).isEqualTo(5);
        assertThat(currentProducts("fptshop")).isEqualTo(5);
        assertThat(currentProducts("chotot")).isEqualTo(6);
        assertThat(count("select count(*) from dw.dim_customer where source = 'fakestore' and is_current")).isEqualTo(2);
        assertThat(count("select count(*) from dw.dim_customer where source = 'platzi' and is_current")).isEqualTo(3);
        assertThat(lakeCount("fakestore", "carts")).isEqualTo(3);
        assertThat(lakeCount("platzi", "categories")).isEqualTo(5);

        assertThat(price("sendo", "43120019")).isEqualByComparingTo("19990000");
        assertThat(originalPrice("sendo", "43120019")).isEqualByComparingTo("22990000");
        assertThat(price("sendo", "43120021")).as("Liên hệ is no price").isNull();
        assertThat(price("fptshop", "00907843")).isEqualByComparingTo("29990000");
        assertThat(originalPrice("fptshop", "00907843")).isEqualByComparingTo("33990000");
        assertThat(price("chotot", "118734024")).isEqualByComparingTo("21500000");
        assertThat(price("chotot", "118734023")).isNull();

        StepExecution sendo = step(execution, "extract_sendo");
        assertThat(sendo.getExecutionContext().getLong("extract.disallowed"))
                .as("/tim-kiem is disallowed by Sendo's robots.txt").isEqualTo(1);
        assertThat(SENDO.requestCount("/tim-kiem")).isZero();
        assertThat(SENDO.requests()).allSatisfy(r -> assertThat(r.userAgent()).startsWith("ecommerce-dss/0.1"));
        assertThat(sendo.getExecutionContext().getLong("extract.pages")).isEqualTo(3);
        StepExecution platzi = step(execution, "extract_platzi");
        assertThat(platzi.getExecutionContext().getLong("extract.records")).isEqualTo(51 + 5 + 3);
        assertThat(platzi.getExecutionContext().getLong("extract.bytes")).isPositive();
        assertThat(platzi.getExecutionContext().getDouble("extract.records_per_second")).isPositive();
        assertThat(platzi.getExitStatus().getExitDescription()).contains("59 records");
    }

    @Test
    void aSourceThatStaysDownFailsOnlyItsOwnStepAndTheSummaryNamesIt() throws Exception {
        FIXTURES.failNext("/api/v1/", 1_000, 503);

        JobExecution execution = runEtl("platzi-down", "2026-11-03", "fakestore,platzi,chotot");

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "extract_platzi").getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(execution, "extract_platzi").getExitStatus().getExitDescription())
                .contains("source platzi failed", "answered 503 after 5 attempts");
        assertThat(step(execution, "extract_fakestore").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "extract_chotot").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "load_facts").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("select count(*) from dw.dim_product where source = 'chotot' and is_current")).isEqualTo(6);

        JsonNode summary = messages("etl_notifications").stream().map(json::readTree)
                .filter(m -> m.path("runId").asString().equals("platzi-down")).findFirst().orElseThrow();
        assertThat(summary.path("failedSources").valueStream().map(JsonNode::asString)).containsExactly("platzi");
    }

    @Test
    void aListingPageWithNoItemFailsTheRawQualityCheckWithItsUrlAndSelector() throws Exception {
        FPTSHOP.replace("/dien-thoai", """
                <!DOCTYPE html><html lang="vi"><head><title>Điện thoại | FPT Shop</title></head>
                <body><div id="root"></div><script src="/_next/static/chunks/app.js"></script></body></html>
                """);

        JobExecution execution = runEtl("fptshop-drift", "2026-11-04", "fptshop");

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(execution, "extract_fptshop").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "quality_check_raw").getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getAllFailureExceptions()).anySatisfy(e -> assertThat(e.getMessage())
                .contains("fptshop/products", FPTSHOP.baseUri() + "/dien-thoai",
                        "script[type=application/ld+json] @type=Product"));
        assertThat(count("select count(*) from dq.page_drift where run_id = 'fptshop-drift'")).isEqualTo(1);
    }

    @Test
    void platziProductsAreReadIncrementallyFromTheWatermarkUnlessAFullRefreshIsAsked() throws Exception {
        assertThat(runEtl("platzi-inc-1", "2026-11-05", "platzi").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String watermark = jdbc.queryForObject(
                "select watermark from ops.source_watermark where source = 'platzi' and entity = 'products'", String.class);
        FIXTURES.patch(FixtureApiServer.PLATZI, "products", 7, Map.of("price", 55));

        JobExecution second = runEtl("platzi-inc-2", "2026-11-06", "platzi");

        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(lakeCountSeenBy("platzi-inc-2", "platzi", "products")).isEqualTo(1);
        assertThat(step(second, "extract_platzi").getExecutionContext().getLong("extract.unchanged")).isEqualTo(50);
        assertThat(jdbc.queryForObject(
                "select watermark from ops.source_watermark where source = 'platzi' and entity = 'products'", String.class))
                .isGreaterThan(watermark);
        assertThat(price("platzi", "7")).isEqualByComparingTo("55");

        JobExecution full = jobOperator.start(catalogue.jobs().get("dss_etl"), new JobParametersBuilder()
                .addString("run_id", "platzi-full").addString("logical_date", "2026-11-07")
                .addString("sources", "platzi").addString("full_refresh", "true", false).toJobParameters());

        assertThat(full.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(lakeCountSeenBy("platzi-full", "platzi", "products")).isEqualTo(51);
    }

    private long currentProducts(String source) {
        return count("select count(*) from dw.dim_product where source = ? and is_current", source);
    }

    private BigDecimal price(String source, String id) {
        return jdbc.queryForObject("select price from dw.dim_product where source = ? and product_id = ? and is_current",
                BigDecimal.class, source, id);
    }

    private BigDecimal originalPrice(String source, String id) {
        return jdbc.queryForObject(
                "select original_price from dw.dim_product where source = ? and product_id = ? and is_current",
                BigDecimal.class, source, id);
    }

    private long lakeCount(String source, String entity) {
        return lake().count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("source").is(source).and("entity").is(entity)),
                "data_lake");
    }

    private long lakeCountSeenBy(String runId, String source, String entity) {
        return lake().count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("source").is(source).and("entity").is(entity)
                        .and("run_ids").is(runId)), "data_lake");
    }

    @org.springframework.beans.factory.annotation.Autowired
    private vn.ecomdss.lake.DataLake dataLake;

    private org.springframework.data.mongodb.core.MongoTemplate lake() {
        return dataLake.template();
    }
}
