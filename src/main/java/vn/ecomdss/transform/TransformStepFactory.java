package vn.ecomdss.transform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.lake.DataLake;
import vn.ecomdss.lake.LakeArchive;
import vn.ecomdss.lake.LakeReader;
import vn.ecomdss.lake.LakeRecord;
import vn.ecomdss.lake.QuarantinedRecord;
import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.Lineage;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;

/**
 * {@code type: transform} with {@code target:} one of the {@link StagingTarget}s ({@code customers | products |
 * sales | platforms | reviews | activity | returns | promotions}): reads the envelopes the run accepted for every
 * source entity the target reads, cleans them and writes staging rows. A record that cannot be transformed is
 * skipped into the quarantine with the reason.
 */
@Component
public class TransformStepFactory implements StepFactory {

    private final Map<String, StagingTarget<?>> targets = new TreeMap<>();
    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final DataLake lake;
    private final LakeArchive archive;
    private final LoadWatermarks watermarks;

    public TransformStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                DataLake lake, LakeArchive archive, LoadWatermarks watermarks,
                                List<StagingTarget<?>> targets) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.lake = lake;
        this.archive = archive;
        this.watermarks = watermarks;
        targets.forEach(target -> this.targets.put(target.name(), target));
    }

    @Override
    public String type() {
        return "transform";
    }

    @Override
    public void validate(StepDefinition step, SourceCatalogue sources, DefinitionProblems problems) {
        String target = step.text("target", null);
        if (target == null || !targets.containsKey(target)) {
            problems.add(step.file(), step.field() + ".target", "unknown transform target '" + target
                    + "' (known: " + targets.keySet() + ")");
        }
    }

    /** The lake collections its target reads, into the target's staging table. */
    @Override
    public Lineage lineage(StepDefinition step, SourceCatalogue sources) {
        StagingTarget<?> target = targets.get(step.text("target", null));
        return new Lineage(Lineage.lakeOf(sources, target::reads), List.of(Lineage.table(target.table())));
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        return create(step, targets.get(step.text("target", null)), sources);
    }

    private <T> Step create(StepDefinition step, StagingTarget<T> target, SourceCatalogue sources) {
        TargetStep<T> transformation = new TargetStep<>(target, sources);
        return new StepBuilder(step.name(), jobRepository)
                .<LakeRecord, List<T>>chunk(step.integer("chunk-size", 500))
                .transactionManager(transactionManager)
                .reader(transformation)
                .processor(transformation::transform)
                .writer(transformation::write)
                .faultTolerant()
                .skip(TransformException.class)
                .skipLimit(Long.MAX_VALUE)
                .skipListener(transformation)
                .listener(transformation)
                .build();
    }

    private final class TargetStep<T> implements ItemStreamReader<LakeRecord>, StepExecutionListener,
            SkipListener<LakeRecord, List<T>> {

        private final StagingTarget<T> target;
        private final StagingTarget.Transformation<T> transformer;
        private final SourceCatalogue sources;
        private final Map<String, EntityDefinition> entities = new HashMap<>();
        private RunParameters run;
        private LakeReader reader;

        TargetStep(StagingTarget<T> target, SourceCatalogue sources) {
            this.target = target;
            this.transformer = target.transformation();
            this.sources = sources;
        }

        @Override
        public void beforeStep(StepExecution stepExecution) {
            run = RunParameters.of(stepExecution.getJobExecution().getJobParameters());
            List<LakeReader.Listing> listings = new ArrayList<>();
            for (String name : sources.transformedBy(run)) {
                for (EntityDefinition entity : sources.get(name).entities().values()) {
                    if (target.reads(entity)) {
                        String since = entity.changesOnly() && !run.fullRefresh()
                                ? watermarks.lastLoadedRun(name, entity.name()).orElse(null) : null;
                        watermarks.pending(run.runId(), name, entity.name());
                        listings.add(new LakeReader.Listing(name, entity.name(), since));
                        entities.put(name + "/" + entity.name(), entity);
                    }
                }
            }
            reader = new LakeReader(lake, run.runId(), listings, run.fullRefresh(), archive);
        }

        @Override
        public void open(ExecutionContext context) {
            reader.open(context);
        }

        @Override
        public void update(ExecutionContext context) {
            reader.update(context);
        }

        @Override
        public void close() {
            reader.close();
        }

        @Override
        public LakeRecord read() {
            return reader.read();
        }

        List<T> transform(LakeRecord record) {
            return transformer.transform(record, entities.get(record.source() + "/" + record.entity()),
                    sources.get(record.source()), run);
        }

        void write(Chunk<? extends List<T>> chunk) {
            target.write(chunk.getItems().stream().<T>flatMap(List::stream).toList());
        }

        @Override
        public void onSkipInProcess(LakeRecord record, Throwable t) {
            lake.quarantine(List.of(new QuarantinedRecord(record.envelopeId(), run.runId(), record.source(),
                    record.entity(), record.naturalId(), "transform", t.getMessage())));
        }
    }
}
