package vn.ecomdss.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.lake.DataLake;
import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.Lineage;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;
import vn.ecomdss.pipeline.SummarisedSteps;

/**
 * {@code type: scd2} with {@code dimensions: [platform, product, customer]}: merges the run's staging rows into
 * each dimension, side by side, one transaction per dimension (a merge repeated over the same staging rows changes
 * nothing, so a restart after a partial failure is safe). {@code close-missing: [customer]} makes a key missing from a
 * source's full snapshot ({@code snapshot: full} on the source's listing) count as deleted; a source whose run
 * staged nothing for the dimension, or quarantined any record, is not treated as a full snapshot that run. With
 * {@code full_refresh=true} the run's sources' facts and customer and product versions are removed first, and
 * rebuilt from the whole lake, in the step's one transaction together with every merge, so a failed full refresh
 * leaves the warehouse as it was.
 */
@Component
public class Scd2StepFactory implements StepFactory {

    private static final Map<String, Scd2Spec> SPECS = Scd2Spec.ALL.stream()
            .collect(Collectors.toMap(Scd2Spec::name, Function.identity()));

    private final SummarisedSteps steps;
    private final Scd2Merge merge;
    private final JdbcTemplate jdbc;
    private final DataLake lake;
    private final FullRefresh fullRefresh;
    private final LoadLanes lanes;

    public Scd2StepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                           Scd2Merge merge, JdbcTemplate jdbc, DataLake lake, FullRefresh fullRefresh,
                           LoadLanes lanes) {
        this.steps = new SummarisedSteps(jobRepository, transactionManager);
        this.merge = merge;
        this.jdbc = jdbc;
        this.lake = lake;
        this.fullRefresh = fullRefresh;
        this.lanes = lanes;
    }

    @Override
    public String type() {
        return "scd2";
    }

    @Override
    public void validate(StepDefinition step, SourceCatalogue sources, DefinitionProblems problems) {
        List<String> dimensions = step.list("dimensions");
        if (dimensions.isEmpty()) {
            problems.add(step.file(), step.field() + ".dimensions", "name at least one dimension (known: " + SPECS.keySet() + ")");
        }
        for (int i = 0; i < dimensions.size(); i++) {
            if (!SPECS.containsKey(dimensions.get(i))) {
                problems.add(step.file(), step.field() + ".dimensions[" + i + "]", "unknown dimension '"
                        + dimensions.get(i) + "' (known: " + SPECS.keySet() + ")");
            }
        }
        List<String> closeMissing = step.list("close-missing");
        for (int i = 0; i < closeMissing.size(); i++) {
            if (!dimensions.contains(closeMissing.get(i))) {
                problems.add(step.file(), step.field() + ".close-missing[" + i + "]", "'" + closeMissing.get(i)
                        + "' is not one of this step's dimensions " + dimensions);
            }
        }
    }

    /** Each dimension's staging table into the dimension. */
    @Override
    public Lineage lineage(StepDefinition step, SourceCatalogue sources) {
        List<Scd2Spec> specs = step.list("dimensions").stream().map(SPECS::get).toList();
        return new Lineage(specs.stream().map(spec -> Lineage.table(spec.stagingTable())).toList(),
                specs.stream().map(spec -> Lineage.table(spec.table())).toList());
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        List<String> closeMissing = step.list("close-missing");
        List<Scd2Spec> specs = step.list("dimensions").stream().map(SPECS::get)
                .map(spec -> spec.withCloseMissing(closeMissing.contains(spec.name()))).toList();
        return steps.step(step.name(), (run, contribution, execution) ->
                mergeDimensions(specs, run, sources, contribution, execution));
    }

    /** The step's merges, after the full refresh's clearing when asked; the summary has every dimension's figures. */
    private String mergeDimensions(List<Scd2Spec> specs, RunParameters run, SourceCatalogue sources,
                                   StepContribution contribution, StepExecution execution) {
        StringBuilder summary = new StringBuilder();
        if (run.fullRefresh()) {
            List<String> rebuilt = List.copyOf(sources.transformedBy(run));
            summary.append(String.format("full refresh of %s: %d rows removed; ", rebuilt, fullRefresh.clear(rebuilt)));
        }
        List<Scd2Merge.Result> results = run.fullRefresh()
                ? specs.stream().map(spec -> mergeOne(spec, run, sources)).toList()
                : merge(specs, run, sources);
        for (Scd2Merge.Result result : results) {
            contribution.incrementWriteCount(result.versionsOpened() + result.typeOneUpdates() + result.inferredCompleted());
            execution.getExecutionContext().putInt("scd2." + result.dimension() + ".opened", result.versionsOpened());
            execution.getExecutionContext().putInt("scd2." + result.dimension() + ".closed", result.closed());
            summary.append(String.format("%s: %d staged events, %d new keys, %d versions opened, %d closed "
                            + "(%d deleted), %d type-1 updates, %d inferred completed in %.1f s; ",
                    result.dimension(), result.staged(), result.newKeys(), result.versionsOpened(), result.closed(),
                    result.deleted(), result.typeOneUpdates(), result.inferredCompleted(), result.nanos() / 1e9));
        }
        return summary.toString().trim();
    }

    /** The dimensions' merges side by side, each in a transaction of its own; results in the order given. */
    public List<Scd2Merge.Result> merge(List<Scd2Spec> specs, RunParameters run, SourceCatalogue sources) {
        return lanes.all(specs.stream()
                .<Supplier<Scd2Merge.Result>>map(spec -> () -> mergeOne(spec, run, sources)).toList());
    }

    private Scd2Merge.Result mergeOne(Scd2Spec spec, RunParameters run, SourceCatalogue sources) {
        List<String> snapshots = spec.closeMissing() ? fullSnapshots(spec, run, sources) : List.of();
        return merge.merge(spec, run, snapshots);
    }

    private List<String> fullSnapshots(Scd2Spec spec, RunParameters run, SourceCatalogue sources) {
        List<String> complete = new ArrayList<>();
        for (String name : sources.names()) {
            boolean full = run.includes(name) && sources.get(name).entities().values().stream()
                    .anyMatch(e -> e.target().equals(spec.name()) && e.fullSnapshot());
            if (!full || lake.quarantinedCount(run.runId(), name) > 0) {
                continue;
            }
            Integer staged = jdbc.queryForObject("select count(*) from " + spec.stagingTable()
                    + " where run_id = ? and source = ?", Integer.class, run.runId(), name);
            if (staged != null && staged > 0) {
                complete.add(name);
            }
        }
        return complete;
    }
}
