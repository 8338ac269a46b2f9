package vn.ecomdss.ml;

import java.util.Map;

/**
 * One model of {@code job-definitions/models/}: its name, the kind of model that trains it, what it is trained with
 * and how a candidate earns promotion. {@code options} are the kind's own settings (the loader refuses a key the kind
 * does not declare in {@link ModelKind#options()}), with the kind's defaults filled in.
 */
public record ModelDefinition(String file, String name, String kind, String description, Promotion promotion,
                              Training training, Map<String, Double> options) {

    /** The kind's option, as declared or defaulted. */
    public double option(String name) {
        Double value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(file + ": model kind '" + kind + "' has no option '" + name + "'");
        }
        return value;
    }

    /** The same model with one of its kind's options set, as a run parameter sets it (see {@link MlTrainStepFactory}). */
    ModelDefinition withOption(String name, double value) {
        java.util.Map<String, Double> changed = new java.util.TreeMap<>(options);
        changed.put(name, value);
        return new ModelDefinition(file, name(), kind, description, promotion, training, Map.copyOf(changed));
    }

    public int intOption(String name) {
        return (int) Math.round(option(name));
    }

    /**
     * What a candidate must show on the held-out window to become champion (see {@link PromotionRule}):
     * {@code beatBaselinesBy} is a relative margin over every baseline (an error at most {@code 1 - margin} times
     * the baseline's, or a score at least {@code 1 + margin} times it), {@code beatBaselinesByPoints} an absolute
     * one (a score at least the baseline's plus the points), and {@code requireAtLeast} floors on the kind's other
     * held-out figures (e.g. {@code r2: 0.8}). {@code beatBaseline} sets the relative margin of a named baseline
     * instead of {@code beatBaselinesBy}, for a model that must beat a weak baseline by much and a strong one at all.
     */
    public record Promotion(double beatBaselinesBy, double beatBaselinesByPoints, Map<String, Double> requireAtLeast,
                            Map<String, Double> beatBaseline) {

        public Promotion(double beatBaselinesBy, double beatBaselinesByPoints, Map<String, Double> requireAtLeast) {
            this(beatBaselinesBy, beatBaselinesByPoints, requireAtLeast, Map.of());
        }

        public static Promotion byMargin(double margin) {
            return new Promotion(margin, 0.0, Map.of());
        }

        /** The relative margin over {@code baseline}. */
        public double marginOver(String baseline) {
            return beatBaseline.getOrDefault(baseline, beatBaselinesBy);
        }
    }

    /**
     * The network's hyperparameters and the windows: {@code folds} rolling origins of {@code horizonDays} each before
     * the cutoff (the last is the held-out window), training origins every {@code originStepDays} over
     * {@code trainingDays}; entities with fewer than {@code minSaleDays} days of sales are not modelled.
     */
    public record Training(int hidden, int epochs, double learningRate, int batchSize, long seed, int horizonDays,
                           int folds, int originStepDays, int trainingDays, int minSaleDays) {

        Training withRun(Integer horizon, Long seed) {
            return new Training(hidden, epochs, learningRate, batchSize, seed == null ? this.seed : seed,
                    horizon == null ? horizonDays : horizon, folds, originStepDays, trainingDays, minSaleDays);
        }

        MlpRegressor.Settings network() {
            return new MlpRegressor.Settings(hidden, epochs, (float) learningRate, batchSize, seed);
        }
    }
}
