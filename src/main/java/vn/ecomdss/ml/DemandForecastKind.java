package vn.ecomdss.ml;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import vn.ecomdss.pipeline.CopyWriter;

/**
 * {@code kind: demand-forecast}: units per product and day for the next {@code horizon-days}, from the features of
 * {@link DemandFeatures} through {@link MlpRegressor}. Judged by WAPE (total absolute error over total units) on the
 * last of {@code folds} rolling origins before the cutoff, against the seasonal naive forecast (the same weekday a
 * week before) and the median of the product's days of the same weekday and promotion status over the training window. Intervals are the 10th and
 * 90th percentiles of the held-out errors per week of horizon.
 */
@Component
public class DemandForecastKind implements ModelKind {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DemandForecastKind.class);

    /** Bumped when the features or the network change, so the registry says which code made a version. */
    static final String CODE_VERSION = "demand-mlp-2";
    static final String METRIC = "wape";
    static final String SEASONAL_NAIVE = "seasonal_naive";
    static final String WEEKDAY_MEDIAN = "weekday_median";

    private static final String CLEAR_FORECASTS = "delete from ml.demand_forecast where origin_date = ?";
    private static final String COPY_FORECASTS = """
            copy ml.demand_forecast (source, product_id, forecast_date, quantity, lower, upper, model_version,
                                     origin_date, run_id)
            from stdin
            """;

    private final DemandFeatureStore store;
    private final DjlEngine engine;
    private final JdbcTemplate jdbc;
    private final CopyWriter copy;
    private final JsonMapper json;

    public DemandForecastKind(DemandFeatureStore store, DjlEngine engine, JdbcTemplate jdbc, CopyWriter copy,
                              JsonMapper json) {
        this.store = store;
        this.engine = engine;
        this.jdbc = jdbc;
        this.copy = copy;
        this.json = json;
    }

    @Override
    public String kind() {
        return "demand-forecast";
    }

    @Override
    public List<String> reads() {
        return List.of("dw.fact_sales", "dw.dim_product", "dw.dim_date", "dw.fact_promotion");
    }

    @Override
    public Metric metric() {
        return Metric.error(METRIC);
    }

    @Override
    public String scores() {
        return "ml.demand_forecast";
    }

    @Override
    public Trained train(ModelDefinition model, ModelDefinition.Training training, LocalDate cutoff, String runId,
                         Optional<RegisteredModel> champion) {
        int horizon = training.horizonDays();
        store.rebuildSeries(cutoff, training.minSaleDays());
        List<DemandSeries> series = store.series();
        if (series.isEmpty()) {
            throw new IllegalStateException(model.name() + ": no product had sold on " + training.minSaleDays()
                    + " days or more by " + cutoff + "; there is nothing to train on");
        }
        Map<String, DemandSeries> byProduct = new HashMap<>();
        series.forEach(s -> byProduct.put(DemandFeatureStore.key(s.source(), s.productId()), s));
        LocalDate first = series.stream().map(DemandSeries::first).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate earliest = max(first.plusDays(DemandFeatures.MIN_HISTORY_DAYS - 1L), cutoff.minusDays(training.trainingDays()));
        Map<LocalDate, CalendarDay> calendar = store.calendar(first, cutoff.plusDays(horizon));
        Map<String, PlannedPromotions> promotions = store.promotions(first, cutoff.plusDays(horizon));

        List<LocalDate> foldOrigins = new ArrayList<>();
        for (int k = 1; k <= training.folds(); k++) {
            LocalDate origin = cutoff.minusDays((long) k * horizon);
            if (!origin.isBefore(earliest.plusDays(training.originStepDays()))) {
                foldOrigins.add(origin);
            }
        }
        if (foldOrigins.isEmpty()) {
            throw new IllegalStateException(model.name() + ": the history from " + first + " to " + cutoff + " is too "
                    + "short for a held-out window of " + horizon + " days after " + DemandFeatures.MIN_HISTORY_DAYS
                    + " days of history");
        }
        TreeMap<LocalDate, List<DemandFeatureStore.Row>> rows = new TreeMap<>();
        for (LocalDate origin = cutoff.minusDays(horizon); !origin.isBefore(earliest); origin = origin.minusDays(training.originStepDays())) {
            rows.put(origin, null);
        }
        foldOrigins.forEach(origin -> rows.put(origin, null));
        for (LocalDate origin : rows.keySet()) {
            rows.put(origin, store.build(series, origin, horizon, cutoff, calendar, promotions, runId));
        }

        ArrayNode folds = json.createArrayNode();
        Fold heldOut = null;
        for (int k = foldOrigins.size() - 1; k >= 0; k--) {
            LocalDate origin = foldOrigins.get(k);
            List<DemandFeatureStore.Row> fit = known(rows.headMap(origin, false), origin);
            List<DemandFeatureStore.Row> test = rows.get(origin);
            if (fit.isEmpty() || test.isEmpty()) {
                continue;
            }
            Fold fold = fold(training.network(), origin, fit, test, byProduct, promotions, training.trainingDays());
            folds.add(fold.json(json));
            heldOut = fold;
        }
        if (heldOut == null) {
            throw new IllegalStateException(model.name() + ": no fold before " + cutoff + " has both training and "
                    + "held-out rows");
        }
        Double championError = null;
        if (champion.isPresent()) {
            try (MlpRegressor recipe = MlpRegressor.train(engine.engine(), settingsOf(champion.get().parameters()),
                    x(heldOut.fit), y(heldOut.fit))) {
                championError = wape(y(heldOut.test), recipe.predict(x(heldOut.test)));
            }
        }
        List<DemandFeatureStore.Row> all = known(rows, cutoff);
        ModelRegistry.Candidate candidate;
        try (MlpRegressor network = MlpRegressor.train(engine.engine(), training.network(), x(all), y(all))) {
            candidate = new ModelRegistry.Candidate(model.name(), kind(), runId, cutoff, rows.firstKey(), cutoff,
                    CODE_VERSION, parameters(training, network, heldOut), metrics(heldOut, folds),
                    baselines(heldOut), folds, network.artifact());
        }
        Map<String, Double> baselines = new LinkedHashMap<>();
        baselines.put(SEASONAL_NAIVE, heldOut.seasonalNaive);
        baselines.put(WEEKDAY_MEDIAN, heldOut.weekdayMedian);
        String summary = String.format("%d products, %d training rows, held-out window %s to %s: wape %.4f, "
                        + "seasonal naive %.4f, weekday median %.4f%s", series.size(), all.size(),
                heldOut.origin.plusDays(1), heldOut.origin.plusDays(horizon), heldOut.model, heldOut.seasonalNaive,
                heldOut.weekdayMedian, championError == null ? "" : String.format(", champion %.4f", championError));
        return new Trained(candidate, metric(), heldOut.model, baselines, championError, summary);
    }

    @Override
    public long score(ModelDefinition model, RegisteredModel champion, LocalDate origin, String runId) {
        JsonNode parameters = champion.parameters();
        int horizon = parameters.path("horizon_days").asInt();
        long started = System.nanoTime();
        store.rebuildSeries(origin.minusDays(DemandFeatures.LOOKBACK_DAYS - 1L), origin,
                parameters.path("min_sale_days").asInt(1));
        List<DemandSeries> series = store.series();
        long seriesBuilt = System.nanoTime();
        LocalDate first = series.stream().map(DemandSeries::first).min(Comparator.naturalOrder()).orElse(origin);
        List<DemandFeatureStore.Row> rows = store.build(series, origin, horizon, origin,
                store.calendar(first, origin.plusDays(horizon)), store.promotions(origin.minusDays(27),
                        origin.plusDays(horizon)), runId);
        long featuresStored = System.nanoTime();
        Forecasts forecasts;
        try (MlpRegressor network = load(champion)) {
            forecasts = forecast(network, parameters, rows);
        }
        long predicted = System.nanoTime();
        jdbc.update(CLEAR_FORECASTS, Date.valueOf(origin));
        List<Object[]> values = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            DemandFeatureStore.Row row = rows.get(i);
            values.add(new Object[] {row.source(), row.productId(), row.target(), forecasts.quantity[i],
                    forecasts.lower[i], forecasts.upper[i], champion.version(), origin, runId});
        }
        copy.copy("ml.demand_forecast", COPY_FORECASTS, values, row -> row);
        LOG.info("{} v{} scored {} rows of {} products from {}: series {} ms, features {} ms, inference {} ms, "
                        + "forecasts written {} ms", model.name(), champion.version(), rows.size(), series.size(), origin,
                millis(started, seriesBuilt), millis(seriesBuilt, featuresStored), millis(featuresStored, predicted),
                millis(predicted, System.nanoTime()));
        return rows.size();
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /** The champion's network, ready to predict (the caller closes it). */
    MlpRegressor load(RegisteredModel champion) {
        JsonNode scaling = champion.parameters().path("scaling");
        List<Float> mean = new ArrayList<>();
        List<Float> std = new ArrayList<>();
        scaling.path("mean").forEach(v -> mean.add(v.floatValue()));
        scaling.path("std").forEach(v -> std.add(v.floatValue()));
        return MlpRegressor.load(engine.engine(), settingsOf(champion.parameters()),
                new MlpRegressor.Scaling(mean, std, scaling.path("unit").floatValue()), champion.artifact());
    }

    /** Point forecasts and their intervals for {@code rows}, from a loaded champion. */
    record Forecasts(double[] quantity, double[] lower, double[] upper) {
    }

    static Forecasts forecast(MlpRegressor network, JsonNode parameters, List<DemandFeatureStore.Row> rows) {
        float[] predicted = network.predict(x(rows));
        double[] quantity = new double[rows.size()];
        double[] lower = new double[rows.size()];
        double[] upper = new double[rows.size()];
        JsonNode residuals = parameters.path("residuals");
        for (int i = 0; i < rows.size(); i++) {
            JsonNode week = residuals.path(Integer.toString((rows.get(i).horizon() - 1) / 7));
            double q = round(predicted[i]);
            quantity[i] = q;
            lower[i] = round(Math.max(0, Math.min(q, q + week.path(0).asDouble(0))));
            upper[i] = round(Math.max(q, q + week.path(1).asDouble(0)));
        }
        return new Forecasts(quantity, lower, upper);
    }

    /** The rows whose target was known by {@code knownBy}, of every origin in {@code origins}. */
    private static List<DemandFeatureStore.Row> known(Map<LocalDate, List<DemandFeatureStore.Row>> origins, LocalDate knownBy) {
        List<DemandFeatureStore.Row> rows = new ArrayList<>();
        origins.values().forEach(list -> list.stream()
                .filter(r -> r.quantity() != null && !r.target().isAfter(knownBy)).forEach(rows::add));
        return rows;
    }

    /** One rolling origin: trained on what was known at it, measured on the horizon after it. */
    private static final class Fold {
        final LocalDate origin;
        final List<DemandFeatureStore.Row> fit;
        final List<DemandFeatureStore.Row> test;
        final double model;
        final double seasonalNaive;
        final double weekdayMedian;
        final double[][] residualPercentiles;

        Fold(LocalDate origin, List<DemandFeatureStore.Row> fit, List<DemandFeatureStore.Row> test, double model,
             double seasonalNaive, double weekdayMedian, double[][] residualPercentiles) {
            this.origin = origin;
            this.fit = fit;
            this.test = test;
            this.model = model;
            this.seasonalNaive = seasonalNaive;
            this.weekdayMedian = weekdayMedian;
            this.residualPercentiles = residualPercentiles;
        }

        ObjectNode json(JsonMapper json) {
            ObjectNode node = json.createObjectNode();
            node.put("origin", origin.toString()).put("training_rows", fit.size()).put("held_out_rows", test.size());
            node.put(METRIC, model).put(SEASONAL_NAIVE, seasonalNaive).put(WEEKDAY_MEDIAN, weekdayMedian);
            return node;
        }
    }

    private Fold fold(MlpRegressor.Settings settings, LocalDate origin, List<DemandFeatureStore.Row> fit,
                      List<DemandFeatureStore.Row> test, Map<String, DemandSeries> series,
                      Map<String, PlannedPromotions> promotions, int trainingDays) {
        float[] actual = y(test);
        float[] predicted;
        try (MlpRegressor network = MlpRegressor.train(engine.engine(), settings, x(fit), y(fit))) {
            predicted = network.predict(x(test));
        }
        float[] naive = new float[test.size()];
        float[] median = new float[test.size()];
        Map<String, Float> medians = new HashMap<>();
        int weeks = 0;
        for (int i = 0; i < test.size(); i++) {
            DemandFeatureStore.Row row = test.get(i);
            naive[i] = row.features()[2];
            String key = DemandFeatureStore.key(row.source(), row.productId());
            DemandSeries product = series.get(key);
            PlannedPromotions planned = promotions.getOrDefault(key, PlannedPromotions.NONE);
            boolean promoted = planned.discountOn(row.target(), origin) != null;
            median[i] = medians.computeIfAbsent(key + row.target().getDayOfWeek() + promoted,
                    k -> weekdayMedian(product, planned, promoted, origin, row.target(), trainingDays));
            weeks = Math.max(weeks, (row.horizon() - 1) / 7 + 1);
        }
        double[][] percentiles = new double[weeks][];
        for (int w = 0; w < weeks; w++) {
            List<Double> errors = new ArrayList<>();
            for (int i = 0; i < test.size(); i++) {
                if ((test.get(i).horizon() - 1) / 7 == w) {
                    errors.add((double) actual[i] - predicted[i]);
                }
            }
            percentiles[w] = new double[] {percentile(errors, 0.1), percentile(errors, 0.9)};
        }
        return new Fold(origin, fit, test, wape(actual, predicted), wape(actual, naive), wape(actual, median), percentiles);
    }

    /**
     * The median of the product's sales on the target's weekday and with its promotion status (on a promotion or not),
     * over the training window up to the origin; without such a day, that of the weekday alone.
     */
    private static float weekdayMedian(DemandSeries product, PlannedPromotions promotions, boolean promoted,
                                       LocalDate origin, LocalDate target, int trainingDays) {
        float median = weekdayMedian(product, promotions, promoted, true, origin, target, trainingDays);
        return Float.isNaN(median) ? weekdayMedian(product, promotions, promoted, false, origin, target, trainingDays)
                : median;
    }

    private static float weekdayMedian(DemandSeries product, PlannedPromotions promotions, boolean promoted,
                                       boolean byPromotion, LocalDate origin, LocalDate target, int trainingDays) {
        DemandSeries known = product.upTo(origin);
        List<Integer> values = new ArrayList<>();
        LocalDate from = origin.minusDays(trainingDays);
        for (LocalDate day = origin; !day.isBefore(from) && !day.isBefore(known.first()); day = day.minusDays(1)) {
            if (day.getDayOfWeek() == target.getDayOfWeek()
                    && (!byPromotion || (promotions.discountOn(day, day) != null) == promoted)) {
                values.add(known.quantityOn(day));
            }
        }
        if (values.isEmpty()) {
            return byPromotion ? Float.NaN : 0;
        }
        values.sort(Comparator.naturalOrder());
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2f;
    }

    static double wape(float[] actual, float[] predicted) {
        double error = 0;
        double total = 0;
        for (int i = 0; i < actual.length; i++) {
            error += Math.abs(actual[i] - predicted[i]);
            total += actual[i];
        }
        return total == 0 ? Double.NaN : error / total;
    }

    private static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    private ObjectNode parameters(ModelDefinition.Training training, MlpRegressor network, Fold heldOut) {
        ObjectNode node = json.createObjectNode();
        node.put("hidden", training.hidden()).put("epochs", training.epochs()).put("learning_rate", training.learningRate())
                .put("batch_size", training.batchSize()).put("seed", training.seed())
                .put("horizon_days", training.horizonDays()).put("folds", training.folds())
                .put("origin_step_days", training.originStepDays()).put("training_days", training.trainingDays())
                .put("min_sale_days", training.minSaleDays());
        ArrayNode features = node.putArray("features");
        DemandFeatures.NAMES.forEach(features::add);
        ObjectNode scaling = node.putObject("scaling");
        network.scaling().mean().forEach(scaling.putArray("mean")::add);
        network.scaling().std().forEach(scaling.putArray("std")::add);
        scaling.put("unit", network.scaling().unit());
        ObjectNode residuals = node.putObject("residuals");
        for (int w = 0; w < heldOut.residualPercentiles.length; w++) {
            residuals.putArray(Integer.toString(w)).add(heldOut.residualPercentiles[w][0]).add(heldOut.residualPercentiles[w][1]);
        }
        return node;
    }

    private ObjectNode metrics(Fold heldOut, ArrayNode folds) {
        ObjectNode node = json.createObjectNode();
        node.put(METRIC, heldOut.model).put("held_out_from", heldOut.origin.plusDays(1).toString())
                .put("held_out_rows", heldOut.test.size());
        double sum = 0;
        for (JsonNode fold : folds) {
            sum += fold.path(METRIC).asDouble();
        }
        node.put("cross_validated_" + METRIC, sum / folds.size());
        return node;
    }

    private ObjectNode baselines(Fold heldOut) {
        return json.createObjectNode().put(SEASONAL_NAIVE, heldOut.seasonalNaive).put(WEEKDAY_MEDIAN, heldOut.weekdayMedian);
    }

    private static MlpRegressor.Settings settingsOf(JsonNode parameters) {
        return new MlpRegressor.Settings(parameters.path("hidden").asInt(), parameters.path("epochs").asInt(),
                (float) parameters.path("learning_rate").asDouble(), parameters.path("batch_size").asInt(),
                parameters.path("seed").asLong());
    }

    static float[][] x(List<DemandFeatureStore.Row> rows) {
        float[][] x = new float[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = rows.get(i).features();
        }
        return x;
    }

    private static float[] y(List<DemandFeatureStore.Row> rows) {
        float[] y = new float[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i).quantity();
        }
        return y;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
