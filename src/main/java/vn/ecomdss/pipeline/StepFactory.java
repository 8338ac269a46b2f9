package vn.ecomdss.pipeline;

import org.springframework.batch.core.step.Step;

/** Makes the Spring Batch step for one step type of the catalogue ({@code extract}, {@code scd2}, ...). */
public interface StepFactory {

    String type();

    /** Checks the step's parameters at start-up; problems name the file and the field. */
    default void validate(StepDefinition step, SourceCatalogue sources, DefinitionProblems problems) {
    }

    Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources);

    /** The datasets the step reads and writes, for the lineage events of its runs; none unless the type says. */
    default Lineage lineage(StepDefinition step, SourceCatalogue sources) {
        return Lineage.NONE;
    }

    /** Whether the job goes on when this step fails (the step stays FAILED and is reported). */
    default boolean continuesOnFailure(StepDefinition step, SourceCatalogue sources) {
        return false;
    }
}
