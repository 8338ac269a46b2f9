package vn.ecomdss.definition;

import java.util.List;
import java.util.Map;

import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepFactory;

/**
 * Reads {@code job-definitions/} (sources under {@code sources/} first, since the steps of the jobs at the top name
 * them) and validates everything before any job is assembled, reporting all problems at once with file and field.
 */
public final class DefinitionLoader {

    public record Definitions(SourceCatalogue sources, List<JobDefinition> jobs) {
    }

    public Definitions load(String location, Map<String, StepFactory> catalogue) {
        DefinitionProblems problems = new DefinitionProblems();
        SourceCatalogue sources = new SourceDefinitionLoader(problems).load(location);
        List<JobDefinition> jobs = new JobDefinitionLoader(catalogue, sources, problems).load(location);
        problems.throwIfAny();
        return new Definitions(sources, jobs);
    }
}
