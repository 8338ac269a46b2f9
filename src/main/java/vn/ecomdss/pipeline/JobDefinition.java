package vn.ecomdss.pipeline;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pipeline, as declared in one file of {@code job-definitions/}: its steps (a DAG through {@code depends-on}),
 * its schedule, its quality thresholds and where its alerts go. {@code datePartitioned} says that runs for
 * different logical dates touch disjoint data (each writes and reads only its own date), so they may run side by
 * side, as a backfill with {@code concurrency} above 1 does.
 */
public record JobDefinition(String file, String name, String description, Schedule schedule,
                            QualityThresholds quality, Alerting alerts, boolean datePartitioned,
                            List<StepDefinition> steps) {

    /**
     * {@code alerts:} the channels a job's alerts go to ({@code kafka}: the {@code etl_alerts} topic, {@code email}:
     * to {@code emailTo} when SMTP is configured, {@code webhook}: the operator's {@code dss.alerts.webhook.url}),
     * and how long a repeat of the same alert stays quiet. {@code emailOnFailure} is the original DAG's
     * {@code email_on_failure}: whether a failed run is e-mailed, whatever {@code channels} says of e-mail for the
     * other alerts (it defaults to whether {@code channels} lists {@code email}).
     */
    public record Alerting(List<String> channels, List<String> emailTo, Duration quietPeriod,
                           boolean emailOnFailure) {
        public static final List<String> CHANNELS = List.of("kafka", "email", "webhook");
        public static final String EMAIL = "email";

        public static Alerting defaults() {
            return new Alerting(List.of("kafka"), List.of(), Duration.ofMinutes(30), false);
        }

        /** The channels an alert of this kind goes to: a job failure goes to e-mail exactly when emailOnFailure. */
        public List<String> channelsFor(Alert.Kind kind) {
            if (kind != Alert.Kind.JOB_FAILURE) {
                return channels;
            }
            List<String> failureChannels = new ArrayList<>(channels);
            if (!emailOnFailure) {
                failureChannels.remove(EMAIL);
            } else if (!failureChannels.contains(EMAIL)) {
                failureChannels.add(EMAIL);
            }
            return List.copyOf(failureChannels);
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
