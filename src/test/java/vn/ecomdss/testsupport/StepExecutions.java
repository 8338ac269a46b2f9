package vn.ecomdss.testsupport;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/** Looks up the steps of a job execution by name, as the tests assert on one step at a time. */
public final class StepExecutions {

    private StepExecutions() {
    }

    /** The execution of the step {@code name}; fails the test, naming the steps there were, if it did not run. */
    public static StepExecution step(JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in job execution " + execution.getId()
                        + "; its steps: " + execution.getStepExecutions().stream().map(StepExecution::getStepName).toList()));
    }
}
