package vn.ecomdss.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Backfills run a job once per logical date, in date order and at most {@code concurrency} at once, and a second
 * backfill of the range (or a server resuming one a dead process left) skips the completed dates and restarts the
 * failed ones, so every date completes exactly once. Only a date-partitioned job runs dates side by side.
 */
class BackfillTest extends RunsTestSupport {

    /** Executions of daily_counts per logical date: completed ones, and all. */
    private static final String EXECUTIONS_PER_DATE = """
            select d.parameter_value || ' ' || count(*) filter (where e.status = 'COMPLETED') || '/' || count(*)
            from batch_job_execution e
            join batch_job_instance i on i.job_instance_id = e.job_instance_id
            join batch_job_execution_params d on d.job_execution_id = e.job_execution_id
                 and d.parameter_name = 'logical_date'
            where i.job_name = 'daily_counts' and d.parameter_value between ? and ?
            group by d.parameter_value order by d.parameter_value
            """;

    @Autowired
    Backfills backfills;

    @Test
    void backfillOfTenDatesWithOneFailingResumedCompletesEachDateOnce() throws Exception {
        flaky.failNext(Backfills.runId("daily_counts", LocalDate.parse("2026-05-04")), "count_day", 1);
        flaky.mostInFlightSinceLastAsked();
        String operator = basic(OPERATOR, OPERATOR_PASSWORD);

        Answer started = post("/api/v1/jobs/daily_counts/backfill", operator,
                "{\"from\": \"2026-05-01\", \"to\": \"2026-05-10\", \"concurrency\": 3}");
        assertThat(started.status()).isEqualTo(202);
        long id = started.json().path("id").asLong();
        JsonNode first = awaitBackfill(id);

        assertThat(first.path("state").asString()).isEqualTo("FAILED");
        assertThat(first.path("counts").path("COMPLETED").asLong()).isEqualTo(9);
        assertThat(first.path("counts").path("FAILED").asLong()).isEqualTo(1);
        JsonNode failedDate = first.path("dates").get(3);
        assertThat(failedDate.path("logicalDate").asString()).isEqualTo("2026-05-04");
        assertThat(failedDate.path("runId").asString()).isEqualTo("daily_counts-backfill-2026-05-04");
        assertThat(failedDate.path("status").asString()).isEqualTo("FAILED");
        assertThat(flaky.mostInFlightSinceLastAsked()).as("dates run side by side, at most 3").isBetween(2, 3);

        Backfills.Progress resumed = backfills.start("daily_counts", Map.of("from", "2026-05-01", "to", "2026-05-10"),
                "test", JobControl.Mode.FOREGROUND);

        assertThat(resumed.id()).isEqualTo(id);
        assertThat(resumed.state()).isEqualTo("COMPLETED");
        assertThat(resumed.counts()).containsExactly(Map.entry("COMPLETED", 10L));
        assertThat(jdbc.queryForList(EXECUTIONS_PER_DATE, String.class, "2026-05-01", "2026-05-10")).containsExactly(
                "2026-05-01 1/1", "2026-05-02 1/1", "2026-05-03 1/1", "2026-05-04 1/2", "2026-05-05 1/1",
                "2026-05-06 1/1", "2026-05-07 1/1", "2026-05-08 1/1", "2026-05-09 1/1", "2026-05-10 1/1");
        assertThat(jdbc.queryForList("""
                select logical_date::text || ' ' || count(*) from public.flaky_work
                where run_id like 'daily_counts-backfill-%' and logical_date between '2026-05-01' and '2026-05-10'
                group by logical_date having count(*) <> 1
                """, String.class)).as("dates whose work was done other than once").isEmpty();
        assertThat(count("""
                select count(*) from ops.audit_log where action = 'backfill' and outcome = 'accepted'
                  and target = 'backfill daily_counts 2026-05-01..2026-05-10'
                """)).isEqualTo(2);
    }

    @Test
    void aBackfillLeftRunningByADeadProcessIsResumedAndRunsItsDatesInOrder() throws Exception {
        long id = jdbc.queryForObject("""
                insert into ops.backfill (job_name, from_date, to_date, concurrency, state, requested_by)
                values ('daily_counts', '2026-06-01', '2026-06-05', 1, 'RUNNING', 'a process that died')
                returning id
                """, Long.class);

        assertThat(backfills.resumeInterrupted()).contains(id);
        JsonNode done = awaitBackfill(id);

        assertThat(done.path("state").asString()).isEqualTo("COMPLETED");
        List<Long> executionsByDate = done.path("dates").valueStream().map(d -> d.path("executionId").asLong()).toList();
        assertThat(executionsByDate).hasSize(5).isSorted().doesNotHaveDuplicates();
        assertThat(backfills.resumeInterrupted()).doesNotContain(id);
    }

    @Test
    void badRequestsAreRefusedNamingTheFieldAndOnlyOperatorsMayBackfill() {
        String operator = basic(OPERATOR, OPERATOR_PASSWORD);
        String range = "{\"from\": \"2026-08-01\", \"to\": \"2026-08-03\"}";

        assertThat(post("/api/v1/jobs/daily_counts/backfill", null, range).status()).isEqualTo(401);
        assertThat(post("/api/v1/jobs/daily_counts/backfill", basic(VIEWER, VIEWER_PASSWORD), range).status())
                .isEqualTo(403);
        assertThat(post("/api/v1/jobs/nope/backfill", operator, range).status()).isEqualTo(404);
        Answer shared = post("/api/v1/jobs/retried/backfill", operator,
                "{\"from\": \"2026-08-01\", \"to\": \"2026-08-03\", \"concurrency\": 2}");
        assertField(shared, "concurrency");
        assertThat(shared.json().path("detail").asString()).contains("date-partitioned: true", "use concurrency=1");
        assertField(post("/api/v1/jobs/daily_counts/backfill", operator, "{\"from\": \"2026-08-01\"}"), "to");
        assertField(post("/api/v1/jobs/daily_counts/backfill", operator,
                "{\"from\": \"2026-02-30\", \"to\": \"2026-03-01\"}"), "from");
        assertField(post("/api/v1/jobs/daily_counts/backfill", operator,
                "{\"from\": \"2026-08-03\", \"to\": \"2026-08-01\"}"), "to");
        assertField(post("/api/v1/jobs/daily_counts/backfill", operator,
                "{\"from\": \"2026-08-01\", \"to\": \"2026-08-03\", \"concurrency\": 9}"), "concurrency");
        assertField(post("/api/v1/jobs/daily_counts/backfill", operator,
                "{\"from\": \"2026-08-01\", \"to\": \"2026-08-03\", \"sources\": \"x\"}"), "sources");
        assertThat(count("select count(*) from ops.backfill where from_date = '2026-08-01'")).isZero();
        assertThat(count("select count(*) from ops.audit_log where actor = ? and action = 'backfill' "
                + "and outcome = 'refused 400'", OPERATOR)).isPositive();
        assertThat(get("/api/v1/jobs/daily_counts/backfill/987654", basic(VIEWER, VIEWER_PASSWORD)).status())
                .isEqualTo(404);
    }

    private JsonNode awaitBackfill(long id) throws InterruptedException {
        String viewer = basic(VIEWER, VIEWER_PASSWORD);
        await("backfill " + id + " to end", Duration.ofMinutes(2), () -> !"RUNNING".equals(
                get("/api/v1/jobs/daily_counts/backfill/" + id, viewer).json().path("state").asString()));
        JsonNode progress = get("/api/v1/jobs/daily_counts/backfill/" + id, viewer).json();
        assertThat(get("/api/v1/jobs/daily_counts/backfill", viewer).json().valueStream()
                .map(b -> b.path("id").asLong()).toList()).contains(id);
        return progress;
    }

    private static void assertField(Answer answer, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().path("field").asString()).isEqualTo(field);
    }
}
