package vn.ecomdss.ops;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Makes an execution restartable when the process that ran it died: an execution still marked running whose
 * liveness lock is free (see {@link ExecutionLease}) is marked failed, with its running steps. The command line's
 * {@code restart} and the admin API's restart both go through here.
 */
@Component
public class OrphanedExecutions {

    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final ExecutionLease lease;

    public OrphanedExecutions(JobRepository jobRepository, JobOperator jobOperator, ExecutionLease lease) {
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.lease = lease;
    }

    /** Thrown when the execution is still running in a live process: it must be stopped first. */
    public static final class StillRunningException extends IllegalStateException {
        private final BatchStatus status;

        StillRunningException(long executionId, BatchStatus status) {
            super("execution " + executionId + " is " + status + " in a live process; stop it before restarting "
                    + "(stop " + executionId + ")");
            this.status = status;
        }

        public BatchStatus status() {
            return status;
        }
    }

    /**
     * The execution as it can be restarted: unchanged unless it was orphaned, in which case it is recovered first.
     * Returns null when there is no such execution.
     */
    public JobExecution recoverIfOrphaned(long executionId) {
        JobExecution execution = jobRepository.getJobExecution(executionId);
        if (execution == null || !(execution.isRunning() || execution.getStatus() == BatchStatus.STOPPING)) {
            return execution;
        }
        if (!lease.isOrphaned(executionId)) {
            throw new StillRunningException(executionId, execution.getStatus());
        }
        jobOperator.recover(execution);
        return jobRepository.getJobExecution(executionId);
    }
}
