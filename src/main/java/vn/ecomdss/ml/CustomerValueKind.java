package vn.ecomdss.ml;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kind: customer-value}: what each customer will spend (VND) over the next {@code clv-horizon-days} (the run's
 * {@code clv_horizon_days} overrides it), from their features at the end of the day ({@link CustomerFeatures}),
 * learned as {@code log(1 + spend / median order value)} by an ensemble of {@code ensemble} DJL networks on the
 * squared error ({@link MlpEnsemble}), on the customers at {@code training-origins} rolling origins
 * {@code training-origin-step-days} apart and the spend of the horizon after each. Judged on the last horizon before
 * the cutoff: the networks trained on the origins whose horizon ends where it starts, then asked for the held-out
 * horizon; their Spearman correlation with the actual spend against "future = past spend" over the same length
 * ({@value #BASELINE}). The registered networks learn from the origins up to the start of the held-out horizon.
 */
@Component
public class CustomerValueKind extends CustomerModelKind {

    static final String CODE_VERSION = "customer-value-mlp-ensemble-2";
    static final String METRIC = "spearman";
    static final String BASELINE = "past_spend";
    static final String HORIZON = "clv-horizon-days";
    static final String ORIGINS = "training-origins";
    static final String ORIGIN_STEP = "training-origin-step-days";
    static final String ENSEMBLE = "ensemble";

    private final DjlEngine engine;

    public CustomerValueKind(CustomerFeatures features, CustomerValueTable table, DjlEngine engine, JsonMapper json) {
        super(features, table, json);
        this.engine = engine;
    }

    @Override
    public String kind() {
        return "customer-value";
    }

    @Override
    public Metric metric() {
        return Metric.score(METRIC);
    }

    @Override
    public Map<String, Double> options() {
        return Map.of(HORIZON, 365.0, "min-customers", 50.0, ORIGINS, 7.0, ORIGIN_STEP, 30.0, ENSEMBLE, 5.0);
    }

    @Override
    public Trained train(ModelDefinition model, ModelDefinition.Training training, LocalDate cutoff, String runId,
                         Optional<RegisteredModel> champion) {
        int horizon = model.intOption(HORIZON);
        int origins = model.intOption(ORIGINS);
        int step = model.intOption(ORIGIN_STEP);
        int members = model.intOption(ENSEMBLE);
        LocalDate heldOutAsOf = cutoff.minusDays(horizon);
        LocalDate fitAsOf = heldOutAsOf.minusDays(horizon);
        List<CustomerFeatures.Customer> test = features.asOf(heldOutAsOf);
        Rows fit = rows(fitAsOf, horizon, origins, step);
        int least = model.intOption("min-customers");
        if (fit.latest() < least || test.size() < least) {
            throw new TooLittleData(model.name() + ": " + fit.latest() + " customers with orders by " + fitAsOf
                    + " and " + test.size() + " by " + heldOutAsOf + "; training needs " + least + " or more at both "
                    + "(two " + horizon + "-day horizons of history before " + cutoff + ")");
        }
        Map<String, Double> future = features.spend(heldOutAsOf, cutoff);
        Map<String, Double> past = features.spend(heldOutAsOf.minusDays(horizon), heldOutAsOf);
        double[] actual = test.stream().mapToDouble(c -> future.getOrDefault(c.key(), 0.0)).toArray();
        double[] baseline = test.stream().mapToDouble(c -> past.getOrDefault(c.key(), 0.0)).toArray();
        double baselineSpearman = RankMetrics.spearman(baseline, actual);
        double heldOut = heldOut(training.network(), members, fit, test, actual);
        Double championSpearman = champion.map(c -> heldOut(MlpRegressor.settingsOf(c.parameters()),
                c.parameters().path("ensemble").asInt(1), fit, test, actual)).orElse(null);

        Rows latest = rows(heldOutAsOf, horizon, origins, step);
        ModelRegistry.Candidate candidate;
        try (MlpEnsemble network = MlpEnsemble.trainSquared(engine.engine(), training.network(), members, latest.x(),
                latest.y())) {
            ObjectNode parameters = json.createObjectNode();
            network.describe(parameters);
            parameters.put("clv_horizon_days", horizon).put("spend_unit_vnd", latest.unit())
                    .put("training_origins", latest.origins()).put("origin_step_days", step);
            ObjectNode metrics = json.createObjectNode().put(METRIC, heldOut).put("held_out_as_of",
                    heldOutAsOf.toString()).put("held_out_rows", test.size()).put("training_rows", fit.x().length)
                    .put("training_origins", fit.origins());
            ObjectNode baselines = json.createObjectNode().put(BASELINE, baselineSpearman);
            ObjectNode fold = json.createObjectNode().put("features_as_of", heldOutAsOf.toString())
                    .put("held_out_to", cutoff.toString()).put(METRIC, heldOut).put(BASELINE, baselineSpearman);
            candidate = new ModelRegistry.Candidate(model.name(), kind(), runId, cutoff,
                    fitAsOf.minusDays((long) (origins - 1) * step + 365), cutoff, CODE_VERSION, parameters, metrics,
                    baselines, json.createArrayNode().add(fold), network.artifact());
        }
        Map<String, Double> baselineFigures = new LinkedHashMap<>();
        baselineFigures.put(BASELINE, baselineSpearman);
        String summary = String.format("%d rows at %d origins to %s, %d customers at %s, horizon %d days, %d networks: "
                + "spearman %.4f, past spend %.4f", fit.x().length, fit.origins(), fitAsOf, test.size(), heldOutAsOf,
                horizon, members, heldOut, baselineSpearman);
        return new Trained(candidate, metric(), heldOut, baselineFigures, championSpearman, summary);
    }

    /**
     * The rows a network learns from: each customer's features at {@code origins} days {@code step} days apart, the
     * last {@code latest}, and what they spent in the {@code horizon} days after each (none of it after
     * {@code latest + horizon}); an origin before any order adds nothing. The target is {@code log(1 + spend /
     * unit)}, the unit the median order value of the rows: zero for no spend, and a spend of a few orders apart from
     * none by about as much as a big spender from a middling one (the logarithm of the spend alone would make the
     * zeros the whole of the squared error, and the ranking among spenders an afterthought).
     */
    private Rows rows(LocalDate latest, int horizon, int origins, int step) {
        List<float[]> x = new ArrayList<>();
        List<Double> spend = new ArrayList<>();
        List<Double> orderValues = new ArrayList<>();
        int used = 0;
        int atLatest = 0;
        for (int k = 0; k < origins; k++) {
            LocalDate origin = latest.minusDays((long) k * step);
            List<CustomerFeatures.Customer> customers = features.asOf(origin);
            if (customers.isEmpty()) {
                continue;
            }
            used++;
            if (k == 0) {
                atLatest = customers.size();
            }
            Map<String, Double> after = features.spend(origin, origin.plusDays(horizon));
            for (CustomerFeatures.Customer customer : customers) {
                x.add(customer.vector());
                spend.add(after.getOrDefault(customer.key(), 0.0));
                orderValues.add(customer.avgOrderVnd());
            }
        }
        double unit = orderValues.isEmpty() ? 1 : Math.max(1, orderValues.stream().sorted().toList()
                .get(orderValues.size() / 2));
        float[] y = new float[spend.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) Math.log1p(spend.get(i) / unit);
        }
        return new Rows(x.toArray(new float[0][]), y, unit, used, atLatest);
    }

    private record Rows(float[][] x, float[] y, double unit, int origins, int latest) {
    }

    private double heldOut(MlpRegressor.Settings settings, int members, Rows fit, List<CustomerFeatures.Customer> test,
                           double[] actual) {
        try (MlpEnsemble network = MlpEnsemble.trainSquared(engine.engine(), settings, members, fit.x(), fit.y())) {
            return RankMetrics.spearman(spend(network, fit.unit(), test), actual);
        }
    }

    @Override
    public long score(ModelDefinition model, RegisteredModel champion, LocalDate origin, String runId) {
        List<CustomerFeatures.Customer> customers = features.store(origin, runId);
        double[] values = predict(champion, customers);
        List<CustomerValueTable.Figure> figures = new ArrayList<>(customers.size());
        for (int i = 0; i < values.length; i++) {
            figures.add(new CustomerValueTable.Figure(customers.get(i).source(), customers.get(i).customerId(),
                    Math.round(values[i])));
        }
        return table.values(figures, champion.parameters().path("clv_horizon_days").asInt(), champion.version(),
                origin, runId);
    }

    /** Each customer's predicted spend in VND over the champion's horizon. */
    double[] predict(RegisteredModel champion, List<CustomerFeatures.Customer> customers) {
        try (MlpEnsemble network = MlpEnsemble.load(engine.engine(), champion.parameters(), champion.artifact())) {
            return spend(network, unitOf(champion), customers);
        }
    }

    /** The spend unit (VND) a registered network's target counts in. */
    static double unitOf(RegisteredModel champion) {
        return champion.parameters().path("spend_unit_vnd").asDouble();
    }

    /** What each customer is expected to spend (VND): the networks learn {@code log(1 + spend / unit)}. */
    static double[] spend(MlpEnsemble network, double unit, List<CustomerFeatures.Customer> customers) {
        float[] log = network.predict(vectors(customers));
        double[] spend = new double[log.length];
        for (int i = 0; i < log.length; i++) {
            spend[i] = Math.max(0, Math.expm1(log[i]) * unit);
        }
        return spend;
    }

    static float[][] vectors(List<CustomerFeatures.Customer> customers) {
        float[][] x = new float[customers.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = customers.get(i).vector();
        }
        return x;
    }
}
