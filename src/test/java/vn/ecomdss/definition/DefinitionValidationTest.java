package vn.ecomdss.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;

import vn.ecomdss.DssApplication;
import vn.ecomdss.pipeline.InvalidDefinitionException;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;
import vn.ecomdss.testsupport.PlatformTestSupport;

class DefinitionValidationTest extends PlatformTestSupport {

    private static final String SOURCE = """
            source: shop
            kind: http-json
            base-url: http://127.0.0.1:1
            entities:
              products:
                path: /products
                target: product
                fields: {title: /title, price: /price}
            """;

    @Autowired
    vn.ecomdss.ml.Models models;
    @Autowired
    List<StepFactory> factories;

    @TempDir
    Path dir;

    @Test
    void theShippedDefinitionsAreValidAndDssEtlRunsItsStagesInDagOrder() {
        JobDefinition etl = catalogue.definition("dss_etl").orElseThrow();
        assertThat(JobAssembler.levels(etl).values().stream()
                .map(level -> level.stream().map(StepDefinition::name).toList()).toList())
                .containsExactly(
                        List.of("extract_dummyjson", "extract_vnmarket", "extract_fakestore", "extract_platzi",
                                "extract_sendo", "extract_fptshop", "extract_chotot", "extract_events",
                                "extract_lazada", "extract_tiki", "extract_shopee", "extract_sendo_open",
                                "extract_shop_files"),
                        List.of("quality_check_raw"),
                        List.of("transform_customers", "transform_products", "transform_sales", "transform_platforms",
                                "transform_reviews", "transform_user_activity", "transform_returns",
                                "transform_promotions"),
                        List.of("load_dimensions"), List.of("load_facts"), List.of("quality_check_final"),
                        List.of("refresh_materialized_views"), List.of("business_thresholds"),
                        List.of("notify"));
        assertThat(etl.schedule()).as("comprehensive_ecommerce_dss runs it every night").isNull();

        JobDefinition daily = catalogue.definition("comprehensive_ecommerce_dss").orElseThrow();
        assertThat(daily.schedule().cron()).isEqualTo("0 0 2 * * *");
        assertThat(daily.schedule().zone().getId()).isEqualTo("Asia/Ho_Chi_Minh");
        assertThat(daily.steps().subList(0, etl.steps().size())).as("the whole ETL first").isEqualTo(etl.steps());
        assertThat(daily.quality()).isEqualTo(etl.quality());
        assertThat(daily.alerts()).isEqualTo(etl.alerts());
        assertThat(JobAssembler.levels(daily).get(JobAssembler.levels(etl).size() - 2).stream()
                .map(StepDefinition::name)).as("scoring beside the thresholds, after the marts")
                .contains("business_thresholds", "forecast_demand");
    }

    @Test
    void aJobExtendsOnlyAKnownJobWithoutCirclesAndAddsNoStepItAlreadyHas() throws IOException {
        writeSource();
        Files.writeString(dir.resolve("base.yml"), """
                job: base
                steps:
                  - name: extract_shop
                    type: extract
                    source: shop
                """);
        Files.writeString(dir.resolve("again.yml"), """
                job: again
                extends: base
                steps:
                  - name: extract_shop
                    type: extract
                    source: shop
                """);
        Files.writeString(dir.resolve("nowhere.yml"), """
                job: nowhere
                extends: missing
                steps:
                  - name: extract
                    type: extract
                    source: shop
                """);
        Files.writeString(dir.resolve("ping.yml"), """
                job: ping
                extends: pong
                steps:
                  - name: a
                    type: extract
                    source: shop
                """);
        Files.writeString(dir.resolve("pong.yml"), """
                job: pong
                extends: ping
                steps:
                  - name: b
                    type: extract
                    source: shop
                    depends-on: a
                """);

        assertThat(problems(dir)).contains(
                "again.yml: steps[0].name: step 'extract_shop' is already a step of 'base', which this job extends",
                "nowhere.yml: extends: job 'nowhere' extends unknown job 'missing' (known: [again, base, nowhere, "
                        + "ping, pong])",
                "pong.yml: extends: jobs extend each other in a circle: ping -> pong -> ping")
                .noneMatch(problem -> problem.startsWith("ping.yml: extends"));
    }

    @Test
    void mlRetrainRunsSundayNightAndAStepNamingAnUnknownModelIsRefused() throws IOException {
        assertThat(catalogue.definition("ml_retrain").orElseThrow().schedule().cron()).isEqualTo("0 0 23 * * SUN");
        assertThat(problems(job("""
                  - name: train
                    type: ml-train
                    model: weather
                  - name: score
                    type: ml-score
                """))).containsExactlyInAnyOrder(
                "etl.yml: steps[0].model: unknown model 'weather' (known: " + models.definitions().keySet() + ")",
                "etl.yml: steps[1].model: name the model of job-definitions/models/ (known: "
                        + models.definitions().keySet() + ")");
    }

    @Test
    void theFourBusinessReportJobsAreScheduledAndAnUnknownReportOrPeriodIsRefused() throws IOException {
        assertThat(List.of("daily", "weekly", "monthly", "quarterly").stream()
                .map(kind -> catalogue.definition("business_reports_" + kind).orElseThrow().schedule().cron()))
                .containsExactly("0 0 7 * * *", "0 0 7 * * MON", "0 0 7 1 * *", "0 0 7 1 1,4,7,10 *");
        assertThat(problems(job("""
                  - name: report
                    type: business-report
                    report: yearly-report
                    period: yearly
                """))).containsExactlyInAnyOrder(
                "etl.yml: steps[0].report: unknown report 'yearly-report' (known: [period-report])",
                "etl.yml: steps[0].period: unknown period 'yearly' (known: [daily, weekly, monthly, quarterly])");
    }

    @Test
    void realtimeMonitoringRunsEveryFiveMinutesAndBadThresholdsAreRefusedNamingTheField() throws IOException {
        JobDefinition monitoring = catalogue.definition("realtime_monitoring").orElseThrow();
        assertThat(monitoring.schedule().cron()).isEqualTo("0 */5 * * * *");
        assertThat(monitoring.schedule().zone().getId()).isEqualTo("Asia/Ho_Chi_Minh");
        assertThat(monitoring.steps()).extracting(StepDefinition::type)
                .containsExactly("freshness", "consumer-lag", "volume", "job-lateness");
        JobDefinition daily = catalogue.definition("comprehensive_ecommerce_dss").orElseThrow();
        assertThat(JobAssembler.levels(daily).lastEntry().getValue()).extracting(StepDefinition::type)
                .as("ETL plus monitoring: the cheap checks last").containsExactly("freshness", "job-lateness");

        assertThat(problems(job("""
                  - name: fresh
                    type: freshness
                    topic-max-age: 10m
                    sources: {shop: PT1H, nowhere: PT1H, shop/reviews: PT1H}
                    colour: blue
                  - name: lag
                    type: consumer-lag
                    max-lag: -1
                  - name: volume
                    type: volume
                    min-ratio: 2
                  - name: late
                    type: job-lateness
                    jobs: {etl: PT0S}
                """))).containsExactlyInAnyOrder(
                "etl.yml: steps[0].topic-max-age: expected an ISO-8601 duration such as PT2H, got '10m'",
                "etl.yml: steps[0].sources.nowhere: unknown source 'nowhere' (known: [shop])",
                "etl.yml: steps[0].sources.shop/reviews: source shop has no entity 'reviews' (known: [products])",
                "etl.yml: steps[0].colour: unknown key of a freshness step (known: [keep, source-max-age, sources, "
                        + "topic-max-age, topics])",
                "etl.yml: steps[1].max-lag: at least 0",
                "etl.yml: steps[2].min-ratio: expected a ratio between 0 and 1, got '2'",
                "etl.yml: steps[3].jobs.etl: expected a positive duration, got PT0S");
    }

    @Test
    void unknownStepTypeIsRefusedWithFileAndField() throws IOException {
        assertThat(problems(job("""
                  - name: extract
                    type: extract
                    source: shop
                  - name: magic
                    type: teleport
                    depends-on: extract
                """))).containsExactly("etl.yml: steps[1].type: unknown step type 'teleport' (known: " + knownTypes() + ")");
    }

    @Test
    void theShippedDssEtlAlertsOnEveryChannelToTheDataTeam() {
        JobDefinition.Alerting alerts = catalogue.definition("dss_etl").orElseThrow().alerts();
        assertThat(alerts.channels()).containsExactly("kafka", "email", "webhook");
        assertThat(alerts.emailTo()).containsExactly("data-team@ecommerce-dss.local");
        assertThat(alerts.quietPeriod()).isEqualTo(java.time.Duration.ofMinutes(30));
    }

    @Test
    void anUnknownAlertChannelAndAnEmailChannelWithoutRecipientsAreRefused() throws IOException {
        writeSource();
        Files.writeString(dir.resolve("etl.yml"), """
                job: etl
                alerts:
                  channels: [kafka, pager, email]
                  quiet-period: soon
                steps:
                  - name: extract
                    type: extract
                    source: shop
                """);
        assertThat(problems()).containsExactly(
                "etl.yml: alerts.channels[1]: unknown alert channel 'pager' (known: [kafka, email, webhook])",
                "etl.yml: alerts.email-to: the email channel needs at least one recipient",
                "etl.yml: alerts.quiet-period: expected an ISO-8601 duration such as PT2H, got 'soon'");
    }

    @Test
    void retriesOutOfRangeABadRetryDelayAndSwitchesThatAreNotBooleansAreRefused() throws IOException {
        writeSource();
        Files.writeString(dir.resolve("etl.yml"), """
                job: etl
                date-partitioned: sometimes
                alerts:
                  channels: [kafka]
                  email-on-failure: true
                steps:
                  - name: extract
                    type: extract
                    source: shop
                    retries: 11
                    retry-delay: 5m
                  - name: notify
                    type: notify
                    retries: -1
                    retry-delay: -PT1S
                """);
        assertThat(problems()).containsExactlyInAnyOrder(
                "etl.yml: date-partitioned: expected true or false, got 'sometimes'",
                "etl.yml: alerts.email-to: the email channel needs at least one recipient",
                "etl.yml: steps[0].retries: between 0 and 10",
                "etl.yml: steps[0].retry-delay: expected an ISO-8601 duration such as PT2H, got '5m'",
                "etl.yml: steps[1].retries: between 0 and 10",
                "etl.yml: steps[1].retry-delay: a retry delay is PT0S or more, got '-PT1S'");
    }

    @Test
    void unknownSourceIsRefusedWithFileAndField() throws IOException {
        assertThat(problems(job("""
                  - name: extract
                    type: extract
                    source: shopee_api
                """))).containsExactly("etl.yml: steps[0].source: unknown source 'shopee_api' (known: [shop])");
    }

    @Test
    void duplicateStepNameIsRefusedWithFileAndField() throws IOException {
        assertThat(problems(job("""
                  - name: extract
                    type: extract
                    source: shop
                  - name: extract
                    type: notify
                """))).containsExactly("etl.yml: steps[1].name: duplicate step name 'extract'");
    }

    @Test
    void dependencyCycleIsRefusedNamingTheSteps() throws IOException {
        assertThat(problems(job("""
                  - name: extract
                    type: extract
                    source: shop
                    depends-on: notify
                  - name: facts
                    type: facts
                    depends-on: extract
                  - name: notify
                    type: notify
                    depends-on: facts
                """))).containsExactly("etl.yml: steps[0].depends-on: dependency cycle: extract -> notify -> facts -> extract");
    }

    @Test
    void anActivityListingNeedsItsEventFieldsAndAKnownSourceOfCustomers() throws IOException {
        writeSource();
        Files.writeString(dir.resolve("sources/clicks.yml"), """
                source: clicks
                kind: kafka
                base-url: kafka://127.0.0.1:1
                entities:
                  clicks:
                    path: clicks
                    target: activity
                    customer-source: shopify
                    fields: {event_type: /type, occurred_at: /at}
                  views:
                    path: views
                    target: activity
                    customer-source: shop
                    fields: {event_type: /type, occurred_at: /at, customer_id: /user}
                  orders:
                    path: orders
                    target: raw
                    customer-source: shop
                """);
        Files.writeString(dir.resolve("etl.yml"), "job: etl\nsteps:\n  - {name: notify, type: notify}\n");
        assertThat(problems()).containsExactlyInAnyOrder(
                "sources/clicks.yml: entities.clicks.fields.customer_id: an activity event needs customer_id",
                "sources/clicks.yml: entities.orders.customer-source: only an activity listing names the source of its customers",
                "sources/clicks.yml: entities.clicks.customer-source: unknown source 'shopify' (known: [clicks, shop])",
                "sources/clicks.yml: entities.views.customer-source: source 'shop' has no customer listing");
    }

    @Test
    void badCronIsRefusedWithFileAndField() throws IOException {
        writeSource();
        Files.writeString(dir.resolve("etl.yml"), """
                job: etl
                schedule:
                  cron: "0 61 * * *"
                  zone: Asia/Ho_Chi_Minh
                steps:
                  - name: notify
                    type: notify
                """);
        assertThat(problems()).singleElement().asString()
                .startsWith("etl.yml: schedule.cron: bad cron '0 61 * * *'");
    }

    @Test
    void theApplicationRefusesToStartOnAnInvalidDefinition() throws IOException {
        job("""
                  - name: magic
                    type: teleport
                """);
        // Arguments, not default properties: application.yml's dss.data-dir would win over a default and put the
        // application on ./var of the checkout.
        assertThatThrownBy(() -> new SpringApplicationBuilder(DssApplication.class)
                .run("--dss.data-dir=" + DATA_DIR, "--dss.definitions=file:" + dir).close())
                .hasRootCauseInstanceOf(InvalidDefinitionException.class)
                .rootCause().hasMessageContaining("etl.yml: steps[0].type: unknown step type 'teleport'");
    }

    private Path job(String steps) throws IOException {
        writeSource();
        return Files.writeString(dir.resolve("etl.yml"), "job: etl\nsteps:\n" + steps);
    }

    private void writeSource() throws IOException {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("sources/shop.yml"), SOURCE);
    }

    private List<String> problems() {
        try {
            new DefinitionLoader().load("file:" + dir, catalogue());
            return List.of();
        } catch (InvalidDefinitionException e) {
            return e.problems();
        }
    }

    private List<String> problems(Path ignored) {
        return problems();
    }

    private Map<String, StepFactory> catalogue() {
        Map<String, StepFactory> catalogue = new TreeMap<>();
        factories.forEach(f -> catalogue.put(f.type(), f));
        return catalogue;
    }

    private String knownTypes() {
        return String.join(", ", catalogue().keySet());
    }
}
