package vn.ecomdss.pipeline;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;

/**
 * The work of a step that reports what it did in one line: given the run, the contribution (for the step's counts)
 * and the step execution (for its context), it does the work and returns the summary. {@link SummarisedSteps}
 * makes the Spring Batch step of it.
 */
@FunctionalInterface
public interface SummarisedWork {

    String perform(RunParameters run, StepContribution contribution, StepExecution execution) throws Exception;
}
