package vn.ecomdss.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.StepAttempts;

/**
 * Steps that fail are run again within the same execution, as the definition's {@code retries} and
 * {@code retry-delay} say: each attempt a step execution of the step's name with its attempt number (a failed
 * attempt that was retried is ABANDONED, so that a restart never replays it, with its exit code FAILED), a chunk step
 * resuming from its last committed chunk, the job failing (and alerting once) only when the last attempt fails,
 * and an operator's stop reaching a step that waits out its retry delay.
 */
class StepRetriesTest extends RunsTestSupport {

    @Autowired
    ExecutionLease lease;

    @Test
    void stepFailingTwiceThenSucceedingCompletesTheJobWithTwoRetriesRecorded() throws Exception {
        flaky.failNext("retry-twice", "prepare", 2);

        JobExecution execution = launch("retried", "retry-twice");

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<StepExecution> attempts = StepAttempts.of(execution, "prepare");
        assertThat(attempts).extracting(StepExecution::getStatus)
                .containsExactly(BatchStatus.ABANDONED, BatchStatus.ABANDONED, BatchStatus.COMPLETED);
        assertThat(attempts).extracting(step -> step.getExitStatus().getExitCode())
                .containsExactly("FAILED", "FAILED", "COMPLETED");
        assertThat(attempts).extracting(StepAttempts::attempt).containsExactly(1, 2, 3);
        assertThat(attempts.get(0).getExitStatus().getExitDescription()).contains("injected fault in retry-twice/prepare");
        assertThat(count("select count(*) from public.flaky_work where run_id = 'retry-twice' and step = 'prepare'"))
                .isEqualTo(1);
        assertThat(count("select min(attempt) from public.flaky_work where run_id = 'retry-twice' and step = 'prepare'"))
                .isEqualTo(3);

        JsonNode detail = get("/api/v1/executions/" + execution.getId(), basic(VIEWER, VIEWER_PASSWORD)).json();
        assertThat(detail.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(detail.path("retries").asLong()).isEqualTo(2);
        List<String> prepare = detail.path("steps").valueStream()
                .filter(step -> step.path("name").asString().equals("prepare"))
                .map(step -> step.path("attempt").asInt() + " " + step.path("exitCode").asString()).toList();
        assertThat(prepare).containsExactly("1 FAILED", "2 FAILED", "3 COMPLETED");
        assertThat(count("select count(*) from ops.alert_delivery where run_id = 'retry-twice'")).isZero();
    }

    @Test
    void chunkStepRetryResumesFromItsLastCommittedChunk() throws Exception {
        flaky.failNext("chunk-resume", "count_items", 1);

        JobExecution execution = launch("retried", "chunk-resume");

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<StepExecution> attempts = StepAttempts.of(execution, "count_items");
        assertThat(attempts).extracting(StepExecution::getStatus)
                .containsExactly(BatchStatus.ABANDONED, BatchStatus.COMPLETED);
        assertThat(attempts.get(0).getWriteCount()).as("items 1-6 committed before the chunk of 7 failed").isEqualTo(6);
        assertThat(attempts.get(1).getReadCount()).as("the retry reads 7-10 only").isEqualTo(4);
        assertThat(attempts.get(1).getWriteCount()).isEqualTo(4);
        assertThat(jdbc.queryForList("""
                select item from public.flaky_work where run_id = 'chunk-resume' and step = 'count_items' order by item
                """, Integer.class)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(count("""
                select count(*) from public.flaky_work
                where run_id = 'chunk-resume' and step = 'count_items' and item >= 7 and attempt = 2
                """)).isEqualTo(4);
    }

    @Test
    void stepFailingOnEveryAttemptFailsTheJobAndAlertsOnceByEmail() throws Exception {
        flaky.failNext("fail-thrice", "prepare", 3);
        int mailsBefore = SMTP.getReceivedMessages().length;

        JobExecution execution = launch("retried", "fail-thrice");

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(StepAttempts.of(execution, "prepare")).extracting(StepExecution::getStatus)
                .containsExactly(BatchStatus.ABANDONED, BatchStatus.ABANDONED, BatchStatus.FAILED);
        assertThat(StepAttempts.of(execution, "count_items")).isEmpty();
        assertThat(jdbc.queryForList("""
                select channel || ' ' || outcome from ops.alert_delivery where run_id = 'fail-thrice' order by channel
                """, String.class)).containsExactly("email sent", "kafka sent");
        await("the failure mail", Duration.ofSeconds(10), () -> SMTP.getReceivedMessages().length > mailsBefore);
        MimeMessage mail = SMTP.getReceivedMessages()[SMTP.getReceivedMessages().length - 1];
        assertThat(mail.getSubject()).isEqualTo("[dss CRITICAL] retried run fail-thrice failed at prepare");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("runs@ecommerce-dss.local");
        assertThat(((String) mail.getContent())).contains("step prepare (3 attempts): java.lang.IllegalStateException: "
                + "injected fault in fail-thrice/prepare");
    }

    @Test
    void stopReachesAStepWaitingOutItsRetryDelayAndARestartRunsItAgain() throws Exception {
        flaky.failNext("stop-while-waiting", "wait_and_see", 1);
        JobExecution started = control.launch("patient", Map.of(RunParameters.RUN_ID, "stop-while-waiting",
                RunParameters.LOGICAL_DATE, "2026-04-01"), "test");
        await("the first attempt to fail", Duration.ofSeconds(30), () -> count("""
                select count(*) from batch_step_execution where job_execution_id = ? and status = 'FAILED'
                """, started.getId()) == 1);

        control.stop(started.getId(), "test");

        // The execution's thread lets go of its liveness lock once the job has ended, not when the stop is recorded.
        await("the execution's thread to end", Duration.ofSeconds(10), () -> lease.isOrphaned(started.getId()));
        JobExecution stopped = jobRepository.getJobExecution(started.getId());
        assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(StepAttempts.of(stopped, "wait_and_see")).as("the attempt after the wait, stopped before any work")
                .extracting(step -> step.getExitStatus().getExitCode()).containsExactly("FAILED", "STOPPED");
        assertThat(count("select count(*) from public.flaky_work where run_id = 'stop-while-waiting'")).isZero();

        JobExecution restarted = control.restart(started.getId(), "test", JobControl.Mode.FOREGROUND);
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("select count(*) from public.flaky_work where run_id = 'stop-while-waiting'")).isEqualTo(1);
    }

    private JobExecution launch(String job, String runId) {
        JobExecution execution = control.launch(job, Map.of(RunParameters.RUN_ID, runId,
                RunParameters.LOGICAL_DATE, "2026-04-01"), "test", JobControl.Mode.FOREGROUND);
        return jobRepository.getJobExecution(execution.getId());
    }
}
