package vn.ecomdss.stream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

import vn.ecomdss.embedded.KafkaEndpoint;
import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.Lineage;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;
import vn.ecomdss.pipeline.StreamTopics;

/**
 * {@code type: streaming}: consumes Kafka topics in micro-batches into the real-time facts and the 5-minute sales
 * windows. Each micro-batch is one iteration of the step, in one transaction: it polls for up to
 * {@code commit-interval} or {@code max-batch} messages, applies the Vietnamese rules, upserts the rows, recomputes
 * the windows it touched, quarantines what it cannot take, and saves the consumer's positions; so a killed run
 * restarts at the last committed micro-batch, and a replayed one changes nothing. With {@code follow} (the step's
 * setting, or the run's {@code follow=true|false}) the step goes on until the run is stopped; without, it ends at
 * the end offsets it found when it started.
 */
@Component
public class StreamingStepFactory implements StepFactory {

    private static final Duration SHUTDOWN_PATIENCE = Duration.ofSeconds(30);
    private static final List<String> KEYS = List.of("consumer", "topics", "commit-interval", "max-batch",
            "allowed-lateness", "output-topic", "follow");

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final RealtimeWriter writer;
    private final StreamTopics topics;
    private final KafkaEndpoint kafka;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean shuttingDown;

    public StreamingStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                JdbcTemplate jdbc, StreamTopics topics, KafkaEndpoint kafka) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.writer = new RealtimeWriter(jdbc);
        this.topics = topics;
        this.kafka = kafka;
    }

    @Override
    public String type() {
        return "streaming";
    }

    /**
     * On shutdown (SIGTERM, a pod stopping) the running streaming steps stop after their current micro-batch, while
     * the warehouse and the broker are still there: their executions end STOPPED, to be restarted where they were.
     */
    @PreDestroy
    void stopRunningSteps() throws InterruptedException {
        shuttingDown = true;
        long deadline = System.nanoTime() + SHUTDOWN_PATIENCE.toNanos();
        while (running.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** A step's settings, as its definition gives them. */
    record Settings(String consumer, Map<String, String> topicKinds, Duration commitInterval, int maxBatch,
                    Duration allowedLateness, String outputTopic, boolean follow) {
    }

    @Override
    public void validate(StepDefinition step, SourceCatalogue sources, DefinitionProblems problems) {
        String where = step.field();
        step.params().keySet().stream().filter(k -> !KEYS.contains(k)).sorted().forEach(k ->
                problems.add(step.file(), where + "." + k, "unknown key for a streaming step (known: " + KEYS + ")"));
        JsonNode kinds = step.params().get("topics");
        if (kinds == null || !kinds.isObject() || kinds.isEmpty()) {
            problems.add(step.file(), where + ".topics", "a mapping of each topic to its kind " + EventMappers.kinds());
        } else {
            kinds.properties().forEach(e -> {
                if (!EventMappers.kinds().contains(e.getValue().asString())) {
                    problems.add(step.file(), where + ".topics." + e.getKey(), "unknown kind '"
                            + e.getValue().asString() + "' (known: " + EventMappers.kinds() + ")");
                }
            });
        }
        for (String key : List.of("commit-interval", "allowed-lateness")) {
            String text = step.text(key, null);
            if (text != null) {
                try {
                    Duration.parse(text);
                } catch (RuntimeException e) {
                    problems.add(step.file(), where + "." + key, "expected an ISO-8601 duration such as PT5S, got '"
                            + text + "'");
                }
            }
        }
        int maxBatch = step.integer("max-batch", 5_000);
        if (maxBatch < 1 || maxBatch > 1_000_000) {
            problems.add(step.file(), where + ".max-batch", "from 1 to 1000000, got " + maxBatch);
        }
        String follow = step.text("follow", "false");
        if (!follow.equals("true") && !follow.equals("false")) {
            problems.add(step.file(), where + ".follow", "true or false, got '" + follow + "'");
        }
    }

    @Override
    public Lineage lineage(StepDefinition step, SourceCatalogue sources) {
        Settings settings = settings(step, "");
        return new Lineage(settings.topicKinds().keySet().stream().map(t -> Lineage.table("kafka." + t)).toList(),
                List.of(Lineage.table("dw.fact_sales_realtime"), Lineage.table("dw.sales_window_5m"),
                        Lineage.table("dw.fact_price_realtime"), Lineage.table("dw.fact_inventory_realtime"),
                        Lineage.table("dw.fact_order_event_realtime"), Lineage.table("rt.quarantine")));
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        Settings defaults = settings(step, job.name());
        MicroBatches batches = new MicroBatches(defaults);
        return new StepBuilder(step.name(), jobRepository)
                .tasklet(batches, transactionManager)
                .listener(batches)
                .build();
    }

    private static Settings settings(StepDefinition step, String jobName) {
        Map<String, String> kinds = new LinkedHashMap<>();
        JsonNode node = step.params().get("topics");
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> kinds.put(e.getKey(), e.getValue().asString()));
        }
        return new Settings(step.text("consumer", jobName), kinds,
                Duration.parse(step.text("commit-interval", "PT2S")), step.integer("max-batch", 5_000),
                Duration.parse(step.text("allowed-lateness", "PT10M")), step.text("output-topic", null),
                Boolean.parseBoolean(step.text("follow", "false")));
    }

    /** The step's tasklet: one {@link StreamSession} per step execution, one micro-batch per iteration. */
    private final class MicroBatches implements Tasklet, StepExecutionListener {

        private final Settings defaults;
        private final Map<Long, StreamSession> sessions = new ConcurrentHashMap<>();

        MicroBatches(Settings defaults) {
            this.defaults = defaults;
        }

        @Override
        public void beforeStep(StepExecution execution) {
            String follow = execution.getJobParameters().getString(RunParameters.FOLLOW);
            Settings settings = follow == null ? defaults : new Settings(defaults.consumer(), defaults.topicKinds(),
                    defaults.commitInterval(), defaults.maxBatch(), defaults.allowedLateness(), defaults.outputTopic(),
                    Boolean.parseBoolean(follow));
            topics.ensureCreated(kafka.bootstrapServers());
            running.incrementAndGet();
            sessions.put(execution.getId(), new StreamSession(settings, kafka.bootstrapServers(), topics, writer));
        }

        @Override
        public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
            StepExecution execution = context.getStepContext().getStepExecution();
            if (shuttingDown || writer.stopRequested(execution.getJobExecutionId())) {
                // Spring Batch 6 marks a stopped execution STOPPED but lets its running step go on: the step
                // stops itself between micro-batches (the next iteration is interrupted: the step is STOPPED).
                execution.setTerminateOnly();
                return RepeatStatus.CONTINUABLE;
            }
            StreamSession.Batch batch = sessions.get(execution.getId()).next();
            for (int i = 0; i < batch.messages(); i++) {
                contribution.incrementReadCount();
            }
            contribution.incrementWriteCount(batch.written());
            contribution.incrementFilterCount(batch.quarantined());
            return batch.finished() ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
        }

        @Override
        public ExitStatus afterStep(StepExecution execution) {
            StreamSession session = sessions.remove(execution.getId());
            if (session == null) {
                return execution.getExitStatus();
            }
            running.decrementAndGet();
            session.close();
            return execution.getExitStatus().addExitDescription(session.summary());
        }
    }
}
