package vn.ecomdss.ml;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import vn.ecomdss.pipeline.CopyWriter;

/**
 * {@code kind: price-estimate}: a listing's expected price in VND from its category, brand, source, rating, stock and
 * the competition's prices on the other sources ({@link PriceFeatures}), learned as the logarithm of the price by a
 * DJL network ({@link MlpRegressor}) on the listings current at the cutoff. Judged on the listings that appeared in
 * the last {@code held-out-days} before the cutoff, the network trained on the older ones only: its MAPE against the
 * median price of the listing's category ({@value #BASELINE}), with R² on the price as a figure the definition can
 * floor. Scoring writes every current listing's estimate, its gap and whether it is priced further from expectation
 * than {@code flag-ratio}.
 */
@Component
public class PriceEstimateKind implements ModelKind {

    /** Bumped when the features or the network change, so the registry says which code made a version. */
    static final String CODE_VERSION = "price-mlp-1";
    static final String METRIC = "mape";
    static final String BASELINE = "category_median";

    private static final String CLEAR = "delete from ml.price_estimate where origin_date = ?";
    private static final String COPY = """
            copy ml.price_estimate (source, product_id, estimated_price, actual_price, price_gap_ratio, flagged,
                                    model_version, origin_date, run_id)
            from stdin
            """;

    private final PriceListings listings;
    private final DjlEngine engine;
    private final JdbcTemplate jdbc;
    private final CopyWriter copy;
    private final JsonMapper json;

    public PriceEstimateKind(PriceListings listings, DjlEngine engine, JdbcTemplate jdbc, CopyWriter copy,
                             JsonMapper json) {
        this.listings = listings;
        this.engine = engine;
        this.jdbc = jdbc;
        this.copy = copy;
        this.json = json;
    }

    @Override
    public String kind() {
        return "price-estimate";
    }

    @Override
    public Metric metric() {
        return Metric.error(METRIC);
    }

    @Override
    public List<String> reads() {
        return List.of("dw.dim_product", "ops.exchange_rate");
    }

    @Override
    public String scores() {
        return "ml.price_estimate";
    }

    @Override
    public Map<String, Double> options() {
        return Map.of("held-out-days", 60.0, "flag-ratio", 0.5, "top-categories", 60.0, "top-brands", 120.0);
    }

    @Override
    public Trained train(ModelDefinition model, ModelDefinition.Training training, LocalDate cutoff, String runId,
                         Optional<RegisteredModel> champion) {
        List<PriceListings.Listing> all = listings.asOf(cutoff);
        LocalDate heldOutFrom = cutoff.minusDays(model.intOption("held-out-days") - 1L);
        List<PriceListings.Listing> fit = all.stream().filter(l -> l.listedFrom().isBefore(heldOutFrom)).toList();
        List<PriceListings.Listing> test = all.stream().filter(l -> !l.listedFrom().isBefore(heldOutFrom)).toList();
        if (fit.size() < 20 || test.isEmpty()) {
            throw new TooLittleData(model.name() + ": " + fit.size() + " listings before " + heldOutFrom
                    + " and " + test.size() + " from then to " + cutoff + "; training needs 20 or more before the "
                    + "held-out window and one or more in it");
        }
        Map<PriceListings.Listing, PriceListings.Competition> competition = PriceListings.competition(all);
        MlpRegressor.Settings settings = training.network();
        Fit heldOut = fit(model, settings, fit, test, competition);
        Map<String, Double> medians = PriceFeatures.categoryMedians(fit);
        double overall = median(fit.stream().mapToDouble(PriceListings.Listing::priceVnd).toArray());
        double[] baseline = test.stream().mapToDouble(l -> medians.getOrDefault(l.category(), overall)).toArray();
        double baselineMape = mape(test, baseline);
        Double championMape = champion.map(c -> fit(model, MlpRegressor.settingsOf(c.parameters()), fit, test,
                competition).mape).orElse(null);

        PriceFeatures vocabulary = PriceFeatures.of(all, model.intOption("top-categories"), model.intOption("top-brands"));
        ModelRegistry.Candidate candidate;
        try (MlpRegressor network = MlpRegressor.train(engine.engine(), settings, vocabulary.of(all, competition),
                logPrices(all))) {
            ObjectNode parameters = json.createObjectNode();
            network.describe(parameters);
            vocabulary.json(parameters.putObject("vocabulary"));
            parameters.put("held_out_days", model.intOption("held-out-days"))
                    .put("flag_ratio", model.option("flag-ratio"));
            ObjectNode metrics = json.createObjectNode().put(METRIC, heldOut.mape).put("r2", heldOut.r2)
                    .put("r2_log", heldOut.r2Log).put("held_out_from", heldOutFrom.toString())
                    .put("held_out_rows", test.size()).put("training_rows", fit.size());
            ObjectNode baselines = json.createObjectNode().put(BASELINE, baselineMape);
            ObjectNode fold = json.createObjectNode().put("held_out_from", heldOutFrom.toString())
                    .put("held_out_to", cutoff.toString()).put(METRIC, heldOut.mape).put(BASELINE, baselineMape)
                    .put("r2", heldOut.r2);
            LocalDate first = all.stream().map(PriceListings.Listing::listedFrom).min(Comparator.naturalOrder())
                    .orElse(cutoff);
            candidate = new ModelRegistry.Candidate(model.name(), kind(), runId, cutoff, first, cutoff, CODE_VERSION,
                    parameters, metrics, baselines, json.createArrayNode().add(fold), network.artifact());
        }
        Map<String, Double> baselineFigures = new LinkedHashMap<>();
        baselineFigures.put(BASELINE, baselineMape);
        String summary = String.format("%d listings (%d before %s, %d after): mape %.4f, r2 %.4f, category median "
                + "mape %.4f", all.size(), fit.size(), heldOutFrom, test.size(), heldOut.mape, heldOut.r2, baselineMape);
        return new Trained(candidate, metric(), heldOut.mape, baselineFigures, championMape,
                Map.of("r2", heldOut.r2, "r2_log", heldOut.r2Log), summary);
    }

    /** How a network of {@code settings} fitted on {@code fit} does on {@code test}. */
    private record Fit(double mape, double r2, double r2Log) {
    }

    private Fit fit(ModelDefinition model, MlpRegressor.Settings settings, List<PriceListings.Listing> fit,
                    List<PriceListings.Listing> test, Map<PriceListings.Listing, PriceListings.Competition> competition) {
        PriceFeatures vocabulary = PriceFeatures.of(fit, model.intOption("top-categories"), model.intOption("top-brands"));
        try (MlpRegressor network = MlpRegressor.train(engine.engine(), settings, vocabulary.of(fit, competition),
                logPrices(fit))) {
            double[] estimated = prices(network.predict(vocabulary.of(test, competition)));
            return new Fit(mape(test, estimated), r2(test, estimated, false), r2(test, estimated, true));
        }
    }

    @Override
    public long score(ModelDefinition model, RegisteredModel champion, LocalDate origin, String runId) {
        List<PriceListings.Listing> current = listings.asOf(origin);
        Map<PriceListings.Listing, PriceListings.Competition> competition = PriceListings.competition(current);
        PriceFeatures vocabulary = PriceFeatures.fromJson(champion.parameters().path("vocabulary"));
        double flagRatio = champion.parameters().path("flag_ratio").asDouble();
        double[] estimated;
        try (MlpRegressor network = MlpRegressor.load(engine.engine(), champion.parameters(), champion.artifact())) {
            estimated = prices(network.predict(vocabulary.of(current, competition)));
        }
        jdbc.update(CLEAR, Date.valueOf(origin));
        List<Object[]> rows = new ArrayList<>(current.size());
        for (int i = 0; i < current.size(); i++) {
            PriceListings.Listing listing = current.get(i);
            Estimate estimate = Estimate.of(listing.priceVnd(), estimated[i], flagRatio);
            rows.add(new Object[] {listing.source(), listing.productId(), estimate.estimated(), estimate.actual(),
                    estimate.gapRatio(), estimate.flagged(), champion.version(), origin, runId});
        }
        copy.copy("ml.price_estimate", COPY, rows, row -> row);
        return rows.size();
    }

    /** A listing's estimate as stored and served: rounded to the đồng, its gap to four decimals of the ratio. */
    public record Estimate(double estimated, double actual, double gapRatio, boolean flagged) {

        static Estimate of(double actual, double estimated, double flagRatio) {
            double rounded = Math.max(1, Math.round(estimated));
            double gap = Math.round((actual - rounded) / rounded * 1e6) / 1e6;
            return new Estimate(rounded, Math.round(actual * 100) / 100.0, gap, Math.abs(gap) > flagRatio);
        }
    }

    private static float[] logPrices(List<PriceListings.Listing> listings) {
        float[] y = new float[listings.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) listings.get(i).logPrice();
        }
        return y;
    }

    private static double[] prices(float[] logPrices) {
        double[] prices = new double[logPrices.length];
        for (int i = 0; i < prices.length; i++) {
            prices[i] = Math.exp(logPrices[i]);
        }
        return prices;
    }

    static double mape(List<PriceListings.Listing> actual, double[] estimated) {
        double sum = 0;
        for (int i = 0; i < estimated.length; i++) {
            sum += Math.abs(estimated[i] - actual.get(i).priceVnd()) / actual.get(i).priceVnd();
        }
        return sum / estimated.length;
    }

    /** R² of the estimates on the price itself, or on its logarithm. */
    static double r2(List<PriceListings.Listing> actual, double[] estimated, boolean log) {
        double mean = 0;
        for (PriceListings.Listing listing : actual) {
            mean += log ? listing.logPrice() : listing.priceVnd();
        }
        mean /= actual.size();
        double residual = 0;
        double total = 0;
        for (int i = 0; i < estimated.length; i++) {
            double y = log ? actual.get(i).logPrice() : actual.get(i).priceVnd();
            double e = log ? Math.log(estimated[i]) : estimated[i];
            residual += (y - e) * (y - e);
            total += (y - mean) * (y - mean);
        }
        return total == 0 ? Double.NaN : 1 - residual / total;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
