package vn.ecomdss.definition;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceCatalogue;

/** Refuses a launch whose parameters a pipeline cannot honour, naming the parameter. */
final class RunParametersValidator implements JobParametersValidator {

    private final SourceCatalogue sources;

    RunParametersValidator(SourceCatalogue sources) {
        this.sources = sources;
    }

    @Override
    public void validate(JobParameters parameters) throws InvalidJobParametersException {
        String runId = parameters.getString(RunParameters.RUN_ID);
        if (runId == null || runId.isBlank()) {
            throw new InvalidJobParametersException("run_id is required");
        }
        try {
            RunParameters run = RunParameters.of(parameters);
            Set<String> unknown = new TreeSet<>(run.sources());
            unknown.removeAll(sources.names());
            if (!unknown.isEmpty()) {
                throw new InvalidJobParametersException("sources: unknown source(s) " + unknown + " (known: "
                        + sources.names() + ")");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidJobParametersException(e.getMessage());
        }
    }
}
