package vn.ecomdss.definition;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pipeline, as declared in one file of {@code job-definitions/}: its steps (a DAG through {@code depends-on}),
 * its schedule and its quality thresholds.
 */
public record JobDefinition(String file, String name, String description, Schedule schedule,
                            QualityThresholds quality, List<StepDefinition> steps) {

    /** Spring's six-field cron (a five-field Airflow cron gets a leading seconds field) in a time zone. */
    public record Schedule(String cron, ZoneId zone) {
    }

    /**
     * The original DAG's gates: the raw check fails the job above {@code rawMaxFailedRatio} failing records per
     * source and entity; the final check expects an overall score of at least {@code finalMinScore}.
     */
    public record QualityThresholds(double rawMaxFailedRatio, double finalMinScore, double minCompleteness,
                                    double maxDuplicateRatio) {
        public static QualityThresholds defaults() {
            return new QualityThresholds(0.05, 0.95, 0.95, 0.01);
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
