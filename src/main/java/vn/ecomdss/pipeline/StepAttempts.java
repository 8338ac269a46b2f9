package vn.ecomdss.pipeline;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * A retried step leaves one step execution per attempt in its job execution, all under the step's name, each with
 * its attempt number under {@link #ATTEMPT_KEY} in its execution context. What a run did is told by each step's
 * last attempt: an extract that failed once and then completed did not fail the run.
 */
public final class StepAttempts {

    public static final String ATTEMPT_KEY = "retry.attempt";

    private StepAttempts() {
    }

    /** The last attempt of each step, in the order the steps first ran. */
    public static List<StepExecution> latest(JobExecution execution) {
        Map<String, StepExecution> latest = new LinkedHashMap<>();
        inOrder(execution).forEach(step -> latest.put(step.getStepName(), step));
        return List.copyOf(latest.values());
    }

    /** The attempts of one step in this execution, oldest first. */
    public static List<StepExecution> of(JobExecution execution, String stepName) {
        return inOrder(execution).stream().filter(s -> s.getStepName().equals(stepName)).toList();
    }

    /** The attempt number of a step execution: 1 for a step that ran once. */
    public static int attempt(StepExecution step) {
        return step.getExecutionContext().containsKey(ATTEMPT_KEY) ? step.getExecutionContext().getInt(ATTEMPT_KEY) : 1;
    }

    private static List<StepExecution> inOrder(JobExecution execution) {
        return execution.getStepExecutions().stream().sorted(Comparator.comparingLong(StepExecution::getId)).toList();
    }
}
