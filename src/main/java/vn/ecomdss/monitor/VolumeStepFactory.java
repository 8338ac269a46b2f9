package vn.ecomdss.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * {@code type: volume}: records first landed in the lake per source and entity, and messages produced per topic
 * (by their timestamps), in the hour before the run against the same hour a week earlier. The threshold is
 * {@code min-ratio} (or the subject's entry in {@code sources:} / {@code topics:}) times the week-earlier count; a
 * subject with nothing that hour a week earlier has no baseline and does not alert.
 */
@Component
class VolumeStepFactory implements StepFactory {

    static final double MIN_RATIO = 0.5;
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Set<String> KEYS = Set.of("min-ratio", "sources", "topics");

    private final SummarisedSteps steps;
    private final LakeLandings lake;
    private final MonitoredTopics topics;
    private final KafkaEndpoint kafka;
    private final MonitoringResults results;

    VolumeStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager, LakeLandings lake,
                      MonitoredTopics topics, KafkaEndpoint kafka, MonitoringResults results) {
        this.steps = new SummarisedSteps(jobRepository, transactionManager);
        this.lake = lake;
        this.topics = topics;
        this.kafka = kafka;
        this.results = results;
    }

    @Override
    public String type() {
        return "volume";
    }

    @Override
    public void validate(StepDefinition step, SourceCatalogue sources, DefinitionProblems problems) {
        MonitorSettings settings = MonitorSettings.checked(step, problems, KEYS);
        settings.ratio("min-ratio", MIN_RATIO);
        ratios(settings, "topics");
        for (String subject : ratios(settings, "sources").keySet()) {
            FreshnessStepFactory.checkSource(step, sources, problems, "sources", subject);
        }
        settings.keep();
    }

    private static Map<String, Double> ratios(MonitorSettings settings, String key) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        if (settings.node(key).isAbsent()) {
            return ratios;
        }
        if (!settings.node(key).isMapping()) {
            settings.node(key).problem("expected a mapping of names to ratios between 0 and 1");
            return ratios;
        }
        settings.node(key).entries().forEach((name, value) -> ratios.put(name, value.ratio(MIN_RATIO)));
        return ratios;
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        MonitorSettings settings = MonitorSettings.validated(step);
        double minRatio = settings.ratio("min-ratio", MIN_RATIO);
        Map<String, Double> bySource = ratios(settings, "sources");
        Map<String, Double> byTopic = ratios(settings, "topics");
        Duration keep = settings.keep();
        return steps.step(step.name(), (run, contribution, execution) -> {
            Instant at = MonitorSettings.measuredAt(execution);
            Instant from = at.minus(WINDOW);
            List<Measurement> figures = new ArrayList<>();
            Map<String, Long> current = lake.landed(from, at);
            Map<String, Long> baseline = lake.landed(from.minus(WEEK), at.minus(WEEK));
            Set<String> subjects = new TreeSet<>(current.keySet());
            subjects.addAll(baseline.keySet());
            for (String subject : subjects) {
                String source = subject.substring(0, subject.indexOf('/'));
                double ratio = bySource.getOrDefault(subject, bySource.getOrDefault(source, minRatio));
                figures.add(volume("source", subject, current.getOrDefault(subject, 0L),
                        baseline.getOrDefault(subject, 0L), ratio, "records landed"));
            }
            try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers())) {
                for (String topic : topics.named(byTopic.keySet())) {
                    TopicProbe.Partitions partitions = probe.partitions(topic);
                    long now = partitions.exists() ? probe.produced(topic, partitions, from, at) : 0;
                    long before = partitions.exists() ? probe.produced(topic, partitions, from.minus(WEEK), at.minus(WEEK)) : 0;
                    figures.add(volume("topic", topic, now, before, byTopic.getOrDefault(topic, minRatio),
                            "messages produced"));
                }
            }
            return results.record(Measurement.VOLUME, figures, at, job.name(), run.runId(), Alert.Kind.HEALTH, keep);
        });
    }

    static Measurement volume(String kind, String subject, long current, long baseline, double minRatio,
                              String what) {
        double threshold = Math.ceil(minRatio * baseline);
        if (baseline == 0) {
            return new Measurement(Measurement.VOLUME, kind, subject, null, null, (double) current, 0, false,
                    String.format("%d %s in the last hour, none in the same hour a week earlier: no baseline",
                            current, what));
        }
        boolean alert = current < threshold;
        return new Measurement(Measurement.VOLUME, kind, subject, null, null, (double) current, threshold, alert,
                String.format("%d %s in the last hour against %d in the same hour a week earlier (ratio %.2f), %s "
                                + "the minimum of %.0f (%.2f of it)", current, what, baseline, (double) current / baseline,
                        alert ? "below" : "at or above", threshold, minRatio));
    }
}
