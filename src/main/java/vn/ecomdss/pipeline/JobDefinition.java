package vn.ecomdss.pipeline;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pipeline, as declared in one file of {@code job-definitions/}: its steps (a DAG through {@code depends-on}),
 * its schedule, its quality thresholds and where its alerts go.
 */
public record JobDefinition(String file, String name, String description, Schedule schedule,
                            QualityThresholds quality, Alerting alerts, List<StepDefinition> steps) {

    /**
     * {@code alerts:} the channels a job's alerts go to ({@code kafka}: the {@code etl_alerts} topic, {@code email}:
     * to {@code emailTo} when SMTP is configured, {@code webhook}: the operator's {@code dss.alerts.webhook.url}),
     * and how long a repeat of the same alert stays quiet.
     */
    public record Alerting(List<String> channels, List<String> emailTo, Duration quietPeriod) {
        public static final List<String> CHANNELS = List.of("kafka", "email", "webhook");

        public static Alerting defaults() {
            return new Alerting(List.of("kafka"), List.of(), Duration.ofMinutes(30));
        }
    }

    /** Spring's six-field cron (a five-field Airflow cron gets a leading seconds field) in a time zone. */
    public record Schedule(String cron, ZoneId zone) {
    }

    /**
     * The original DAG's gates, and the default thresholds of the quality rules in {@code quality/*.yml}: the raw
     * check fails the job above {@code rawMaxFailedRatio} failing records per source and entity; completeness at
     * least {@code minCompleteness}, accuracy at least {@code minAccuracy}, duplicates at most
     * {@code maxDuplicateRatio}, data at most {@code maxAge} old; an alert below {@code finalMinScore}.
     */
    public record QualityThresholds(double rawMaxFailedRatio, double finalMinScore, double minCompleteness,
                                    double maxDuplicateRatio, double minAccuracy, Duration maxAge) {
        public static QualityThresholds defaults() {
            return new QualityThresholds(0.05, 0.95, 0.95, 0.01, 0.99, Duration.ofHours(2));
        }
    }

    public Optional<StepDefinition> step(String stepName) {
        return steps.stream().filter(s -> s.name().equals(stepName)).findFirst();
    }

    public Map<String, StepDefinition> stepsByName() {
        return steps.stream().collect(java.util.stream.Collectors.toMap(StepDefinition::name, s -> s,
                (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
