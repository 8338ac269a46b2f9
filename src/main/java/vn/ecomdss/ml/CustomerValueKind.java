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
 * learned as the logarithm of the spend by a DJL network on the squared error ({@link MlpRegressor#trainSquared}). Judged on the last horizon before
 * the cutoff: the network trained on the features one horizon earlier and the spend that followed them, then asked
 * for the held-out horizon; its Spearman correlation with the actual spend against "future = past spend" over the
 * same length ({@value #BASELINE}). The registered network is trained on the latest complete horizon.
 */
@Component
public class CustomerValueKind implements ModelKind {

    static final String CODE_VERSION = "customer-value-mlp-1";
    static final String METRIC = "spearman";
    static final String BASELINE = "past_spend";
    static final String HORIZON = "clv-horizon-days";
    /**
     * Added to the logarithm of the spend the network learns: the network never predicts below zero, and a customer
     * likely to spend nothing would otherwise sit at that floor, tied with every other one.
     */
    static final double LOG_OFFSET = 10;

    private final CustomerFeatures features;
    private final CustomerValueTable table;
    private final DjlEngine engine;
    private final JsonMapper json;

    public CustomerValueKind(CustomerFeatures features, CustomerValueTable table, DjlEngine engine, JsonMapper json) {
        this.features = features;
        this.table = table;
        this.engine = engine;
        this.json = json;
    }

    @Override
    public String kind() {
        return "customer-value";
    }

    @Override
    public List<String> reads() {
        return List.of("dw.fact_sales", "dw.dim_customer", "dw.fact_user_activity_daily");
    }

    @Override
    public String scores() {
        return "ml.customer_value";
    }

    @Override
    public Metric metric() {
        return Metric.score(METRIC);
    }

    @Override
    public Map<String, Double> options() {
        return Map.of(HORIZON, 365.0, "min-customers", 50.0);
    }

    @Override
    public Trained train(ModelDefinition model, ModelDefinition.Training training, LocalDate cutoff, String runId,
                         Optional<RegisteredModel> champion) {
        int horizon = model.intOption(HORIZON);
        LocalDate heldOutAsOf = cutoff.minusDays(horizon);
        LocalDate fitAsOf = heldOutAsOf.minusDays(horizon);
        List<CustomerFeatures.Customer> fit = features.asOf(fitAsOf);
        List<CustomerFeatures.Customer> test = features.asOf(heldOutAsOf);
        int least = model.intOption("min-customers");
        if (fit.size() < least || test.size() < least) {
            throw new TooLittleData(model.name() + ": " + fit.size() + " customers with orders by " + fitAsOf + " and "
                    + test.size() + " by " + heldOutAsOf + "; training needs " + least + " or more at both (two "
                    + horizon + "-day horizons of history before " + cutoff + ")");
        }
        float[] fitTarget = logSpend(fit, features.spend(fitAsOf, heldOutAsOf));
        Map<String, Double> future = features.spend(heldOutAsOf, cutoff);
        Map<String, Double> past = features.spend(heldOutAsOf.minusDays(horizon), heldOutAsOf);
        double[] actual = test.stream().mapToDouble(c -> future.getOrDefault(c.key(), 0.0)).toArray();
        double[] baseline = test.stream().mapToDouble(c -> past.getOrDefault(c.key(), 0.0)).toArray();
        double baselineSpearman = RankMetrics.spearman(baseline, actual);
        double heldOut = heldOut(training.network(), fit, fitTarget, test, actual);
        Double championSpearman = champion.map(c -> heldOut(MlpRegressor.settingsOf(c.parameters()), fit, fitTarget,
                test, actual)).orElse(null);

        ModelRegistry.Candidate candidate;
        try (MlpRegressor network = MlpRegressor.trainSquared(engine.engine(), training.network(), vectors(test),
                logSpend(test, future))) {
            ObjectNode parameters = json.createObjectNode();
            network.describe(parameters);
            parameters.put("clv_horizon_days", horizon);
            ObjectNode metrics = json.createObjectNode().put(METRIC, heldOut).put("held_out_as_of",
                    heldOutAsOf.toString()).put("held_out_rows", test.size()).put("training_rows", fit.size());
            ObjectNode baselines = json.createObjectNode().put(BASELINE, baselineSpearman);
            ObjectNode fold = json.createObjectNode().put("features_as_of", heldOutAsOf.toString())
                    .put("held_out_to", cutoff.toString()).put(METRIC, heldOut).put(BASELINE, baselineSpearman);
            candidate = new ModelRegistry.Candidate(model.name(), kind(), runId, cutoff, fitAsOf.minusDays(365),
                    cutoff, CODE_VERSION, parameters, metrics, baselines, json.createArrayNode().add(fold),
                    network.artifact());
        }
        Map<String, Double> baselineFigures = new LinkedHashMap<>();
        baselineFigures.put(BASELINE, baselineSpearman);
        String summary = String.format("%d customers at %s, %d at %s, horizon %d days: spearman %.4f, past spend "
                + "%.4f", fit.size(), fitAsOf, test.size(), heldOutAsOf, horizon, heldOut, baselineSpearman);
        return new Trained(candidate, metric(), heldOut, baselineFigures, championSpearman, summary);
    }

    private double heldOut(MlpRegressor.Settings settings, List<CustomerFeatures.Customer> fit, float[] target,
                           List<CustomerFeatures.Customer> test, double[] actual) {
        try (MlpRegressor network = MlpRegressor.trainSquared(engine.engine(), settings, vectors(fit), target)) {
            float[] predicted = network.predict(vectors(test));
            double[] values = new double[predicted.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = predicted[i];
            }
            return RankMetrics.spearman(values, actual);
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
        try (MlpRegressor network = MlpRegressor.load(engine.engine(), champion.parameters(), champion.artifact())) {
            return spend(network, customers);
        }
    }

    static double[] spend(MlpRegressor network, List<CustomerFeatures.Customer> customers) {
        float[] log = network.predict(vectors(customers));
        double[] spend = new double[log.length];
        for (int i = 0; i < log.length; i++) {
            spend[i] = Math.max(0, Math.expm1(log[i] - LOG_OFFSET));
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

    private static float[] logSpend(List<CustomerFeatures.Customer> customers, Map<String, Double> spend) {
        float[] y = new float[customers.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (Math.log1p(spend.getOrDefault(customers.get(i).key(), 0.0)) + LOG_OFFSET);
        }
        return y;
    }
}
