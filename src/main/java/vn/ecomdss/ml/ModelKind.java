package vn.ecomdss.ml;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of model behind the {@code ml-train} and {@code ml-score} steps (demand forecast, price, value, ...): how a
 * candidate is trained through a cutoff and judged against its baselines, and how the champion scores. A new model
 * is a file in {@code job-definitions/models/} naming its kind, and one implementation of this.
 */
public interface ModelKind {

    String kind();

    /** The warehouse tables training reads and the table scoring writes, for the steps' lineage. */
    List<String> reads();

    String scores();

    /** The held-out figure candidates are judged by (the {@link Trained#metric()} of every training). */
    Metric metric();

    /**
     * The kind's own settings under {@code options:} in a model file, with their defaults (e.g. {@code factors: 32}).
     * A key not declared here refuses the start.
     */
    default Map<String, Double> options() {
        return Map.of();
    }

    /**
     * Trains a candidate on facts up to {@code cutoff}, with rolling-origin cross-validation; measures it, its
     * baselines and, when there is one, the champion's recipe trained on the same data, on the held-out window.
     */
    Trained train(ModelDefinition model, ModelDefinition.Training training, LocalDate cutoff, String runId,
                  Optional<RegisteredModel> champion);

    /** Scores every entity with the champion as of the end of {@code origin}, into the kind's table; the rows. */
    long score(ModelDefinition model, RegisteredModel champion, LocalDate origin, String runId);

    /**
     * Thrown by {@link #train} when the warehouse holds too little for this model yet (a source without the fields
     * it learns from, a history still too short): the training step says why and completes, so the other models of
     * the retrain go on; nothing is registered.
     */
    final class TooLittleData extends RuntimeException {

        public TooLittleData(String message) {
            super(message);
        }
    }

    /** The figure a kind is judged by, and which way is better. */
    record Metric(String name, boolean higherIsBetter) {

        public static Metric error(String name) {
            return new Metric(name, false);
        }

        public static Metric score(String name) {
            return new Metric(name, true);
        }
    }

    /**
     * A trained candidate and how it compares: {@code metric} on the held-out window for the candidate, each baseline
     * and the champion's recipe (null without a champion); {@code figures} are the candidate's other held-out figures
     * that a definition's {@code require-at-least} can name (e.g. {@code r2}).
     */
    record Trained(ModelRegistry.Candidate candidate, Metric metric, double heldOut, Map<String, Double> baselines,
                   Double champion, Map<String, Double> figures, String summary) {

        public Trained(ModelRegistry.Candidate candidate, Metric metric, double heldOut, Map<String, Double> baselines,
                       Double champion, String summary) {
            this(candidate, metric, heldOut, baselines, champion, Map.of(), summary);
        }

        /** Whether {@link PromotionRule} lets this candidate replace the champion under {@code model}'s promotion. */
        public PromotionRule.Decision decide(ModelDefinition model) {
            return PromotionRule.decide(metric, heldOut, baselines, model.promotion(), champion, figures);
        }
    }
}
