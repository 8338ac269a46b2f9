package vn.ecomdss.quality;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.Alert;
import vn.ecomdss.pipeline.AlertSink;
import vn.ecomdss.pipeline.EventPublisher;

/**
 * When a run's quality score falls under the job's minimum: publishes the failed rules to
 * {@code data_quality_alerts} (the original's topic, for consumers of the figures) and raises a data-quality alert
 * on the job's alert channels, one per job and stage within the quiet period.
 */
@Component
public class QualityAlerts {

    public static final String TOPIC = "data_quality_alerts";

    private final EventPublisher publisher;
    private final AlertSink alerts;

    public QualityAlerts(EventPublisher publisher, AlertSink alerts) {
        this.publisher = publisher;
        this.alerts = alerts;
    }

    /** Returns whether an alert was sent. */
    public boolean alertIfBelow(String runId, String job, String stage, QualityResults.Scores scores, double minimum,
                                List<CheckResult> checks) {
        double worst = Math.min(scores.stage(), scores.overall());
        if (worst >= minimum) {
            return false;
        }
        publisher.publish(TOPIC, runId, Map.of("run_id", runId, "job", job, "stage", stage,
                "score", scores.stage(), "overall_score", scores.overall(), "minimum", minimum,
                "failed_rules", checks.stream().filter(c -> !c.passed())
                        .map(c -> Map.of("rule", c.rule(), "target", c.target(), "severity", c.severity(),
                                "failed", c.failed(), "checked", c.checked(), "sample", c.sampleKeys()))
                        .toList()));
        List<String> failedRules = checks.stream().filter(c -> !c.passed()).map(CheckResult::rule).toList();
        alerts.raise(new Alert("data_quality:" + job + ":" + stage, Alert.Kind.DATA_QUALITY, Alert.Severity.WARNING,
                job, runId, String.format("%s quality of run %s is %.4f, under the minimum %.2f", stage, runId, worst,
                        minimum),
                "failing rules: " + failedRules, Map.of("score", scores.stage(), "overall_score", scores.overall(),
                        "minimum", minimum, "failed_rules", failedRules)));
        return true;
    }
}
