package vn.ecomdss.ml;

import java.util.Map;

/**
 * When a candidate becomes champion: its error on the held-out window is at most {@code 1 - margin} times every
 * baseline's, and below the current champion's on the same window (the champion's recipe trained on the same data).
 * Otherwise it stays a candidate, and the reason names the comparison it lost.
 */
public final class PromotionRule {

    /** Whether to promote, and why, in a sentence an operator reads in the registry. */
    public record Decision(boolean promote, String reason) {
    }

    private PromotionRule() {
    }

    /** Lower is better for {@code metric}; {@code champion} is null when the model has none yet. */
    public static Decision decide(String metric, double candidate, Map<String, Double> baselines, double margin,
                                  Double champion) {
        if (!Double.isFinite(candidate)) {
            return new Decision(false, metric + " is not a number: the held-out window has nothing sold");
        }
        for (Map.Entry<String, Double> baseline : baselines.entrySet()) {
            double bar = baseline.getValue() * (1 - margin);
            if (!(candidate <= bar)) {
                return new Decision(false, String.format("%s %.4f is not at most %.4f, %.0f%% below baseline %s (%.4f)",
                        metric, candidate, bar, margin * 100, baseline.getKey(), baseline.getValue()));
            }
        }
        if (champion != null && !(candidate < champion)) {
            return new Decision(false, String.format("%s %.4f does not beat the champion's %.4f on the same window",
                    metric, candidate, champion));
        }
        return new Decision(true, String.format("%s %.4f beats every baseline by at least %.0f%%%s", metric, candidate,
                margin * 100, champion == null ? " (no champion yet)"
                        : String.format(" and the champion's %.4f", champion)));
    }
}
