package vn.ecomdss.notify;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.pipeline.EventPublisher;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;

/** {@code type: notify} with {@code topic}: publishes the run summary to Kafka and logs it. */
@Component
public class NotifyStepFactory implements StepFactory {

    private static final Logger log = LoggerFactory.getLogger(NotifyStepFactory.class);

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final EventPublisher publisher;
    private final JdbcTemplate jdbc;

    public NotifyStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                             EventPublisher publisher, JdbcTemplate jdbc) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
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
        return new StepBuilder(step.name(), jobRepository)
                .tasklet((contribution, context) -> {
                    JobExecution execution = context.getStepContext().getStepExecution().getJobExecution();
                    RunParameters run = RunParameters.of(execution.getJobParameters());
                    List<Double> scores = jdbc.queryForList(
                            "select score::float8 from dq.run_score where run_id = ? and stage = 'final'", Double.class,
                            run.runId());
                    RunSummary summary = RunSummary.of(execution, run.runId(), run.logicalDate().toString(),
                            scores.isEmpty() ? null : scores.get(0));
                    publisher.publish(topic, run.runId(), summary);
                    log.info("Run {} of {} (execution {}): quality score {}, {} s, steps {}", run.runId(), job.name(),
                            execution.getId(), summary.qualityScore(), summary.durationSeconds(), summary.steps());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
