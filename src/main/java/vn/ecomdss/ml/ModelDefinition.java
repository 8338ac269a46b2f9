package vn.ecomdss.ml;

/**
 * One model of {@code job-definitions/models/}: its name, the kind of model that trains it, and what it is trained with
 * and judged by. {@code beatBaselinesBy} is the promotion margin: a candidate's error must be at most
 * {@code 1 - beatBaselinesBy} times each baseline's on the held-out window (and below the champion's).
 */
public record ModelDefinition(String file, String name, String kind, String description, double beatBaselinesBy,
                              Training training) {

    /**
     * The network's hyperparameters and the windows: {@code folds} rolling origins of {@code horizonDays} each before
     * the cutoff (the last is the held-out window), training origins every {@code originStepDays} over
     * {@code trainingDays}; products that sold on fewer than {@code minSaleDays} days are not modelled.
     */
    public record Training(int hidden, int epochs, double learningRate, int batchSize, long seed, int horizonDays,
                           int folds, int originStepDays, int trainingDays, int minSaleDays) {

        Training withRun(Integer horizon, Long seed) {
            return new Training(hidden, epochs, learningRate, batchSize, seed == null ? this.seed : seed,
                    horizon == null ? horizonDays : horizon, folds, originStepDays, trainingDays, minSaleDays);
        }

        DemandNetwork.Settings network() {
            return new DemandNetwork.Settings(hidden, epochs, (float) learningRate, batchSize, seed);
        }
    }
}
