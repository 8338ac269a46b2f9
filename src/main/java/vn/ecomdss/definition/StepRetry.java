package vn.ecomdss.definition;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.Ordered;

import vn.ecomdss.pipeline.RetryPolicy;
import vn.ecomdss.pipeline.StepAttempts;

/**
 * The retries of one step within one job execution. Spring Batch runs a failed step again only on a restart, so
 * the assembler loops the step's flow through this decider: after a failed attempt, while attempts remain, it
 * waits out the delay and sends the flow back to the step, which Spring Batch then runs as a new step execution
 * of the same name. As the first listener of that step it gives the new attempt its number and the execution
 * context the failed attempt last committed, as a restart would, so a chunk step resumes from its last committed
 * chunk instead of reading everything again.
 *
 * <p>The wait watches the job execution in the repository: an operator's stop, which only records it there, ends
 * the wait at once, and the attempt that follows is stopped before it does any work, as every step about to start
 * in a stopped execution is (the operators' stop check, and Spring Batch's own at each chunk), which ends the job
 * STOPPED; a restart runs the step again.
 */
final class StepRetry implements JobExecutionDecider, StepExecutionListener, Ordered {

    /** Where the flow goes when the step is to run again. */
    static final String RETRY = "RETRY";

    private static final Logger log = LoggerFactory.getLogger(StepRetry.class);
    private static final Duration STOP_POLL = Duration.ofMillis(250);
    /** Spring Batch's mark of a step that has run, which a restart drops too. */
    private static final String EXECUTED_KEY = "batch.executed";

    private final String stepName;
    private final RetryPolicy policy;
    private final JobRepository jobRepository;

    StepRetry(String stepName, RetryPolicy policy, JobRepository jobRepository) {
        this.stepName = stepName;
        this.policy = policy;
        this.jobRepository = jobRepository;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void beforeStep(StepExecution attempt) {
        List<StepExecution> earlier = StepAttempts.of(attempt.getJobExecution(), stepName).stream()
                .filter(s -> s.getId() != attempt.getId()).toList();
        if (!earlier.isEmpty()) {
            ExecutionContext committed = earlier.get(earlier.size() - 1).getExecutionContext();
            committed.entrySet().stream().filter(e -> !e.getKey().equals(EXECUTED_KEY))
                    .forEach(e -> attempt.getExecutionContext().put(e.getKey(), e.getValue()));
        }
        attempt.getExecutionContext().putInt(StepAttempts.ATTEMPT_KEY, earlier.size() + 1);
    }

    @Override
    public FlowExecutionStatus decide(JobExecution execution, StepExecution failed) {
        int attempts = StepAttempts.of(execution, stepName).size();
        if (attempts > policy.retries()) {
            log.warn("Step {} of execution {} failed {} time(s); no retry left", stepName, execution.getId(), attempts);
            return FlowExecutionStatus.FAILED;
        }
        log.warn("Step {} of execution {} failed (attempt {} of {}); retrying in {}", stepName, execution.getId(),
                attempts, policy.retries() + 1, policy.delay());
        awaitDelay(execution);
        return new FlowExecutionStatus(RETRY);
    }

    /** Sleeps out the delay in short slices, ending early when the execution is asked to stop. */
    private void awaitDelay(JobExecution execution) {
        long deadline = System.nanoTime() + policy.delay().toNanos();
        while (System.nanoTime() < deadline) {
            if (stopRequested(execution)) {
                log.info("Execution {} was asked to stop while step {} waited to retry", execution.getId(), stepName);
                return;
            }
            try {
                Thread.sleep(Math.min(STOP_POLL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean stopRequested(JobExecution execution) {
        JobExecution stored = jobRepository.getJobExecution(execution.getId());
        return stored != null && (stored.getStatus() == BatchStatus.STOPPING || stored.getStatus() == BatchStatus.STOPPED);
    }
}
