package vn.ecomdss.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every operation of the admin API over real HTTP, as a viewer, an operator, a token and nobody. */
class AdminApiTest extends OpsTestSupport {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    @Test
    void nothingButHealthAnswersWithoutCredentials() {
        Answer jobs = get("/api/v1/jobs", null);
        assertThat(jobs.status()).isEqualTo(401);
        assertThat(jobs.contentType()).startsWith("application/problem+json");
        assertThat(jobs.json().path("title").asString()).isEqualTo("Unauthorized");

        assertThat(get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(get("/v3/api-docs", null).status()).isEqualTo(401);
        assertThat(post("/api/v1/jobs/dss_etl/executions", null, "{}").status()).isEqualTo(401);
        assertThat(get("/api/v1/jobs", basic(OPERATOR, "wrong-password")).status()).isEqualTo(401);
        assertThat(get("/api/v1/jobs", bearer("not-a-configured-token")).status()).isEqualTo(401);

        Answer health = get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void viewerSeesJobsWithNextFireTimeButIsForbiddenToLaunchAndTheRefusalIsAudited() {
        Answer jobs = get("/api/v1/jobs", basic(VIEWER, VIEWER_PASSWORD));
        assertThat(jobs.status()).isEqualTo(200);
        JsonNode daily = find(jobs.json(), "name", "comprehensive_ecommerce_dss");
        assertThat(daily.path("schedule").path("cron").asString()).isEqualTo("0 0 2 * * *");
        assertThat(daily.path("schedule").path("zone").asString()).isEqualTo("Asia/Ho_Chi_Minh");
        assertThat(daily.path("schedule").path("nextFireTime").asString()).contains("T02:00").endsWith("+07:00");
        assertThat(daily.path("steps").size()).as("dss_etl's steps, then the scoring").isGreaterThan(etlSteps());
        JsonNode etl = find(jobs.json(), "name", "dss_etl");
        assertThat(etl.path("schedule").isNull()).as("launched by comprehensive_ecommerce_dss or on demand").isTrue();
        assertThat(etl.path("steps").size()).isEqualTo(etlSteps());

        Answer launch = post("/api/v1/jobs/dss_etl/executions", basic(VIEWER, VIEWER_PASSWORD), "{}");
        assertThat(launch.status()).isEqualTo(403);
        assertThat(launch.json().path("detail").asString()).contains("OPERATOR");
        assertThat(post("/api/v1/jobs/dss_etl/schedule/pause", bearer(VIEWER_TOKEN), null).status()).isEqualTo(403);

        assertThat(count("""
                select count(*) from ops.audit_log
                where actor = ? and outcome = 'refused 403' and target = '/api/v1/jobs/dss_etl/executions'
                """, VIEWER)).isPositive();
    }

    @Test
    void badLaunchParametersAndQueriesAreRefusedNamingTheField() {
        String operator = basic(OPERATOR, OPERATOR_PASSWORD);
        assertField(post("/api/v1/jobs/dss_etl/executions", operator, "{\"sources\": \"vnmarket,nosuch\"}"), 400, "sources");
        assertField(post("/api/v1/jobs/dss_etl/executions", operator, "{\"logical_date\": \"2026-13-01\"}"), 400,
                "logical_date");
        assertField(post("/api/v1/jobs/dss_etl/executions", operator, "{\"full_refresh\": \"maybe\"}"), 400,
                "full_refresh");
        assertField(post("/api/v1/jobs/dss_etl/executions", operator, "{\"colour\": \"blue\"}"), 400, "colour");
        assertField(post("/api/v1/jobs/dss_etl/executions", operator, "{\"run_id\": \"has spaces\"}"), 400, "run_id");
        assertThat(post("/api/v1/jobs/no_such_job/executions", operator, "{}").status()).isEqualTo(404);

        assertField(get("/api/v1/executions?status=DONE", operator), 400, "status");
        assertField(get("/api/v1/executions?job=nope", operator), 400, "job");
        assertField(get("/api/v1/executions?from=yesterday", operator), 400, "from");
        assertField(get("/api/v1/executions?size=0", operator), 400, "size");
        assertField(get("/api/v1/executions/abc", operator), 400, "id");

        Answer missing = get("/api/v1/executions/987654321", operator);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("detail").asString()).isEqualTo("no execution 987654321");
        assertThat(post("/api/v1/executions/987654321/restart", operator, null).status()).isEqualTo(404);
        assertThat(count("select count(*) from ops.audit_log where actor = ? and action = 'launch' "
                + "and outcome = 'refused 400' and detail like '%nosuch%'", OPERATOR)).isPositive();
    }

    @Test
    void failedRunRestartsFromTheUiApiAndACompletedRunCannotRestart() throws Exception {
        doThrow(new IllegalStateException("injected fault in load_facts")).doCallRealMethod()
                .when(factSalesLoader).load(any());
        String operator = basic(OPERATOR, OPERATOR_PASSWORD);

        Answer launched = post("/api/v1/jobs/dss_etl/executions", operator,
                "{\"run_id\": \"api-restart\", \"logical_date\": \"2026-10-01\", \"sources\": \"vnmarket\"}");
        assertThat(launched.status()).isEqualTo(202);
        long first = launched.json().path("executionId").asLong();
        assertThat(launched.json().path("runId").asString()).isEqualTo("api-restart");

        Answer again = post("/api/v1/jobs/dss_etl/executions", operator, "{\"sources\": \"vnmarket\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("runningExecutionId").asLong()).isEqualTo(first);
        assertThat(again.json().path("state").asString()).isEqualTo("RUNNING");

        JsonNode failed = awaitExecution(first, d -> "FAILED".equals(d.path("status").asString()), RUN_TIMEOUT);
        JsonNode loadFacts = find(failed.path("steps"), "name", "load_facts");
        assertThat(loadFacts.path("status").asString()).isEqualTo("FAILED");
        assertThat(loadFacts.path("exitMessage").asString()).contains("injected fault in load_facts");
        JsonNode extract = find(failed.path("steps"), "name", "extract_vnmarket");
        assertThat(extract.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(extract.path("readCount").asLong()).isPositive();
        assertThat(extract.path("writeCount").asLong()).isEqualTo(extract.path("readCount").asLong());
        assertThat(extract.path("commitCount").asLong()).isPositive();
        assertThat(extract.has("rollbackCount")).isTrue();
        assertThat(extract.has("filterCount")).isTrue();
        assertThat(extract.has("skipCount")).isTrue();
        assertThat(extract.path("durationMs").asLong()).isPositive();
        assertThat(failed.path("parameters").path("sources").asString()).isEqualTo("vnmarket");

        Answer restarted = post("/api/v1/executions/" + first + "/restart", operator, null);
        assertThat(restarted.status()).isEqualTo(202);
        long second = restarted.json().path("id").asLong();
        assertThat(second).isGreaterThan(first);
        JsonNode completed = awaitExecution(second, d -> "COMPLETED".equals(d.path("status").asString()), RUN_TIMEOUT);
        assertThat(names(completed.path("steps"))).containsExactlyInAnyOrder("load_facts", "quality_check_final",
                "refresh_materialized_views", "business_thresholds", "notify");
        assertThat(count("select count(*) from dw.fact_sales where run_id = 'api-restart'")).isPositive();

        Answer once = post("/api/v1/executions/" + second + "/restart", operator, null);
        assertThat(once.status()).isEqualTo(409);
        assertThat(once.json().path("state").asString()).isEqualTo("COMPLETED");
        assertThat(once.json().path("detail").asString()).contains("COMPLETED");

        Answer failures = get("/api/v1/executions?job=dss_etl&status=FAILED&from=2020-01-01&size=50",
                basic(VIEWER, VIEWER_PASSWORD));
        assertThat(ids(failures.json().path("content"))).contains(first).doesNotContain(second);
        Answer paged = get("/api/v1/executions?job=dss_etl&size=1&page=0", bearer(VIEWER_TOKEN));
        assertThat(paged.json().path("content").size()).isEqualTo(1);
        assertThat(paged.json().path("totalElements").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(paged.json().path("content").get(0).path("id").asLong()).isGreaterThanOrEqualTo(second);
        assertThat(get("/api/v1/executions?job=dss_etl&to=2000-01-01", bearer(VIEWER_TOKEN)).json()
                .path("totalElements").asLong()).isZero();

        List<String> audited = jdbc.queryForList("select action || ' ' || outcome from ops.audit_log where actor = ? "
                + "and target in (?, ?) order by id", String.class, OPERATOR, "job dss_etl", "execution " + first);
        assertThat(audited).contains("launch accepted", "launch refused 409", "restart accepted");
    }

    @Test
    void stopAStartedRunThenAbandonItAndNeitherStopsNorRestartsAgain() throws Exception {
        Answer launched = post("/api/v1/jobs/dss_etl/executions", bearer(OPERATOR_TOKEN),
                "{\"run_id\": \"api-stop\", \"logical_date\": \"2026-10-02\", \"sources\": \"vnmarket\"}");
        assertThat(launched.status()).isEqualTo(202);
        long id = launched.json().path("executionId").asLong();
        awaitExecution(id, d -> "STARTED".equals(d.path("status").asString()), RUN_TIMEOUT);

        Answer stop = post("/api/v1/executions/" + id + "/stop", bearer(OPERATOR_TOKEN), null);
        assertThat(stop.status()).isEqualTo(202);
        JsonNode stopped = awaitExecution(id, d -> "STOPPED".equals(d.path("status").asString())
                && stepStatuses(d).noneMatch(s -> s.equals("STARTED") || s.equals("STARTING")), RUN_TIMEOUT);
        assertThat(stepStatuses(stopped).toList()).contains("STOPPED").doesNotContain("FAILED");
        assertThat(names(stopped.path("steps"))).doesNotContain("load_facts", "notify");
        assertThat(count("select count(*) from dw.fact_sales where run_id = 'api-stop'")).isZero();
        Answer stopAgain = post("/api/v1/executions/" + id + "/stop", bearer(OPERATOR_TOKEN), null);
        assertThat(stopAgain.status()).isEqualTo(409);
        assertThat(stopAgain.json().path("state").asString()).isEqualTo("STOPPED");

        Answer abandoned = post("/api/v1/executions/" + id + "/abandon", bearer(OPERATOR_TOKEN), null);
        assertThat(abandoned.status()).isEqualTo(200);
        assertThat(abandoned.json().path("status").asString()).isEqualTo("ABANDONED");
        Answer restart = post("/api/v1/executions/" + id + "/restart", bearer(OPERATOR_TOKEN), null);
        assertThat(restart.status()).isEqualTo(409);
        assertThat(restart.json().path("state").asString()).isEqualTo("ABANDONED");
        assertThat(count("select count(*) from ops.audit_log where actor = 'token:deployer' and action = 'abandon' "
                + "and target = ? and outcome = 'accepted'", "execution " + id)).isEqualTo(1);
    }

    @Test
    void operatorPausesAndResumesASchedule() {
        String operator = basic(OPERATOR, OPERATOR_PASSWORD);
        String daily = "/api/v1/jobs/comprehensive_ecommerce_dss";
        Answer paused = post(daily + "/schedule/pause", operator, null);
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().path("schedule").path("paused").asBoolean()).isTrue();
        assertThat(get(daily, operator).json().path("schedule").path("paused").asBoolean()).isTrue();
        Answer resumed = post(daily + "/schedule/resume", operator, null);
        assertThat(resumed.json().path("schedule").path("paused").asBoolean()).isFalse();
        assertThat(jdbc.queryForObject(
                "select changed_by from ops.schedule_state where job_name = 'comprehensive_ecommerce_dss'",
                String.class)).isEqualTo(OPERATOR);
        assertThat(get("/api/v1/audit?limit=5", operator).json().get(0).path("action").asString()).isEqualTo("resume");
    }

    @Test
    void prometheusAndOpenApiAreServedToAViewerToken() throws Exception {
        if (count("select count(*) from batch_step_execution where step_name = 'extract_vnmarket' "
                + "and status = 'COMPLETED' and write_count > 0") == 0) {
            runEtl("api-metrics", "2026-10-03", "vnmarket");
        }
        Thread.sleep(5_500);
        Answer prometheus = get("/actuator/prometheus", bearer(VIEWER_TOKEN));
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body())
                .containsPattern("etl_extraction_duration_seconds\\{[^}]*source=\"vnmarket\"[^}]*} [0-9.]+(E-?[0-9]+)?\\n")
                .containsPattern("etl_extraction_throughput_records_per_second\\{[^}]*source=\"vnmarket\"[^}]*} [1-9]")
                .containsPattern("etl_quality_score\\{[^}]*stage=\"final\"[^}]*} [01]")
                .containsPattern("etl_rows_loaded\\{[^}]*step=\"load_facts\"[^}]*} [1-9]")
                .contains("etl_job_next_due_timestamp_seconds{", "etl_job_last_execution_failed{");

        Answer openApi = get("/v3/api-docs", bearer(VIEWER_TOKEN));
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().path("paths").has("/api/v1/executions/{id}/restart")).isTrue();
        assertThat(openApi.json().path("paths").has("/api/v1/jobs/{job}/executions")).isTrue();
        assertThat(get("/swagger-ui/index.html", basic(VIEWER, VIEWER_PASSWORD)).status()).isEqualTo(200);
    }

    private static void assertField(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("field").asString()).as(answer.body()).isEqualTo(field);
        assertThat(answer.json().path("detail").asString()).contains(field);
    }

    private static JsonNode find(JsonNode array, String key, String value) {
        return StreamSupport.stream(array.spliterator(), false).filter(n -> value.equals(n.path(key).asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + key + "=" + value + " in " + array));
    }

    private static List<String> names(JsonNode steps) {
        return StreamSupport.stream(steps.spliterator(), false).map(n -> n.path("name").asString()).toList();
    }

    private static java.util.stream.Stream<String> stepStatuses(JsonNode detail) {
        return StreamSupport.stream(detail.path("steps").spliterator(), false).map(n -> n.path("status").asString());
    }

    private static List<Long> ids(JsonNode executions) {
        return StreamSupport.stream(executions.spliterator(), false).map(n -> n.path("id").asLong()).toList();
    }
}
