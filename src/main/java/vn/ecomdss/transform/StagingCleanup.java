package vn.ecomdss.transform;

import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.ecomdss.pipeline.RunParameters;

/**
 * Empties a run's staging rows once the run has completed; a failed run keeps them so that its restart resumes
 * from what was already transformed.
 */
@Component
final class StagingCleanup implements JobExecutionListener {

    private final JdbcTemplate jdbc;
    private final List<StagingTarget<?>> targets;

    StagingCleanup(JdbcTemplate jdbc, List<StagingTarget<?>> targets) {
        this.jdbc = jdbc;
        this.targets = targets;
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        if (jobExecution.getStatus() != BatchStatus.COMPLETED) {
            return;
        }
        String runId = jobExecution.getJobParameters().getString(RunParameters.RUN_ID);
        for (StagingTarget<?> target : targets) {
            jdbc.update("delete from " + target.table() + " where run_id = ?", runId);
        }
    }
}
