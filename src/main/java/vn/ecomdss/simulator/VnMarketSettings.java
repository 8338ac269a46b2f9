package vn.ecomdss.simulator;

/**
 * @param orders      expected number of orders inside the {@code historyDays} window; the exact
 *                    count varies with the season (Tết, 9/9..12/12) and the random daily volume
 * @param historyDays how many days of orders the marketplace API retains before {@code asOf}
 */
public record VnMarketSettings(long seed, int products, int customers, int orders, int historyDays, DirtyRates dirty) {

    public VnMarketSettings {
        if (products < 1 || customers < 1 || orders < 0 || historyDays < 1) {
            throw new IllegalArgumentException("products, customers and historyDays must be positive and orders >= 0");
        }
        if (products > 99_999 || customers > 999_999) {
            throw new IllegalArgumentException("ids have room for 99,999 products and 999,999 customers");
        }
        if (dirty == null) {
            dirty = DirtyRates.none();
        }
    }

    public static VnMarketSettings defaults() {
        return new VnMarketSettings(42, 300, 600, 3000, 400, DirtyRates.none());
    }

    public VnMarketSettings withSeed(long newSeed) {
        return new VnMarketSettings(newSeed, products, customers, orders, historyDays, dirty);
    }

    public VnMarketSettings withDirty(DirtyRates newDirty) {
        return new VnMarketSettings(seed, products, customers, orders, historyDays, newDirty);
    }
}
