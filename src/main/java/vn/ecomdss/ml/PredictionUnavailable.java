package vn.ecomdss.ml;

/**
 * Why a model gives no prediction on request: it has no champion yet (the API answers 503: retrain, then ask again),
 * or it does not know the entity (404: unknown, or too little history to be modelled), with a message saying which.
 */
public final class PredictionUnavailable extends RuntimeException {

    private final boolean noChampion;

    PredictionUnavailable(boolean noChampion, String message) {
        super(message);
        this.noChampion = noChampion;
    }

    public boolean noChampion() {
        return noChampion;
    }
}
