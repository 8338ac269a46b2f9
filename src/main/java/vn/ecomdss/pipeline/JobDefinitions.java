package vn.ecomdss.pipeline;

import java.util.Optional;

/** The loaded job definitions by name, for a stage that needs a job's settings outside its steps (its alerts). */
public interface JobDefinitions {

    Optional<JobDefinition> definition(String job);
}
