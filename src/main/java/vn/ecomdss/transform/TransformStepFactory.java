package vn.ecomdss.transform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import vn.ecomdss.lake.LakeReader;
import vn.ecomdss.lake.LakeRecord;
import vn.ecomdss.lake.QuarantinedRecord;
import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.SourceDefinition;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;

/**
 * {@code type: transform} with {@code target: customers | products | sales | platforms | reviews | activity}: reads
 * the envelopes the run accepted for every source entity mapped onto that target, cleans them and writes staging
 * rows. A record that cannot be transformed is skipped into the quarantine with the reason.
 */
@Component
public class TransformStepFactory implements StepFactory {

    private static final Map<String, String> TARGETS = Map.of("customers", "customer", "products", "product",
            "sales", "order", "platforms", "platform", "reviews", "review", "activity", "activity");

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final DataLake lake;
    private final StagingWriter staging;
    private final LoadWatermarks watermarks;

    public TransformStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                DataLake lake, StagingWriter staging, LoadWatermarks watermarks) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.lake = lake;
        this.staging = staging;
        this.watermarks = watermarks;
    }

    @Override
    public String type() {
        return "transform";
    }

    @Override
    public void validate(StepDefinition step, SourceCatalogue sources, DefinitionProblems problems) {
        String target = step.text("target", null);
        if (!TARGETS.containsKey(target)) {
            problems.add(step.file(), step.field() + ".target", "unknown transform target '" + target
                    + "' (known: " + TARGETS.keySet() + ")");
        }
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        Transformation transformation = new Transformation(TARGETS.get(step.text("target", null)), sources);
        return new StepBuilder(step.name(), jobRepository)
                .<LakeRecord, List<Object>>chunk(step.integer("chunk-size", 500))
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

    private final class Transformation implements ItemStreamReader<LakeRecord>, StepExecutionListener,
            SkipListener<LakeRecord, List<Object>> {

        private final String target;
        private final SourceCatalogue sources;
        private final Map<String, EntityDefinition> entities = new HashMap<>();
        private final CustomerTransformer customers = new CustomerTransformer();
        private final ProductTransformer products = new ProductTransformer();
        private final SalesTransformer sales = new SalesTransformer();
        private final PlatformTransformer platforms = new PlatformTransformer();
        private final ReviewTransformer reviews = new ReviewTransformer();
        private final ActivityEventTransformer activity = new ActivityEventTransformer();
        private RunParameters run;
        private LakeReader reader;

        Transformation(String target, SourceCatalogue sources) {
            this.target = target;
            this.sources = sources;
        }

        @Override
        public void beforeStep(StepExecution stepExecution) {
            run = RunParameters.of(stepExecution.getJobExecution().getJobParameters());
            List<LakeReader.Listing> listings = new ArrayList<>();
            for (String name : sources.transformedBy(run)) {
                for (EntityDefinition entity : sources.get(name).entities().values()) {
                    boolean wanted = target.equals("review")
                            ? entity.target().equals("product") && entity.reviews() != null
                            : entity.target().equals(target);
                    if (wanted) {
                        String since = entity.changesOnly() && !run.fullRefresh()
                                ? watermarks.lastLoadedRun(name, entity.name()).orElse(null) : null;
                        watermarks.pending(run.runId(), name, entity.name());
                        listings.add(new LakeReader.Listing(name, entity.name(), since));
                        entities.put(name + "/" + entity.name(), entity);
                    }
                }
            }
            reader = new LakeReader(lake, run.runId(), listings, run.fullRefresh());
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

        List<Object> transform(LakeRecord record) {
            EntityDefinition entity = entities.get(record.source() + "/" + record.entity());
            SourceDefinition source = sources.get(record.source());
            return switch (target) {
                case "customer" -> List.of(customers.transform(record, entity, run));
                case "product" -> List.of(products.transform(record, entity, source.currency(), run));
                case "platform" -> List.of(platforms.transform(record, entity, run));
                case "review" -> List.copyOf(reviews.transform(record, entity, run));
                case "activity" -> List.of(activity.transform(record, entity, run));
                default -> List.copyOf(sales.transform(record, entity, source.currency(), run));
            };
        }

        void write(Chunk<? extends List<Object>> chunk) {
            List<Object> rows = chunk.getItems().stream().flatMap(List::stream).toList();
            switch (target) {
                case "customer" -> staging.customers(rows.stream().map(StagedCustomer.class::cast).toList());
                case "product" -> staging.products(rows.stream().map(StagedProduct.class::cast).toList());
                case "platform" -> staging.platforms(rows.stream().map(StagedPlatform.class::cast).toList());
                case "review" -> staging.reviews(rows.stream().map(StagedReview.class::cast).toList());
                case "activity" -> staging.activityEvents(rows.stream().map(StagedActivityEvent.class::cast).toList());
                default -> staging.salesLines(rows.stream().map(StagedSalesLine.class::cast).toList());
            }
        }

        @Override
        public void onSkipInProcess(LakeRecord record, Throwable t) {
            lake.quarantine(List.of(new QuarantinedRecord(record.envelopeId(), run.runId(), record.source(),
                    record.entity(), record.naturalId(), "transform", t.getMessage())));
        }
    }
}
