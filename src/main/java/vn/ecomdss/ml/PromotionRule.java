package vn.ecomdss.ml;

import java.util.Map;

/**
 * When a candidate becomes champion: on the held-out window it beats every baseline by the definition's margin, meets
 * every {@code require-at-least} floor, and beats the current champion on the same window (the champion's recipe
 * trained on the same data). Otherwise it stays a candidate, and the reason names the comparison it lost.
 */
public final class PromotionRule {

    /** Whether to promote, and why, in a sentence an operator reads in the registry. */
    public record Decision(boolean promote, String reason) {
    }

    private PromotionRule() {
    }

    /** {@code champion} is null when the model has none yet; {@code figures} hold the candidate's other figures. */
    public static Decision decide(ModelKind.Metric metric, double candidate, Map<String, Double> baselines,
                                  ModelDefinition.Promotion promotion, Double champion, Map<String, Double> figures) {
        String name = metric.name();
        if (!Double.isFinite(candidate)) {
            return new Decision(false, name + " is not a number: the held-out window has nothing to judge by");
        }
        for (String named : promotion.beatBaseline().keySet()) {
            if (!baselines.containsKey(named)) {
                return new Decision(false, "promotion.beat-baseline names '" + named + "', which this kind does not "
                        + "measure (measured: " + baselines.keySet() + ")");
            }
        }
        for (Map.Entry<String, Double> baseline : baselines.entrySet()) {
            double bar = bar(metric, baseline.getKey(), baseline.getValue(), promotion);
            boolean beats = metric.higherIsBetter() ? candidate >= bar : candidate <= bar;
            if (!beats) {
                return new Decision(false, String.format("%s %.4f is not %s %.4f, the bar set by baseline %s (%.4f)",
                        name, candidate, metric.higherIsBetter() ? "at least" : "at most", bar, baseline.getKey(),
                        baseline.getValue()));
            }
        }
        for (Map.Entry<String, Double> floor : promotion.requireAtLeast().entrySet()) {
            Double figure = floor.getKey().equals(name) ? Double.valueOf(candidate) : figures.get(floor.getKey());
            if (figure == null || !(figure >= floor.getValue())) {
                return new Decision(false, String.format("%s %s is not at least the required %.4f", floor.getKey(),
                        figure == null ? "was not measured" : String.format("%.4f", figure), floor.getValue()));
            }
        }
        if (champion != null && !(metric.higherIsBetter() ? candidate > champion : candidate < champion)) {
            return new Decision(false, String.format("%s %.4f does not beat the champion's %.4f on the same window",
                    name, candidate, champion));
        }
        return new Decision(true, String.format("%s %.4f beats every baseline by the required margin%s", name, candidate,
                champion == null ? " (no champion yet)" : String.format(" and the champion's %.4f", champion)));
    }

    /** What the candidate must reach against one baseline's figure. */
    private static double bar(ModelKind.Metric metric, String name, double baseline,
                              ModelDefinition.Promotion promotion) {
        double relative = promotion.marginOver(name);
        double points = promotion.beatBaselinesByPoints();
        return metric.higherIsBetter() ? baseline * (1 + relative) + points : baseline * (1 - relative) - points;
    }
}
