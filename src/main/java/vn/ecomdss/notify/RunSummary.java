package vn.ecomdss.notify;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import vn.ecomdss.pipeline.SourceDefinition;
import vn.ecomdss.pipeline.StepAttempts;

/**
 * What a run did, step by step, as published to {@code etl_notifications} and logged. {@code failedSources}
 * names the sources whose extract failed while the run went on without them (a partial success); a retried step has
 * a row per attempt.
 */
public record RunSummary(String job, long executionId, String runId, String logicalDate, String status,
                         Double qualityScore, long durationSeconds, List<Map<String, Object>> steps,
                         List<String> failedSources) {

    public static List<String> failedSources(JobExecution execution) {
        return StepAttempts.latest(execution).stream()
                .filter(s -> s.getStatus() == org.springframework.batch.core.BatchStatus.FAILED
                        && s.getExecutionContext().containsKey(SourceDefinition.EXTRACTED_SOURCE_KEY))
                .map(s -> s.getExecutionContext().getString(SourceDefinition.EXTRACTED_SOURCE_KEY)).sorted().toList();
    }

    public static RunSummary of(JobExecution execution, String runId, String logicalDate, Double qualityScore) {
        List<Map<String, Object>> steps = new ArrayList<>();
        LocalDateTime now = LocalDateTime.now();
        for (StepExecution step : execution.getStepExecutions()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", step.getStepName());
            row.put("status", step.getStatus().name());
            row.put("attempt", StepAttempts.attempt(step));
            row.put("read", step.getReadCount());
            row.put("written", step.getWriteCount());
            row.put("filtered", step.getFilterCount());
            row.put("skipped", step.getSkipCount());
            row.put("exit_description", step.getExitStatus().getExitDescription());
            steps.add(row);
        }
        LocalDateTime start = execution.getStartTime() == null ? now : execution.getStartTime();
        return new RunSummary(execution.getJobInstance().getJobName(), execution.getId(), runId, logicalDate,
                execution.getStatus().name(), qualityScore, Duration.between(start, now).toSeconds(), steps,
                failedSources(execution));
    }
}
