package vn.ecomdss.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.embedded.KafkaEndpoint;
import vn.ecomdss.pipeline.Alert;
import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;
import vn.ecomdss.pipeline.SummarisedSteps;

/**
 * {@code type: freshness}: the age of the newest record landed in the lake per source and entity (its envelopes'
 * {@code last_fetched_at}), against {@code source-max-age} or the source's (or {@code source/entity}'s) entry in
 * {@code sources:}; and the age of the newest message per Kafka topic (every topic a platform consumer reads, and
 * those of {@code topics:}), against {@code topic-max-age} or the topic's entry in {@code topics:}. A subject with
 * nothing landed yet is recorded without a value and does not alert.
 */
@Component
class FreshnessStepFactory implements StepFactory {

    static final Duration SOURCE_MAX_AGE = Duration.ofHours(26);
    static final Duration TOPIC_MAX_AGE = Duration.ofMinutes(10);
    private static final Set<String> KEYS = Set.of("source-max-age", "sources", "topic-max-age", "topics");

    private final SummarisedSteps steps;
    private final LakeLandings lake;
    private final MonitoredTopics topics;
    private final KafkaEndpoint kafka;
    private final MonitoringResults results;

    FreshnessStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                         LakeLandings lake, MonitoredTopics topics, KafkaEndpoint kafka, MonitoringResults results) {
        this.steps = new SummarisedSteps(jobRepository, transactionManager);
        this.lake = lake;
        this.topics = topics;
        this.kafka = kafka;
        this.results = results;
    }

    @Override
    public String type() {
        return "freshness";
    }

    @Override
    public void validate(StepDefinition step, SourceCatalogue sources, DefinitionProblems problems) {
        MonitorSettings settings = MonitorSettings.checked(step, problems, KEYS);
        settings.duration("source-max-age", SOURCE_MAX_AGE);
        settings.duration("topic-max-age", TOPIC_MAX_AGE);
        settings.durations("topics");
        settings.keep();
        for (String subject : settings.durations("sources").keySet()) {
            checkSource(step, sources, problems, "sources", subject);
        }
    }

    /** {@code source} or {@code source/entity} of the catalogue, or a problem at the key naming what is known. */
    static void checkSource(StepDefinition step, SourceCatalogue sources, DefinitionProblems problems, String key,
                            String subject) {
        String source = subject.contains("/") ? subject.substring(0, subject.indexOf('/')) : subject;
        String field = step.field() + "." + key + "." + subject;
        if (!sources.contains(source)) {
            problems.add(step.file(), field, "unknown source '" + source + "' (known: " + sources.names() + ")");
        } else if (subject.contains("/")) {
            String entity = subject.substring(subject.indexOf('/') + 1);
            if (!sources.get(source).entities().containsKey(entity)) {
                problems.add(step.file(), field, "source " + source + " has no entity '" + entity + "' (known: "
                        + sources.get(source).entities().keySet() + ")");
            }
        }
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        MonitorSettings settings = MonitorSettings.validated(step);
        Duration sourceMaxAge = settings.duration("source-max-age", SOURCE_MAX_AGE);
        Map<String, Duration> bySource = settings.durations("sources");
        Duration topicMaxAge = settings.duration("topic-max-age", TOPIC_MAX_AGE);
        Map<String, Duration> byTopic = settings.durations("topics");
        Duration keep = settings.keep();
        return steps.step(step.name(), (run, contribution, execution) -> {
            Instant at = MonitorSettings.measuredAt(execution);
            List<Measurement> figures = new ArrayList<>();
            Map<String, Instant> newest = lake.newest();
            for (String subject : sourceSubjects(sources, newest.keySet())) {
                String source = subject.substring(0, subject.indexOf('/'));
                Duration maxAge = bySource.getOrDefault(subject, bySource.getOrDefault(source, sourceMaxAge));
                figures.add(age("source", subject, newest.get(subject), maxAge, at, "record landed"));
            }
            try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers())) {
                for (String topic : topics.named(byTopic.keySet())) {
                    Duration maxAge = byTopic.getOrDefault(topic, topicMaxAge);
                    figures.add(age("topic", topic, probe.newest(topic, probe.partitions(topic)).orElse(null),
                            maxAge, at, "message"));
                }
            }
            return results.record(Measurement.FRESHNESS, figures, at, job.name(), run.runId(), Alert.Kind.HEALTH, keep);
        });
    }

    /** Every entity of the catalogue's sources and whatever else the lake holds, as {@code source/entity}. */
    private static Set<String> sourceSubjects(SourceCatalogue sources, Set<String> landed) {
        Set<String> subjects = new TreeSet<>(landed);
        for (String source : sources.names()) {
            sources.get(source).entities().keySet().forEach(entity -> subjects.add(source + "/" + entity));
        }
        return subjects;
    }

    private static Measurement age(String kind, String subject, Instant newest, Duration maxAge, Instant at,
                                   String what) {
        double threshold = MonitorSettings.seconds(maxAge);
        if (newest == null) {
            return new Measurement(Measurement.FRESHNESS, kind, subject, null, null, null, threshold, false,
                    "no " + what + " yet");
        }
        double age = Math.max(0, MonitorSettings.seconds(Duration.between(newest, at)));
        boolean alert = age > threshold;
        return new Measurement(Measurement.FRESHNESS, kind, subject, null, null, age, threshold, alert,
                String.format("newest %s %.0f s old (at %s), %s the maximum age of %.0f s (%s)", what, age, newest,
                        alert ? "above" : "within", threshold, maxAge));
    }
}
