package vn.ecomdss.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Makes the tasklet step of a {@link SummarisedWork}: runs the work once in the step's transaction, logs
 * {@code <step name>: <summary>} and adds the summary to the step's exit description, where {@code dss executions}
 * and the run summary show it.
 */
public final class SummarisedSteps {

    private static final Logger log = LoggerFactory.getLogger(SummarisedSteps.class);

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;

    public SummarisedSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
    }

    public Step step(String name, SummarisedWork work) {
        return new StepBuilder(name, jobRepository)
                .tasklet((contribution, context) -> {
                    StepExecution execution = context.getStepContext().getStepExecution();
                    RunParameters run = RunParameters.of(execution.getJobExecution().getJobParameters());
                    String summary = work.perform(run, contribution, execution);
                    log.info("{}: {}", name, summary);
                    contribution.setExitStatus(contribution.getExitStatus().addExitDescription(summary));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
