package vn.ecomdss.definition;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.job.Job;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.JobDefinitions;
import vn.ecomdss.pipeline.SourceCatalogue;

/** The pipelines this process knows: each definition with the Spring Batch job assembled from it. */
public record JobCatalogue(SourceCatalogue sources, Map<String, JobDefinition> definitions, Map<String, Job> jobs)
        implements JobDefinitions {

    @Override
    public Optional<JobDefinition> definition(String job) {
        return Optional.ofNullable(definitions.get(job));
    }

    @Override
    public Collection<JobDefinition> all() {
        return definitions.values();
    }

    public List<String> names() {
        return definitions.keySet().stream().sorted().toList();
    }
}
