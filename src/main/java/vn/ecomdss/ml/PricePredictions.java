package vn.ecomdss.ml;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Price estimates on request, from the champion held in memory, for the listings as they stood at the end of the
 * latest scored day (the day before today in Vietnam before any scoring): the same snapshot and competition the
 * scoring used, so the answer equals its row of {@code ml.price_estimate} while the champion is the same. The
 * champion and the snapshot are loaded on the first request and again when the registry names another champion or
 * a later day is scored.
 */
@Component
public class PricePredictions {

    static final String MODEL = "price";

    private static final String LATEST_ORIGIN = "select max(origin_date) from ml.price_estimate where model_version = ?";

    /** One listing's estimate: by {@code modelVersion}, for the listing as it stood at the end of {@code origin}. */
    public record Price(String source, String productId, LocalDate origin, int modelVersion, double estimatedPrice,
                        double actualPrice, double priceGapRatio, boolean flagged) {
    }

    private record Loaded(RegisteredModel champion, MlpRegressor network, PriceFeatures vocabulary, LocalDate origin,
                          Map<String, Integer> index, List<PriceListings.Listing> listings, float[][] features) {
    }

    private final ModelRegistry registry;
    private final PriceListings listings;
    private final DjlEngine engine;
    private final JdbcTemplate jdbc;
    private Loaded loaded;

    public PricePredictions(ModelRegistry registry, PriceListings listings, DjlEngine engine, JdbcTemplate jdbc) {
        this.registry = registry;
        this.listings = listings;
        this.engine = engine;
        this.jdbc = jdbc;
    }

    public Price estimate(String source, String productId) {
        Loaded current = current();
        Integer at = current.index().get(DemandFeatureStore.key(source, productId));
        if (at == null) {
            throw new PredictionUnavailable(false, source + "/" + productId + " was not a listing at the end of "
                    + current.origin() + " (unknown, not yet loaded, or without a price)");
        }
        PriceListings.Listing listing = current.listings().get(at);
        float[] logPrice = current.network().predict(new float[][] {current.features()[at]});
        PriceEstimateKind.Estimate estimate = PriceEstimateKind.Estimate.of(listing.priceVnd(), Math.exp(logPrice[0]),
                current.champion().parameters().path("flag_ratio").asDouble());
        return new Price(source, productId, current.origin(), current.champion().version(), estimate.estimated(),
                estimate.actual(), estimate.gapRatio(), estimate.flagged());
    }

    private synchronized Loaded current() {
        Integer version = registry.championVersion(MODEL).orElseThrow(() -> new PredictionUnavailable(true,
                "the price model has no champion yet: run ml_retrain"));
        LocalDate scored = jdbc.queryForObject(LATEST_ORIGIN, LocalDate.class, version);
        LocalDate origin = scored != null ? scored : LocalDate.now(PriceListings.VIETNAM).minusDays(1);
        if (loaded != null && loaded.champion().version() == version && loaded.origin().equals(origin)) {
            return loaded;
        }
        RegisteredModel champion = loaded != null && loaded.champion().version() == version ? loaded.champion()
                : registry.champion(MODEL).orElseThrow(() -> new PredictionUnavailable(true,
                        "the price model has no champion yet: run ml_retrain"));
        MlpRegressor network = loaded != null && loaded.champion().version() == version ? loaded.network()
                : MlpRegressor.load(engine.engine(), champion.parameters(), champion.artifact());
        if (loaded != null && loaded.network() != network) {
            loaded.network().close();
        }
        List<PriceListings.Listing> snapshot = listings.asOf(origin);
        PriceFeatures vocabulary = PriceFeatures.fromJson(champion.parameters().path("vocabulary"));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < snapshot.size(); i++) {
            index.put(DemandFeatureStore.key(snapshot.get(i).source(), snapshot.get(i).productId()), i);
        }
        loaded = new Loaded(champion, network, vocabulary, origin, index, snapshot,
                vocabulary.of(snapshot, PriceListings.competition(snapshot)));
        return loaded;
    }

    @PreDestroy
    synchronized void close() {
        if (loaded != null) {
            loaded.network().close();
        }
    }
}
