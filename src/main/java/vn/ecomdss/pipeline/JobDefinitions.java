package vn.ecomdss.pipeline;

import java.util.Collection;
import java.util.Optional;

/** The loaded job definitions by name, for a stage that needs a job's settings outside its steps (its alerts, its schedule). */
public interface JobDefinitions {

    Optional<JobDefinition> definition(String job);

    /** Every loaded definition, for a stage that watches them all (the monitoring of their schedules). */
    Collection<JobDefinition> all();
}
