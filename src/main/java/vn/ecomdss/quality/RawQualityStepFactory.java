package vn.ecomdss.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.definition.EntityDefinition;
import vn.ecomdss.definition.JobDefinition;
import vn.ecomdss.definition.RunParameters;
import vn.ecomdss.definition.SourceCatalogue;
import vn.ecomdss.definition.SourceDefinition;
import vn.ecomdss.definition.StepDefinition;
import vn.ecomdss.definition.StepFactory;
import vn.ecomdss.lake.DataLake;
import vn.ecomdss.lake.QuarantinedRecord;

/**
 * {@code type: quality-raw}: checks every envelope the run extracted against its entity's required fields and
 * types, quarantines the failures with their reasons, and fails the job when a source entity's failing ratio
 * exceeds the definition's {@code quality.raw-max-failed-ratio}. For a scraped site it also fails on any listing
 * page that yielded no item where items were expected (page-structure drift), naming the URL and the selector.
 */
@Component
public class RawQualityStepFactory implements StepFactory {

    private static final Logger log = LoggerFactory.getLogger(RawQualityStepFactory.class);
    private static final int BATCH = 500;
    private static final int SAMPLE = 10;

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final DataLake lake;
    private final QualityResults results;
    private final JdbcTemplate jdbc;

    public RawQualityStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                 DataLake lake, QualityResults results, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.lake = lake;
        this.results = results;
    }

    @Override
    public String type() {
        return "quality-raw";
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        double threshold = job.quality().rawMaxFailedRatio();
        return new StepBuilder(step.name(), jobRepository)
                .tasklet((contribution, context) -> {
                    StepExecution execution = context.getStepContext().getStepExecution();
                    RunParameters run = RunParameters.of(execution.getJobExecution().getJobParameters());
                    List<CheckResult> checks = new ArrayList<>();
                    for (String name : sources.names()) {
                        if (!run.includes(name)) {
                            continue;
                        }
                        SourceDefinition source = sources.get(name);
                        for (EntityDefinition entity : source.entities().values()) {
                            CheckResult check = check(run.runId(), source, entity, threshold);
                            execution.setReadCount(execution.getReadCount() + check.checked());
                            contribution.incrementFilterCount(check.failed());
                            checks.add(check);
                            if (source.kind().equals("html")) {
                                checks.add(pageStructure(run.runId(), source, entity));
                            }
                        }
                    }
                    double score = results.store(run.runId(), "raw", checks);
                    List<CheckResult> breaches = checks.stream().filter(c -> !c.passed()).toList();
                    String summary = String.format("raw score %.4f over %d source entities, %d records quarantined",
                            score, checks.size(), checks.stream().mapToLong(CheckResult::failed).sum());
                    log.info("{} {}", step.name(), summary);
                    if (!breaches.isEmpty()) {
                        throw new QualityGateException("raw quality gate: " + breaches.stream()
                                .map(b -> String.format("%s failed %d of %d (%.2f%% > %.2f%%), e.g. %s", b.target(),
                                        b.failed(), b.checked(), 100 * b.ratio(), 100 * b.threshold(), b.sampleKeys()))
                                .toList() + "; see the quarantine collection for each record's reason");
                    }
                    contribution.setExitStatus(contribution.getExitStatus().addExitDescription(summary));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    /** Every listing path of the entity is a page checked; a drifted one is a failure, with its URL and selector. */
    private CheckResult pageStructure(String runId, SourceDefinition source, EntityDefinition entity) {
        List<String> drifted = jdbc.queryForList("""
                select url || ' [' || selector || ']' from dq.page_drift
                where run_id = ? and source = ? and entity = ? order by url
                """, String.class, runId, source.name(), entity.name());
        long pages = Math.max(entity.listing().paths().size(), drifted.size());
        return new CheckResult("raw", "page_structure", source.name() + "/" + entity.name(), "error", pages,
                drifted.size(), 0, drifted.stream().limit(SAMPLE).toList());
    }

    private CheckResult check(String runId, SourceDefinition source, EntityDefinition entity, double threshold) {
        long checked = 0;
        long failed = 0;
        List<String> sample = new ArrayList<>();
        List<QuarantinedRecord> batch = new ArrayList<>();
        try (Stream<Document> envelopes = lake.template().stream(lake.seenBy(runId, source.name(), entity.name()),
                Document.class, DataLake.ENVELOPES)) {
            for (Document envelope : (Iterable<Document>) envelopes::iterator) {
                checked++;
                String naturalId = envelope.getString("natural_id");
                List<String> failures = RawRecordCheck.failures(naturalId, envelope.get("payload", Document.class), entity);
                if (failures.isEmpty()) {
                    continue;
                }
                failed++;
                if (sample.size() < SAMPLE) {
                    sample.add(String.valueOf(naturalId));
                }
                batch.add(new QuarantinedRecord(envelope.getString("_id"), runId, source.name(), entity.name(),
                        naturalId, "required_fields", String.join("; ", failures)));
                if (batch.size() == BATCH) {
                    lake.quarantine(batch);
                    batch.clear();
                }
            }
        }
        lake.quarantine(batch);
        return new CheckResult("raw", "required_fields", source.name() + "/" + entity.name(), "error", checked, failed,
                threshold, sample);
    }
}
