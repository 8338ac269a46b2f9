package vn.ecomdss.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.Alert;
import vn.ecomdss.pipeline.AlertSink;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.StepAttempts;

/**
 * Raises a critical alert when a run fails, naming its failed steps and their first error line (the original DAG's
 * {@code email_on_failure}), once its last attempt at each failed step has failed. The key is the job's, so a job
 * that fails again within the quiet period alerts once.
 */
@Component
class JobFailureAlerts implements JobExecutionListener {

    private static final int MAX_ERROR = 300;

    private final AlertSink alerts;

    JobFailureAlerts(AlertSink alerts) {
        this.alerts = alerts;
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.FAILED) {
            return;
        }
        String job = execution.getJobInstance().getJobName();
        String runId = execution.getJobParameters().getString(RunParameters.RUN_ID);
        List<StepExecution> failed = StepAttempts.latest(execution).stream()
                .filter(step -> step.getStatus() == BatchStatus.FAILED).toList();
        StringBuilder detail = new StringBuilder();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("execution_id", execution.getId());
        for (StepExecution step : failed) {
            String error = firstLine(step.getExitStatus().getExitDescription());
            int attempts = StepAttempts.attempt(step);
            detail.append("step ").append(step.getStepName())
                    .append(attempts > 1 ? " (" + attempts + " attempts)" : "").append(": ").append(error).append('\n');
            fields.put("step." + step.getStepName(), error);
            if (attempts > 1) {
                fields.put("attempts." + step.getStepName(), attempts);
            }
        }
        if (failed.isEmpty()) {
            detail.append(execution.getExitStatus().getExitDescription());
        }
        alerts.raise(new Alert("job_failure:" + job, Alert.Kind.JOB_FAILURE, Alert.Severity.CRITICAL, job, runId,
                job + " run " + runId + " failed" + (failed.isEmpty() ? "" : " at " + failed.get(0).getStepName()),
                detail.toString().trim(), fields));
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "(no description)";
        }
        String line = text.lines().findFirst().orElse(text).trim();
        return line.length() > MAX_ERROR ? line.substring(0, MAX_ERROR) + "..." : line;
    }
}
