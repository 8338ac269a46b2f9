package vn.ecomdss.transform;

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

    private static final String[] TABLES = {"staging.customer", "staging.product", "staging.sales_line",
            "staging.platform", "staging.review", "staging.activity_event"};

    private final JdbcTemplate jdbc;

    StagingCleanup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        if (jobExecution.getStatus() != BatchStatus.COMPLETED) {
            return;
        }
        String runId = jobExecution.getJobParameters().getString(RunParameters.RUN_ID);
        for (String table : TABLES) {
            jdbc.update("delete from " + table + " where run_id = ?", runId);
        }
    }
}
