package vn.ecomdss.extract;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.embedded.KafkaEndpoint;
import vn.ecomdss.extract.http.JsonHttpClient;
import vn.ecomdss.extract.http.PagedJsonReader;
import vn.ecomdss.extract.http.RequestThrottle;
import vn.ecomdss.extract.http.SourceProgress;
import vn.ecomdss.extract.scrape.PageDriftLog;
import vn.ecomdss.extract.scrape.SiteReader;
import vn.ecomdss.extract.stream.TopicReader;
import vn.ecomdss.lake.DataLake;
import vn.ecomdss.lake.RawEnvelope;
import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.SourceDefinition;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;

/**
 * {@code type: extract}: reads one source's entities (a JSON API, a web site's listing pages or Kafka topics)
 * and lands each record in the lake as a raw envelope. A source left out of the run's {@code sources} parameter
 * reads nothing. Requests to one host share one throttle, so they go one at a time at the source's rate. When
 * the step completes, the highest change marker (or Kafka offsets) read becomes the source's watermark.
 */
@Component
public class ExtractStepFactory implements StepFactory {

    private static final Logger log = LoggerFactory.getLogger(ExtractStepFactory.class);

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final DataLake lake;
    private final SourceEndpoints endpoints;
    private final SourceWatermarks watermarks;
    private final PageDriftLog driftLog;
    private final KafkaEndpoint kafka;
    private final Map<String, RequestThrottle> throttles = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();
    private final JsonMapper canonical = JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

    public ExtractStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              DataLake lake, SourceEndpoints endpoints, SourceWatermarks watermarks,
                              PageDriftLog driftLog, KafkaEndpoint kafka) {
        this.watermarks = watermarks;
        this.driftLog = driftLog;
        this.kafka = kafka;
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.lake = lake;
        this.endpoints = endpoints;
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
        }
    }

    /** The innermost message: the URL and what it answered, rather than the chunk machinery's wrapper. */
    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    @Override
    public boolean continuesOnFailure(StepDefinition step, SourceCatalogue sources) {
        return sources.get(step.text("source", null)).continuesOnFailure();
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        SourceDefinition source = sources.get(step.text("source", null));
        SourceExtraction extraction = new SourceExtraction(source);
        return new StepBuilder(step.name(), jobRepository)
                .<FetchedRecord, RawEnvelope>chunk(step.integer("chunk-size", 200))
                .transactionManager(transactionManager)
                .reader(extraction)
                .processor(extraction::envelope)
                .writer(extraction)
                .listener(extraction)
                .build();
    }

    /**
     * The reader, processor and writer of one extract step. The reader is made per execution because it depends
     * on the run's parameters.
     */
    private final class SourceExtraction implements ItemStreamReader<FetchedRecord>, ItemWriter<RawEnvelope>,
            StepExecutionListener {

        private final SourceDefinition source;
        private final ExtractionStats stats = new ExtractionStats();
        private RunParameters run;
        private ItemStreamReader<FetchedRecord> reader;
        private Supplier<Map<String, String>> newWatermarks;
        private Instant started;

        SourceExtraction(SourceDefinition source) {
            this.source = source;
        }

        @Override
        public void beforeStep(StepExecution stepExecution) {
            run = RunParameters.of(stepExecution.getJobExecution().getJobParameters());
            started = Instant.now();
            stats.restore(stepExecution.getExecutionContext());
            stepExecution.getExecutionContext().putString(SourceDefinition.EXTRACTED_SOURCE_KEY, source.name());
            if (!run.includes(source.name())) {
                reader = null;
                return;
            }
            Map<String, String> marks = run.fullRefresh() ? Map.of() : watermarks.of(source.name());
            switch (source.kind()) {
                case "kafka" -> {
                    TopicReader topics = new TopicReader(source, kafkaServers(), marks, json, 500);
                    reader = topics;
                    newWatermarks = topics::newWatermarks;
                }
                case "html" -> {
                    SiteReader site = new SiteReader(source, endpoints.baseUri(source), client(), json, progress(run));
                    reader = site;
                    newWatermarks = Map::of;
                }
                default -> {
                    PagedJsonReader pages = new PagedJsonReader(source, endpoints.baseUri(source), run.logicalDate(),
                            client(), progress(run), marks);
                    reader = pages;
                    newWatermarks = pages::newWatermarks;
                }
            }
        }

        /** Counts what the source's reader reports into this step's figures; drifted pages are also recorded. */
        private SourceProgress progress(RunParameters run) {
            return new SourceProgress() {
                @Override
                public void page(long bytes) {
                    stats.pages.incrementAndGet();
                    stats.bytes.addAndGet(bytes);
                }

                @Override
                public void retry() {
                    stats.retries.incrementAndGet();
                }

                @Override
                public void unchanged() {
                    stats.unchanged.incrementAndGet();
                }

                @Override
                public void disallowed(URI url) {
                    stats.disallowed.incrementAndGet();
                }

                @Override
                public void drift(String entity, URI url, String selector) {
                    stats.drifted.incrementAndGet();
                    driftLog.record(run.runId(), source.name(), entity, url.toString(), selector);
                }
            };
        }

        private JsonHttpClient client() {
            URI base = endpoints.baseUri(source);
            RequestThrottle throttle = throttles.computeIfAbsent(base.getScheme() + "://" + base.getRawAuthority(),
                    host -> RequestThrottle.of(source.rateLimit()));
            return new JsonHttpClient(json, source.timeout(), source.maxRetries(), source.userAgent(), throttle);
        }

        /** A Kafka source's {@code base-url} is {@code kafka://host:port,...}; {@code embedded: kafka} is the platform's broker. */
        private String kafkaServers() {
            return "kafka".equals(source.embedded()) && endpoints.override(source) == null
                    ? kafka.bootstrapServers()
                    : endpoints.baseUri(source).toString().replaceFirst("^kafka://", "");
        }

        @Override
        public ExitStatus afterStep(StepExecution stepExecution) {
            if (reader == null) {
                log.info("{}: source {} not in this run's sources {}, skipped", stepExecution.getStepName(),
                        source.name(), run.sources());
                return new ExitStatus("COMPLETED", "skipped: source not in sources=" + run.sources());
            }
            String summary = stats.summary(Duration.between(started, Instant.now()));
            stats.saveTo(stepExecution.getExecutionContext(), Duration.between(started, Instant.now()));
            if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
                watermarks.save(source.name(), newWatermarks.get(), run.runId());
                log.info("{}: source {}: {}", stepExecution.getStepName(), source.name(), summary);
                return stepExecution.getExitStatus().addExitDescription(summary);
            }
            String failure = stepExecution.getFailureExceptions().stream().map(ExtractStepFactory::rootCause)
                    .findFirst().orElse(stepExecution.getStatus().name());
            log.error("{}: source {} failed ({}): {}; {}", stepExecution.getStepName(), source.name(),
                    source.continuesOnFailure() ? "the job goes on without it" : "the job fails", failure, summary);
            return stepExecution.getExitStatus().addExitDescription("source " + source.name() + " failed: " + failure
                    + "; " + summary);
        }

        @Override
        public void open(ExecutionContext context) {
            if (reader != null) {
                reader.open(context);
            }
        }

        @Override
        public void update(ExecutionContext context) {
            if (reader != null) {
                reader.update(context);
            }
            stats.saveTo(context, Duration.between(started, Instant.now()));
        }

        @Override
        public void close() {
            if (reader != null) {
                reader.close();
            }
        }

        @Override
        public FetchedRecord read() throws Exception {
            return reader == null ? null : reader.read();
        }

        RawEnvelope envelope(FetchedRecord record) {
            JsonNode id = record.item().at(record.idPointer());
            String naturalId = id.isMissingNode() || id.isNull() ? null : id.asString();
            String canonicalJson = canonical.writeValueAsString(record.item());
            return RawEnvelope.of(record.source(), record.entity(), naturalId, Document.parse(canonicalJson),
                    canonicalJson, run.runId(), Instant.now());
        }

        @Override
        public void write(Chunk<? extends RawEnvelope> chunk) {
            List<RawEnvelope> envelopes = new ArrayList<>(chunk.getItems());
            lake.store(envelopes);
            stats.records.addAndGet(envelopes.size());
        }
    }
}
