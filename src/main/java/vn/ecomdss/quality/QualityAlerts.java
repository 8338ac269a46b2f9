package vn.ecomdss.quality;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.EventPublisher;

/** Publishes a run's quality to {@code data_quality_alerts} when its score falls under the job's minimum. */
@Component
public class QualityAlerts {

    public static final String TOPIC = "data_quality_alerts";

    private final EventPublisher publisher;

    public QualityAlerts(EventPublisher publisher) {
        this.publisher = publisher;
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
        return true;
    }
}
