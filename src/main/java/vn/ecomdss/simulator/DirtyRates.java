package vn.ecomdss.simulator;

/** Per-record probabilities of each injected defect. */
public record DirtyRates(double phoneFormat, double citySpelling, double missingField, double duplicate, double negativePrice,
                         double unknownCategory) {

    public DirtyRates {
        for (double rate : new double[] {phoneFormat, citySpelling, missingField, duplicate, negativePrice, unknownCategory}) {
            if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
                throw new IllegalArgumentException("defect rates must be within [0, 1]: " + rate);
            }
        }
    }

    public static DirtyRates none() {
        return new DirtyRates(0, 0, 0, 0, 0, 0);
    }

    public static DirtyRates defaults() {
        return new DirtyRates(0.05, 0.05, 0.05, 0.05, 0.05, 0.05);
    }

    public double rate(DefectType type) {
        return switch (type) {
            case PHONE_FORMAT -> phoneFormat;
            case CITY_SPELLING -> citySpelling;
            case MISSING_FIELD -> missingField;
            case DUPLICATE -> duplicate;
            case NEGATIVE_PRICE -> negativePrice;
            case UNKNOWN_CATEGORY -> unknownCategory;
        };
    }
}
