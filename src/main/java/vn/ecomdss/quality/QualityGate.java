package vn.ecomdss.quality;

import java.util.List;
import java.util.function.Function;

import org.springframework.batch.core.step.StepExecution;

import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.RunParameters;

/**
 * How a quality stage ends, the same for the raw and the final checks: stores the stage's results and scores, keeps
 * the stage's score in the step's context, alerts when the run's score falls under the job's minimum, and fails the
 * step when an error rule breached its threshold. The results are stored before the gate decides, so a failed step
 * keeps the figures that failed it.
 */
public final class QualityGate {

    private final String stage;
    private final String whereToLook;
    private final QualityResults results;
    private final QualityAlerts alerts;

    /** {@code whereToLook} tells the reader of a failed gate where the failing records are, e.g. {@code dq.failed_record}. */
    public QualityGate(String stage, String whereToLook, QualityResults results, QualityAlerts alerts) {
        this.stage = stage;
        this.whereToLook = whereToLook;
        this.results = results;
        this.alerts = alerts;
    }

    /**
     * Returns the stage's one-line summary, made from its scores; throws {@link QualityGateException} naming every
     * breached rule, with the summary, when the gate fails.
     */
    public String close(RunParameters run, JobDefinition job, List<CheckResult> checks, StepExecution execution,
                        Function<QualityResults.Scores, String> summarise) {
        QualityResults.Scores scores = results.store(run.runId(), stage, checks);
        execution.getExecutionContext().putDouble("quality.score", scores.stage());
        String summary = summarise.apply(scores);
        alerts.alertIfBelow(run.runId(), job.name(), stage, scores, job.quality().finalMinScore(), checks);
        List<CheckResult> breaches = checks.stream().filter(CheckResult::blocking).toList();
        if (!breaches.isEmpty()) {
            throw new QualityGateException(stage + " quality gate: " + breaches.stream().map(QualityGate::breach).toList()
                    + "; see " + whereToLook + "; " + summary);
        }
        return summary;
    }

    private static String breach(CheckResult b) {
        return String.format("%s on %s failed %d of %d (%.2f%% > %.2f%%), e.g. %s", b.rule(), b.target(), b.failed(),
                b.checked(), 100 * b.ratio(), 100 * b.threshold(), b.sampleKeys());
    }
}
