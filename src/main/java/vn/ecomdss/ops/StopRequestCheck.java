package vn.ecomdss.ops;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Interrupts a step about to start in an execution an operator stopped. Spring Batch 6 marks a stopped execution
 * STOPPED at once but lets the steps of a split run on; the job assembler registers this on every step.
 */
@Component
class StopRequestCheck implements StepExecutionListener {

    private final JdbcTemplate jdbc;

    StopRequestCheck(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        String status = jdbc.query("select status from batch_job_execution where job_execution_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, stepExecution.getJobExecutionId());
        if (BatchStatus.STOPPING.name().equals(status) || BatchStatus.STOPPED.name().equals(status)) {
            stepExecution.setTerminateOnly();
        }
    }
}
