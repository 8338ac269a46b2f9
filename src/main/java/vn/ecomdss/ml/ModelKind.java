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

    /**
     * Trains a candidate on facts up to {@code cutoff}, with rolling-origin cross-validation; measures it, its
     * baselines and, when there is one, the champion's recipe trained on the same data, on the held-out window.
     */
    Trained train(ModelDefinition model, ModelDefinition.Training training, LocalDate cutoff, String runId,
                  Optional<RegisteredModel> champion);

    /** Scores every entity with the champion as of the end of {@code origin}, into the kind's table; the rows. */
    long score(ModelDefinition model, RegisteredModel champion, LocalDate origin, String runId);

    /**
     * A trained candidate and how it compares: the error {@code metric} (lower is better) on the held-out window for
     * the candidate, each baseline and the champion's recipe (null without a champion).
     */
    record Trained(ModelRegistry.Candidate candidate, String metric, double heldOut, Map<String, Double> baselines,
                   Double champion, String summary) {
    }
}
