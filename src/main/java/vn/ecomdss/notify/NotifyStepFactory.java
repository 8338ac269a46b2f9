package vn.ecomdss.notify;

import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.pipeline.EventPublisher;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;
import vn.ecomdss.pipeline.SummarisedSteps;

/** {@code type: notify} with {@code topic}: publishes the run summary to Kafka and logs it. */
@Component
public class NotifyStepFactory implements StepFactory {

    private final SummarisedSteps steps;
    private final EventPublisher publisher;
    private final JdbcTemplate jdbc;

    public NotifyStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                             EventPublisher publisher, JdbcTemplate jdbc) {
        this.steps = new SummarisedSteps(jobRepository, transactionManager);
        this.publisher = publisher;
        this.jdbc = jdbc;
    }

    @Override
    public String type() {
        return "notify";
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        String topic = step.text("topic", "etl_notifications");
        return steps.step(step.name(), (run, contribution, execution) ->
                publish(topic, job, run, execution.getJobExecution()));
    }

    /** Publishes what the run did so far, with its final quality score when that stage ran. */
    private String publish(String topic, JobDefinition job, RunParameters run, JobExecution execution) {
        List<Double> scores = jdbc.queryForList(
                "select score::float8 from dq.run_score where run_id = ? and stage = 'final'", Double.class, run.runId());
        RunSummary summary = RunSummary.of(execution, run.runId(), run.logicalDate().toString(),
                scores.isEmpty() ? null : scores.get(0));
        publisher.publish(topic, run.runId(), summary);
        return String.format("Run %s of %s (execution %d) published to %s: quality score %s, %d s, steps %s",
                run.runId(), job.name(), execution.getId(), topic, summary.qualityScore(), summary.durationSeconds(),
                summary.steps());
    }
}
