package vn.ecomdss.monitor;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.batch.core.step.StepExecution;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import vn.ecomdss.pipeline.DefinitionNode;
import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.StepDefinition;

/**
 * Reads a monitoring step's parameters, reporting what is wrong at the step's file and field (start-up refuses the
 * definition), and the moment a run measures at: its {@code as_of} parameter, or now.
 */
final class MonitorSettings {

    /** How long {@code ops.monitoring_result} keeps a check's rows unless the step says {@code keep:}. */
    static final Duration KEEP = Duration.ofDays(14);

    private final StepDefinition step;
    private final DefinitionProblems problems;

    private MonitorSettings(StepDefinition step, DefinitionProblems problems) {
        this.step = step;
        this.problems = problems;
    }

    /** Settings whose problems go to start-up's list; unknown keys are reported at once. */
    static MonitorSettings checked(StepDefinition step, DefinitionProblems problems, Set<String> keys) {
        Set<String> known = new TreeSet<>(keys);
        known.add("keep");
        for (String key : step.params().keySet()) {
            if (!known.contains(key)) {
                problems.add(step.file(), step.field() + "." + key, "unknown key of a " + step.type()
                        + " step (known: " + known + ")");
            }
        }
        return new MonitorSettings(step, problems);
    }

    /** Settings of a definition start-up has validated. */
    static MonitorSettings validated(StepDefinition step) {
        return new MonitorSettings(step, new DefinitionProblems());
    }

    DefinitionNode node(String key) {
        JsonNode json = step.params().get(key);
        return new DefinitionNode(json == null ? MissingNode.getInstance() : json, step.file(),
                step.field() + "." + key, problems);
    }

    Duration duration(String key, Duration fallback) {
        Duration value = node(key).duration(fallback);
        if (value != null && (value.isNegative() || value.isZero())) {
            node(key).problem("expected a positive duration, got " + value);
            return fallback;
        }
        return value;
    }

    /** A mapping of names to ISO durations ({@code topics: {user_events: PT10M}}); empty when absent. */
    Map<String, Duration> durations(String key) {
        DefinitionNode node = node(key);
        Map<String, Duration> durations = new LinkedHashMap<>();
        if (node.isAbsent()) {
            return durations;
        }
        if (!node.isMapping()) {
            node.problem("expected a mapping of names to ISO-8601 durations such as PT10M");
            return durations;
        }
        node.entries().forEach((name, value) -> {
            Duration duration = value.duration(null);
            if (duration != null && (duration.isNegative() || duration.isZero())) {
                value.problem("expected a positive duration, got " + duration);
            } else if (duration != null) {
                durations.put(name, duration);
            }
        });
        return durations;
    }

    /** A mapping of names to whole numbers of at least zero ({@code topics: {user_events: 5000}}). */
    Map<String, Long> counts(String key) {
        DefinitionNode node = node(key);
        Map<String, Long> counts = new LinkedHashMap<>();
        if (node.isAbsent()) {
            return counts;
        }
        if (!node.isMapping()) {
            node.problem("expected a mapping of names to whole numbers");
            return counts;
        }
        node.entries().forEach((name, value) -> counts.put(name, (long) value.integer(0, 0, Integer.MAX_VALUE)));
        return counts;
    }

    long count(String key, long fallback) {
        return node(key).integer((int) fallback, 0, Integer.MAX_VALUE);
    }

    double ratio(String key, double fallback) {
        return node(key).ratio(fallback);
    }

    Duration keep() {
        return duration("keep", KEEP);
    }

    /** The run's {@code as_of}, or now. */
    static Instant measuredAt(StepExecution execution) {
        String asOf = execution.getJobParameters().getString(RunParameters.AS_OF);
        return asOf == null || asOf.isBlank() ? Instant.now() : OffsetDateTime.parse(asOf).toInstant();
    }

    /** Seconds, as the figures are recorded. */
    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
