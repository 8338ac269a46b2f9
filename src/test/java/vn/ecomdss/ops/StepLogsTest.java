package vn.ecomdss.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ecomdss.testsupport.StepExecutions.step;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Each step's own log lines, kept with the run and read back through the API. */
class StepLogsTest extends OpsTestSupport {

    @Test
    void eachStepsLogHoldsWhatThatStepSaidAndNothingElse() throws Exception {
        JobExecution run = runEtl("step-logs", "2026-11-03", "vnmarket");
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepExecution extract = step(run, "extract_vnmarket");
        StepExecution facts = step(run, "load_facts");

        List<String> extractLines = messages(run.getId(), "extract_vnmarket", extract.getId(),
                lines -> lines.stream().anyMatch(l -> l.startsWith("extract_vnmarket: source vnmarket")));
        assertThat(extractLines).noneMatch(line -> line.startsWith("load_facts:"));
        List<String> factLines = messages(run.getId(), "load_facts", facts.getId(),
                lines -> lines.stream().anyMatch(l -> l.startsWith("load_facts: fact_sales:")));
        assertThat(factLines).noneMatch(line -> line.startsWith("extract_vnmarket:"));
        assertThat(count("select count(*) from ops.step_log where job_execution_id = ? and step_name = 'load_facts' "
                + "and step_execution_id <> ?", run.getId(), facts.getId())).isZero();
    }

    /**
     * Spring Boot resets the logging when an application starts after another closed, which took the appender
     * away: this context's steps then logged nothing. Other applications coming and going must leave its logs whole.
     */
    @Test
    void anotherApplicationStartingAndClosingInTheJvmLeavesThisContextsStepLogsWhole() throws Exception {
        for (int other = 0; other < 2; other++) { // the first to close marks the logging for a reset by the next
            try (ConfigurableApplicationContext application = new SpringApplicationBuilder(Empty.class)
                    .web(WebApplicationType.NONE).run("--spring.main.banner-mode=off")) {
                assertThat(application.isRunning()).isTrue();
            }
        }
        JobExecution run = runEtl("step-logs-after-other-app", "2026-11-05", "vnmarket");
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        messages(run.getId(), "load_facts", step(run, "load_facts").getId(),
                lines -> lines.stream().anyMatch(l -> l.startsWith("load_facts: fact_sales:")));
    }

    /** The other application's one bean; not a configuration class, which the test's own context would take. */
    static class Empty {
    }

    @Test
    void anUnknownStepOrExecutionIsNotFoundAndNobodyIsRefused() throws Exception {
        JobExecution run = runEtl("step-logs-404", "2026-11-04", "vnmarket");
        Answer unknownStep = get("/api/v1/executions/" + run.getId() + "/steps/no_such_step/log",
                basic(VIEWER, VIEWER_PASSWORD));
        assertThat(unknownStep.status()).isEqualTo(404);
        assertThat(unknownStep.json().path("detail").asString()).contains("no step no_such_step in execution "
                + run.getId(), "extract_vnmarket");
        assertThat(get("/api/v1/executions/99999999/steps/load_facts/log", basic(VIEWER, VIEWER_PASSWORD)).status())
                .isEqualTo(404);
        assertThat(get("/api/v1/executions/" + run.getId() + "/steps/load_facts/log", null).status()).isEqualTo(401);
    }

    /**
     * The messages of the step's log as the API gives them, once {@code complete} holds (the last lines are
     * written within a second of the step's end); every line is the one step execution's.
     */
    private List<String> messages(long execution, String step, long stepExecution,
                                  java.util.function.Predicate<List<String>> complete) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Answer answer = get("/api/v1/executions/" + execution + "/steps/" + step + "/log",
                    basic(VIEWER, VIEWER_PASSWORD));
            assertThat(answer.status()).isEqualTo(200);
            List<String> messages = new ArrayList<>();
            int seq = 0;
            for (JsonNode line : answer.json().path("lines")) {
                assertThat(line.path("stepExecutionId").asLong()).isEqualTo(stepExecution);
                assertThat(line.path("seq").asInt()).as("in order, none missing").isEqualTo(++seq);
                messages.add(line.path("message").asString());
            }
            if (complete.test(messages)) {
                return messages;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(step + "'s log did not become complete; it has " + messages);
            }
            Thread.sleep(100);
        }
    }
}
