package vn.ecomdss.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.embedded.KafkaEndpoint;
import vn.ecomdss.pipeline.Alert;
import vn.ecomdss.pipeline.ConsumerPositions;
import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;
import vn.ecomdss.pipeline.SummarisedSteps;

/**
 * {@code type: consumer-lag}: for every platform consumer (each {@link ConsumerPositions} bean: the kafka sources'
 * watermarks, the streaming pipeline's offsets) and every partition of every topic it reads, the end offset minus
 * the consumer's next offset (a partition it never read counts from the partition's first offset), against
 * {@code max-lag} or the topic's entry in {@code topics:}.
 */
@Component
class ConsumerLagStepFactory implements StepFactory {

    static final long MAX_LAG = 10_000;
    private static final Set<String> KEYS = Set.of("max-lag", "topics");

    private final SummarisedSteps steps;
    private final MonitoredTopics topics;
    private final KafkaEndpoint kafka;
    private final MonitoringResults results;

    ConsumerLagStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                           MonitoredTopics topics, KafkaEndpoint kafka, MonitoringResults results) {
        this.steps = new SummarisedSteps(jobRepository, transactionManager);
        this.topics = topics;
        this.kafka = kafka;
        this.results = results;
    }

    @Override
    public String type() {
        return "consumer-lag";
    }

    @Override
    public void validate(StepDefinition step, SourceCatalogue sources, DefinitionProblems problems) {
        MonitorSettings settings = MonitorSettings.checked(step, problems, KEYS);
        settings.count("max-lag", MAX_LAG);
        settings.counts("topics");
        settings.keep();
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        MonitorSettings settings = MonitorSettings.validated(step);
        long maxLag = settings.count("max-lag", MAX_LAG);
        Map<String, Long> byTopic = settings.counts("topics");
        Duration keep = settings.keep();
        return steps.step(step.name(), (run, contribution, execution) -> {
            Instant at = MonitorSettings.measuredAt(execution);
            List<Measurement> figures = new ArrayList<>();
            Map<String, TopicProbe.Partitions> offsets = new HashMap<>();
            try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers())) {
                for (ConsumerPositions.Position position : topics.positions()) {
                    TopicProbe.Partitions partitions = offsets.computeIfAbsent(position.topic(), probe::partitions);
                    figures.addAll(lags(position, partitions, byTopic.getOrDefault(position.topic(), maxLag)));
                }
            }
            return results.record(Measurement.CONSUMER_LAG, figures, at, job.name(), run.runId(), Alert.Kind.HEALTH,
                    keep);
        });
    }

    static List<Measurement> lags(ConsumerPositions.Position position, TopicProbe.Partitions partitions, long maxLag) {
        if (!partitions.exists()) {
            return List.of(new Measurement(Measurement.CONSUMER_LAG, "consumer", position.consumer(), position.topic(),
                    null, null, maxLag, false, "topic " + position.topic() + " does not exist yet"));
        }
        List<Measurement> figures = new ArrayList<>();
        partitions.end().forEach((partition, end) -> {
            Long stored = position.nextOffsets().get(partition);
            long next = stored == null ? partitions.begin().get(partition) : stored;
            long lag = Math.max(0, end - next);
            boolean alert = lag > maxLag;
            figures.add(new Measurement(Measurement.CONSUMER_LAG, "consumer", position.consumer(), position.topic(),
                    partition, (double) lag, maxLag, alert, String.format(
                    "%d messages behind (end offset %d, next offset %d%s), %s the maximum lag of %d", lag, end, next,
                    stored == null ? ": never read, counted from the first offset" : "",
                    alert ? "above" : "within", maxLag)));
        });
        return figures;
    }
}
