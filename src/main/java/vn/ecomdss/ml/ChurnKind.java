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
 * {@code kind: churn}: the probability that a customer places no order in the next {@code churn-days}, from their
 * features at the end of the day ({@link CustomerFeatures}), by an ensemble of {@code ensemble} DJL networks trained
 * on the logistic loss ({@link MlpEnsemble#trainLogistic}; their probabilities averaged), learned and judged on the
 * customers who ordered in the last {@code active-days}, at {@code training-origins} rolling origins
 * {@code training-origin-step-days} apart. Judged on the last window before the cutoff: the networks trained on the
 * origins whose window ends where it starts, then asked for the held-out window; their ROC AUC against recency alone
 * ({@value #BASELINE}: the days since the last order as the score). The registered networks learn from the origins up
 * to the start of the held-out window.
 */
@Component
public class ChurnKind extends CustomerModelKind {

    static final String CODE_VERSION = "churn-mlp-logistic-ensemble-2";
    static final String METRIC = "auc";
    static final String BASELINE = "recency";

    private final DjlEngine engine;

    public ChurnKind(CustomerFeatures features, CustomerValueTable table, DjlEngine engine, JsonMapper json) {
        super(features, table, json);
        this.engine = engine;
    }

    @Override
    public String kind() {
        return "churn";
    }

    @Override
    public Metric metric() {
        return Metric.score(METRIC);
    }

    @Override
    public Map<String, Double> options() {
        return Map.of("churn-days", 90.0, "active-days", 365.0, "min-customers", 50.0, CustomerValueKind.ORIGINS, 7.0,
                CustomerValueKind.ORIGIN_STEP, 30.0, CustomerValueKind.ENSEMBLE, 5.0);
    }

    @Override
    public Trained train(ModelDefinition model, ModelDefinition.Training training, LocalDate cutoff, String runId,
                         Optional<RegisteredModel> champion) {
        int window = model.intOption("churn-days");
        int origins = model.intOption(CustomerValueKind.ORIGINS);
        int step = model.intOption(CustomerValueKind.ORIGIN_STEP);
        int members = model.intOption(CustomerValueKind.ENSEMBLE);
        LocalDate heldOutAsOf = cutoff.minusDays(window);
        LocalDate fitAsOf = heldOutAsOf.minusDays(window);
        int active = model.intOption("active-days");
        Rows fit = rows(fitAsOf, window, active, origins, step);
        List<CustomerFeatures.Customer> test = active(features.asOf(heldOutAsOf), active);
        int least = model.intOption("min-customers");
        if (fit.latest() < least || test.size() < least) {
            throw new TooLittleData(model.name() + ": " + fit.latest() + " customers with an order in the " + active
                    + " days to " + fitAsOf + " and " + test.size() + " to " + heldOutAsOf + "; training needs "
                    + least + " or more at both");
        }
        float[] testLabels = churned(test, features.spend(heldOutAsOf, cutoff));
        boolean[] positive = new boolean[testLabels.length];
        double[] recency = new double[testLabels.length];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = testLabels[i] == 1;
            recency[i] = test.get(i).recencyDays();
        }
        double baselineAuc = RankMetrics.auc(recency, positive);
        double heldOut = heldOut(training.network(), members, fit, test, positive);
        Double championAuc = champion.map(c -> heldOut(MlpRegressor.settingsOf(c.parameters()),
                c.parameters().path("ensemble").asInt(1), fit, test, positive)).orElse(null);
        double churnRate = 0;
        for (float label : testLabels) {
            churnRate += label / testLabels.length;
        }

        Rows latest = rows(heldOutAsOf, window, active, origins, step);
        ModelRegistry.Candidate candidate;
        try (MlpEnsemble network = MlpEnsemble.trainLogistic(engine.engine(), training.network(), members,
                latest.x(), latest.y())) {
            ObjectNode parameters = json.createObjectNode();
            network.describe(parameters);
            parameters.put("churn_days", window).put("training_origins", latest.origins())
                    .put("origin_step_days", step);
            ObjectNode metrics = json.createObjectNode().put(METRIC, heldOut).put("churn_rate", churnRate)
                    .put("held_out_as_of", heldOutAsOf.toString()).put("held_out_rows", test.size())
                    .put("training_rows", fit.x().length).put("training_origins", fit.origins());
            ObjectNode baselines = json.createObjectNode().put(BASELINE, baselineAuc);
            ObjectNode fold = json.createObjectNode().put("features_as_of", heldOutAsOf.toString())
                    .put("held_out_to", cutoff.toString()).put(METRIC, heldOut).put(BASELINE, baselineAuc);
            candidate = new ModelRegistry.Candidate(model.name(), kind(), runId, cutoff,
                    fitAsOf.minusDays((long) (origins - 1) * step + 365), cutoff, CODE_VERSION, parameters, metrics,
                    baselines, json.createArrayNode().add(fold), network.artifact());
        }
        Map<String, Double> baselineFigures = new LinkedHashMap<>();
        baselineFigures.put(BASELINE, baselineAuc);
        String summary = String.format("%d rows at %d origins to %s, %d customers at %s (%.1f%% churned within %d "
                + "days), %d networks: auc %.4f, recency auc %.4f", fit.x().length, fit.origins(), fitAsOf,
                test.size(), heldOutAsOf, 100 * churnRate, window, members, heldOut, baselineAuc);
        return new Trained(candidate, metric(), heldOut, baselineFigures, championAuc, summary);
    }

    /**
     * The rows a classifier learns from: the customers active at {@code origins} days {@code step} apart, the last
     * {@code latest}, each labelled 1 when they ordered nothing in the {@code window} days after (none of it after
     * {@code latest + window}); an origin without active customers adds nothing.
     */
    private Rows rows(LocalDate latest, int window, int active, int origins, int step) {
        List<float[]> x = new ArrayList<>();
        List<Float> y = new ArrayList<>();
        int used = 0;
        int atLatest = 0;
        for (int k = 0; k < origins; k++) {
            LocalDate origin = latest.minusDays((long) k * step);
            List<CustomerFeatures.Customer> customers = active(features.asOf(origin), active);
            if (customers.isEmpty()) {
                continue;
            }
            used++;
            if (k == 0) {
                atLatest = customers.size();
            }
            float[] labels = churned(customers, features.spend(origin, origin.plusDays(window)));
            for (int i = 0; i < labels.length; i++) {
                x.add(customers.get(i).vector());
                y.add(labels[i]);
            }
        }
        float[] labels = new float[y.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = y.get(i);
        }
        return new Rows(x.toArray(new float[0][]), labels, used, atLatest);
    }

    private record Rows(float[][] x, float[] y, int origins, int latest) {
    }

    private double heldOut(MlpRegressor.Settings settings, int members, Rows fit, List<CustomerFeatures.Customer> test,
                           boolean[] positive) {
        try (MlpEnsemble network = MlpEnsemble.trainLogistic(engine.engine(), settings, members, fit.x(), fit.y())) {
            float[] p = network.predict(CustomerValueKind.vectors(test));
            double[] score = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                score[i] = p[i];
            }
            return RankMetrics.auc(score, positive);
        }
    }

    @Override
    public long score(ModelDefinition model, RegisteredModel champion, LocalDate origin, String runId) {
        List<CustomerFeatures.Customer> customers = features.store(origin, runId);
        float[] p;
        try (MlpEnsemble network = MlpEnsemble.load(engine.engine(), champion.parameters(), champion.artifact())) {
            p = network.predict(CustomerValueKind.vectors(customers));
        }
        List<CustomerValueTable.Figure> figures = new ArrayList<>(customers.size());
        for (int i = 0; i < p.length; i++) {
            figures.add(new CustomerValueTable.Figure(customers.get(i).source(), customers.get(i).customerId(),
                    probability(p[i])));
        }
        return table.churn(figures, champion.version(), origin, runId);
    }

    /**
     * The customers who ordered in the last {@code days}: whom churn is learned and judged on (one gone for years has
     * churned already, and would make recency look better than any model). Scoring still scores everyone.
     */
    private static List<CustomerFeatures.Customer> active(List<CustomerFeatures.Customer> customers, int days) {
        return customers.stream().filter(c -> c.recencyDays() < days).toList();
    }

    /** As stored and served: four decimals. */
    static double probability(float p) {
        return Math.round(p * 10_000.0) / 10_000.0;
    }

    /** 1 for each customer with no order in the window ({@code spend} holds those who ordered). */
    private static float[] churned(List<CustomerFeatures.Customer> customers, Map<String, Double> spend) {
        float[] y = new float[customers.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = spend.containsKey(customers.get(i).key()) ? 0 : 1;
        }
        return y;
    }
}
