package vn.ecomdss.extract;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.lake.DataLake;
import vn.ecomdss.lake.RawEnvelope;
import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.Lineage;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.SourceDefinition;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;

/**
 * {@code type: extract}: reads one source's entities through the {@link Source} of its kind (a JSON API, a web
 * site's listing pages, Kafka topics, ...) and lands each record in the lake as a raw envelope. A source left out
 * of the run's {@code sources} parameter reads nothing. When the step completes, what the reader reached (the
 * highest change marker, the Kafka offsets) becomes the source's watermark.
 */
@Component
public class ExtractStepFactory implements StepFactory {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final Map<String, Source> kinds = new TreeMap<>();
    private final SourceWatermarks watermarks;
    private final DataLake lake;

    public ExtractStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              List<Source> kinds, SourceWatermarks watermarks, DataLake lake) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        kinds.forEach(kind -> this.kinds.put(kind.kind(), kind));
        this.watermarks = watermarks;
        this.lake = lake;
    }

    @Override
    public String type() {
        return "extract";
    }

    @Override
    public void validate(StepDefinition step, SourceCatalogue sources, DefinitionProblems problems) {
        String source = step.text("source", null);
        if (source == null) {
            problems.add(step.file(), step.field() + ".source", "an extract step names its source");
        } else if (!sources.contains(source)) {
            problems.add(step.file(), step.field() + ".source", "unknown source '" + source + "' (known: "
                    + sources.names() + ")");
        } else if (!kinds.containsKey(sources.get(source).kind())) {
            problems.add(step.file(), step.field() + ".source", "source '" + source + "' is of kind '"
                    + sources.get(source).kind() + "', which no extract source reads (known: " + kinds.keySet() + ")");
        }
    }

    @Override
    public boolean continuesOnFailure(StepDefinition step, SourceCatalogue sources) {
        return sources.get(step.text("source", null)).continuesOnFailure();
    }

    /**
     * A source's listings at its address (a file source's directory; a document store's collections as
     * {@code database.collection}), into the lake's collection of each entity.
     */
    @Override
    public Lineage lineage(StepDefinition step, SourceCatalogue sources) {
        SourceDefinition source = sources.get(step.text("source", null));
        boolean documentStore = source.kind().equals("document-store");
        String namespace = source.baseUrl() != null ? source.baseUrl()
                : source.path() != null && !documentStore ? "file:" + source.path() : "embedded:" + source.embedded();
        return new Lineage(source.entities().values().stream()
                .map(entity -> new Lineage.Dataset(namespace, documentStore ? source.path() + "." + entity.path()
                        : entity.path())).toList(),
                source.entities().values().stream().map(entity -> Lineage.lake(source.name(), entity.name())).toList());
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        SourceDefinition source = sources.get(step.text("source", null));
        ExtractionStats stats = new ExtractionStats();
        return new StepBuilder(step.name(), jobRepository)
                .<FetchedRecord, RawEnvelope>chunk(step.integer("chunk-size", 200))
                .transactionManager(transactionManager)
                .reader(new ExtractionReader(source, kinds.get(source.kind()), watermarks, stats))
                .processor(new EnvelopeProcessor(Clock.systemUTC()))
                .writer(new LakeWriter(lake, stats))
                .stream(stats)
                .listener(new ExtractionReport(source, stats))
                .build();
    }
}
