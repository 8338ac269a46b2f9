package vn.ecomdss.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.lake.LakeArchive;
import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.Lineage;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;
import vn.ecomdss.pipeline.SummarisedSteps;

/**
 * {@code type: lake-archive} with {@code retention: P365D}: moves the lake's envelopes that no run has fetched for
 * longer than the retention into Parquet files by month ({@link LakeArchive}); {@code dss.lake.archive.retention}
 * overrides the definition's. The run's {@code as_of} (default now) is what the retention counts back from.
 */
@Component
public class LakeArchiveStepFactory implements StepFactory {

    static final String RETENTION_PROPERTY = "dss.lake.archive.retention";

    private final SummarisedSteps steps;
    private final LakeArchive archive;
    private final Environment environment;

    public LakeArchiveStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                  LakeArchive archive, Environment environment) {
        this.steps = new SummarisedSteps(jobRepository, transactionManager);
        this.archive = archive;
        this.environment = environment;
    }

    @Override
    public String type() {
        return "lake-archive";
    }

    @Override
    public void validate(StepDefinition step, SourceCatalogue sources, DefinitionProblems problems) {
        String retention = step.text("retention", null);
        if (retention == null) {
            problems.add(step.file(), step.field() + ".retention", "say how long an unfetched envelope stays in the"
                    + " lake, as an ISO-8601 duration such as P365D");
            return;
        }
        try {
            if (Duration.parse(retention).isNegative()) {
                problems.add(step.file(), step.field() + ".retention", "a retention cannot be negative: " + retention);
            }
        } catch (DateTimeParseException e) {
            problems.add(step.file(), step.field() + ".retention", "expected an ISO-8601 duration such as P365D, got '"
                    + retention + "'");
        }
    }

    @Override
    public Lineage lineage(StepDefinition step, SourceCatalogue sources) {
        return Lineage.NONE;
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        return steps.step(step.name(), (run, contribution, execution) -> {
            Duration retention = retention(step);
            String asOf = execution.getJobParameters().getString(RunParameters.AS_OF);
            Instant now = asOf == null || asOf.isBlank() ? Instant.now() : OffsetDateTime.parse(asOf).toInstant();
            LakeArchive.Archived archived = archive.archive(now.minus(retention));
            contribution.incrementWriteCount(archived.total());
            execution.getExecutionContext().putLong("archived.envelopes", archived.total());
            execution.getExecutionContext().putLong("archived.files", archived.files().size());
            return String.format("%d envelopes last fetched before %s (retention %s) into %d Parquet files under %s%s",
                    archived.total(), archived.cutoff(), retention.toDays() + " days", archived.files().size(), archive.dir(),
                    archived.envelopes().isEmpty() ? "" : ": " + archived.envelopes());
        });
    }

    private Duration retention(StepDefinition step) {
        String configured = environment.getProperty(RETENTION_PROPERTY);
        String value = configured != null && !configured.isBlank() ? configured : step.text("retention", "P365D");
        try {
            return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(RETENTION_PROPERTY + " is an ISO-8601 duration such as P365D, not '"
                    + value + "'", e);
        }
    }
}
