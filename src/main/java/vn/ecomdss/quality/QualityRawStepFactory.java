package vn.ecomdss.quality;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.Set;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.lake.DataLake;
import vn.ecomdss.lake.QuarantinedRecord;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.SourceDefinition;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;
import vn.ecomdss.pipeline.SummarisedSteps;

/**
 * {@code type: quality-raw}: runs the rules of {@code quality/*.yml} over every collection the run extracted (a
 * collection without a {@code required-fields} rule gets one, so that no source goes unchecked), stores every
 * result and failing record in {@code dq}, quarantines the records failing an error rule with the rules and
 * reasons, alerts below the job's minimum score, and fails the job when an error rule breaches its threshold.
 * For a scraped site it also fails on any listing page that yielded no item where items were expected
 * (page-structure drift), naming the URL and the selector.
 */
@Component
public class QualityRawStepFactory implements StepFactory {

    private static final int BATCH = 500;

    private final SummarisedSteps steps;
    private final DataLake lake;
    private final QualityResults results;
    private final QualityGate gate;
    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectProvider<QualityRuleBook> ruleBook;

    public QualityRawStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                 DataLake lake, QualityResults results, QualityAlerts alerts,
                                 NamedParameterJdbcTemplate jdbc, ObjectProvider<QualityRuleBook> ruleBook) {
        this.steps = new SummarisedSteps(jobRepository, transactionManager);
        this.lake = lake;
        this.results = results;
        this.gate = new QualityGate("raw", "the quarantine collection and dq.failed_record for each record's reason",
                results, alerts);
        this.jdbc = jdbc;
        this.ruleBook = ruleBook;
    }

    @Override
    public String type() {
        return "quality-raw";
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        return steps.step(step.name(), (run, contribution, execution) ->
                check(job, sources, run, contribution, execution));
    }

    /** Checks, records and quarantines every collection the run extracted, then closes the raw gate. */
    private String check(JobDefinition job, SourceCatalogue sources, RunParameters run, StepContribution contribution,
                         StepExecution execution) {
        results.clear(run.runId(), "raw");
        List<CheckResult> checks = new ArrayList<>();
        long quarantined = 0;
        Set<String> extracted = extractedBy(job, sources);
        for (String name : sources.names()) {
            if (!run.includes(name) || !extracted.contains(name)) {
                continue;
            }
            SourceDefinition source = sources.get(name);
            for (EntityDefinition entity : source.entities().values()) {
                CollectionCheck.Outcome outcome = new CollectionCheck(lake, run.runId(), name, entity,
                        rules(name, entity), job.quality(),
                        (stage, rule, target) -> TableCheck.previousObserved(jdbc, stage, rule, target, run.runId()))
                        .run();
                results.failedRecords(run.runId(), "raw", outcome.failures());
                quarantined += quarantine(run.runId(), name, entity.name(), outcome.failures());
                outcome.results().stream().filter(c -> c.ruleType().equals(RuleType.REQUIRED_FIELDS.key()))
                        .forEach(c -> execution.setReadCount(execution.getReadCount() + c.checked()));
                checks.addAll(outcome.results());
                if (source.kind().equals("html")) {
                    checks.add(pageStructure(run.runId(), source, entity));
                }
            }
        }
        contribution.incrementFilterCount(quarantined);
        long quarantinedRecords = quarantined;
        return gate.close(run, job, checks, execution, scores -> String.format(
                "raw score %.4f over %d rules, %d failing (%d warn), %d records quarantined", scores.stage(),
                checks.size(), checks.stream().filter(c -> !c.passed()).count(),
                checks.stream().filter(c -> !c.passed() && !c.blocking()).count(), quarantinedRecords));
    }

    /**
     * The sources the job's steps name ({@code source:}): a job that extracts some sources is judged on them, not on
     * the others' freshness; a job whose steps name none (it extracts through another definition) is judged on all.
     */
    private static Set<String> extractedBy(JobDefinition job, SourceCatalogue sources) {
        Set<String> named = new TreeSet<>();
        job.steps().forEach(step -> {
            String source = step.text("source", null);
            if (source != null) {
                named.add(source);
            }
        });
        return named.isEmpty() ? new TreeSet<>(sources.names()) : named;
    }

    /** Every listing path of the entity is a page checked; a drifted one is a failure, with its URL and selector. */
    private CheckResult pageStructure(String runId, SourceDefinition source, EntityDefinition entity) {
        List<String> drifted = jdbc.queryForList("""
                select url || ' [' || selector || ']' from dq.page_drift
                where run_id = :run and source = :source and entity = :entity order by url
                """, Map.of("run", runId, "source", source.name(), "entity", entity.name()), String.class);
        long pages = Math.max(entity.listing().paths().size(), drifted.size());
        return new CheckResult("raw", "page_structure", "page-structure", source.name() + "/" + entity.name(),
                Severity.ERROR.key(), pages, drifted.size(), 0, drifted.stream().limit(10).toList(), null);
    }

    /** The collection's declared rules, with the source definition's required fields as an error rule if not declared. */
    private List<QualityRule> rules(String source, EntityDefinition entity) {
        List<QualityRule> declared = ruleBook.getObject().collection(source, entity.name()).map(RuleSet::rules).orElse(List.of());
        if (declared.stream().anyMatch(r -> r.type() == RuleType.REQUIRED_FIELDS)) {
            return declared;
        }
        List<QualityRule> rules = new ArrayList<>();
        rules.add(new QualityRule("sources/" + source + ".yml", "entities." + entity.name() + ".required",
                "required_fields", RuleType.REQUIRED_FIELDS, Severity.ERROR, List.of(), List.of(), null, null, null, null,
                null, null, null, null, null));
        rules.addAll(declared);
        return rules;
    }

    /** One quarantine entry per envelope, naming every error rule it failed. */
    private long quarantine(String runId, String source, String entity, List<FailedRecord> failures) {
        Map<String, List<FailedRecord>> byEnvelope = failures.stream().filter(f -> f.severity() == Severity.ERROR)
                .collect(Collectors.groupingBy(FailedRecord::envelopeId, LinkedHashMap::new, Collectors.toList()));
        List<QuarantinedRecord> batch = new ArrayList<>();
        for (Map.Entry<String, List<FailedRecord>> envelope : byEnvelope.entrySet()) {
            List<FailedRecord> failed = envelope.getValue();
            batch.add(new QuarantinedRecord(envelope.getKey(), runId, source, entity, failed.get(0).recordKey(),
                    failed.stream().map(FailedRecord::rule).distinct().collect(Collectors.joining(",")),
                    failed.stream().map(f -> f.rule() + ": " + f.reason()).collect(Collectors.joining("; "))));
            if (batch.size() == BATCH) {
                lake.quarantine(batch);
                batch.clear();
            }
        }
        lake.quarantine(batch);
        return byEnvelope.size();
    }
}
