package vn.ecomdss.ml;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kind: customer-segments}: k-means ({@link KMeans}) on each customer's standardised recency, frequency,
 * spend, order value, trend, tenure and activity at the cutoff, each cluster named for people from its centroid
 * ("loyal high spenders", "at risk big spenders", ...; a name two clusters would share is told apart by their spend).
 * Judged by the silhouette on a seeded {@code held-out-share} of the customers the clusters were not fitted on,
 * against the RFM score bands ({@value #BASELINE}): the sum of each customer's recency, frequency and spend quintiles,
 * cut into as many bands as there are clusters, in the same space.
 */
@Component
public class CustomerSegmentsKind extends CustomerModelKind {

    static final String CODE_VERSION = "customer-segments-kmeans-1";
    static final String METRIC = "silhouette";
    static final String BASELINE = "rfm_score_bands";

    public CustomerSegmentsKind(CustomerFeatures features, CustomerValueTable table, JsonMapper json) {
        super(features, table, json);
    }

    @Override
    public String kind() {
        return "customer-segments";
    }

    @Override
    public Metric metric() {
        return Metric.score(METRIC);
    }

    @Override
    public Map<String, Double> options() {
        return Map.of("clusters", 5.0, "restarts", 8.0, "iterations", 100.0, "held-out-share", 0.3,
                "silhouette-sample", 2000.0);
    }

    /** The clustering space: what the names speak of, on a log scale. */
    static double[] space(CustomerFeatures.Customer c) {
        return new double[] {Math.log1p(c.recencyDays()), Math.log1p(c.orders365()), Math.log1p(c.spend365()),
                Math.log1p(c.avgOrderVnd()), Math.log1p(c.spend90()) - Math.log1p(c.spendPrev90()),
                Math.log1p(c.tenureDays()), Math.log1p(c.ordersAll()), Math.log1p(c.events90())};
    }

    /** The fitted segments: the space's mean and spread, the centroids in standard units, and their names. */
    record Segments(double[] mean, double[] std, double[][] centroids, List<String> names) {

        String of(CustomerFeatures.Customer customer) {
            return names.get(KMeans.nearest(centroids, standardise(space(customer))));
        }

        double[] standardise(double[] row) {
            double[] z = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                z[j] = (row[j] - mean[j]) / std[j];
            }
            return z;
        }

        ObjectNode json(ObjectNode node) {
            Arrays.stream(mean).forEach(node.putArray("mean")::add);
            Arrays.stream(std).forEach(node.putArray("std")::add);
            ArrayNode rows = node.putArray("centroids");
            for (double[] centroid : centroids) {
                Arrays.stream(centroid).forEach(rows.addArray()::add);
            }
            names.forEach(node.putArray("names")::add);
            return node;
        }

        static Segments fromJson(JsonNode node) {
            double[][] centroids = new double[node.path("centroids").size()][];
            for (int c = 0; c < centroids.length; c++) {
                centroids[c] = doubles(node.path("centroids").get(c));
            }
            List<String> names = new ArrayList<>();
            node.path("names").forEach(n -> names.add(n.asString()));
            return new Segments(doubles(node.path("mean")), doubles(node.path("std")), centroids, List.copyOf(names));
        }

        private static double[] doubles(JsonNode array) {
            double[] values = new double[array.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = array.get(i).asDouble();
            }
            return values;
        }
    }

    @Override
    public Trained train(ModelDefinition model, ModelDefinition.Training training, LocalDate cutoff, String runId,
                         Optional<RegisteredModel> champion) {
        int k = model.intOption("clusters");
        List<CustomerFeatures.Customer> all = features.asOf(cutoff);
        if (all.size() < 10 * k) {
            throw new TooLittleData(model.name() + ": " + all.size() + " customers with orders by " + cutoff
                    + "; " + k + " segments need " + 10 * k + " or more");
        }
        List<CustomerFeatures.Customer> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(training.seed()));
        int testSize = Math.min(model.intOption("silhouette-sample"),
                (int) Math.round(all.size() * model.option("held-out-share")));
        List<CustomerFeatures.Customer> test = shuffled.subList(0, testSize);
        List<CustomerFeatures.Customer> fit = shuffled.subList(testSize, shuffled.size());

        Segments segments = fit(fit, k, model.intOption("restarts"), model.intOption("iterations"), training.seed());
        double[][] testSpace = test.stream().map(c -> segments.standardise(space(c))).toArray(double[][]::new);
        double heldOut = silhouette(segments, testSpace);
        double baseline = KMeans.silhouette(testSpace, rfmBands(test, k), k);
        Double championSilhouette = champion.map(c -> silhouette(fit(fit, c.parameters().path("clusters").asInt(),
                c.parameters().path("restarts").asInt(), c.parameters().path("iterations").asInt(),
                c.parameters().path("seed").asLong()), testSpace)).orElse(null);

        ObjectNode parameters = json.createObjectNode().put("clusters", k)
                .put("restarts", model.intOption("restarts")).put("iterations", model.intOption("iterations"))
                .put("seed", training.seed());
        segments.json(parameters.putObject("segments"));
        ObjectNode metrics = json.createObjectNode().put(METRIC, heldOut).put("held_out_rows", test.size())
                .put("training_rows", fit.size());
        ObjectNode sizes = metrics.putObject("training_sizes");
        Map<String, Integer> counts = new LinkedHashMap<>();
        segments.names().forEach(n -> counts.put(n, 0));
        fit.forEach(c -> counts.merge(segments.of(c), 1, Integer::sum));
        counts.forEach(sizes::put);
        ObjectNode baselines = json.createObjectNode().put(BASELINE, baseline);
        ObjectNode fold = json.createObjectNode().put("as_of", cutoff.toString()).put(METRIC, heldOut)
                .put(BASELINE, baseline);
        ModelRegistry.Candidate candidate = new ModelRegistry.Candidate(model.name(), kind(), runId, cutoff,
                cutoff.minusDays(365), cutoff, CODE_VERSION, parameters, metrics, baselines,
                json.createArrayNode().add(fold), parameters.path("segments").toString()
                .getBytes(StandardCharsets.UTF_8));
        Map<String, Double> baselineFigures = new LinkedHashMap<>();
        baselineFigures.put(BASELINE, baseline);
        String summary = String.format("%d customers at %s in %d segments %s: silhouette %.4f on %d held out, RFM "
                + "score bands %.4f", all.size(), cutoff, k, counts, heldOut, test.size(), baseline);
        return new Trained(candidate, metric(), heldOut, baselineFigures, championSilhouette, summary);
    }

    private static double silhouette(Segments segments, double[][] testSpace) {
        int[] labels = new int[testSpace.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = KMeans.nearest(segments.centroids(), testSpace[i]);
        }
        return KMeans.silhouette(testSpace, labels, segments.centroids().length);
    }

    static Segments fit(List<CustomerFeatures.Customer> customers, int k, int restarts, int iterations, long seed) {
        double[][] raw = customers.stream().map(CustomerSegmentsKind::space).toArray(double[][]::new);
        int n = raw[0].length;
        double[] mean = new double[n];
        double[] std = new double[n];
        for (int j = 0; j < n; j++) {
            double sum = 0;
            double squares = 0;
            for (double[] row : raw) {
                sum += row[j];
                squares += row[j] * row[j];
            }
            mean[j] = sum / raw.length;
            std[j] = Math.max(1e-6, Math.sqrt(Math.max(0, squares / raw.length - mean[j] * mean[j])));
        }
        Segments unnamed = new Segments(mean, std, new double[0][], List.of());
        double[][] z = Arrays.stream(raw).map(unnamed::standardise).toArray(double[][]::new);
        double[][] centroids = KMeans.fit(z, k, restarts, iterations, seed);
        double[][] natural = new double[k][];
        for (int c = 0; c < k; c++) {
            natural[c] = new double[n];
            for (int j = 0; j < n; j++) {
                natural[c][j] = centroids[c][j] * std[j] + mean[j];
            }
        }
        // Clusters in order of their spend, so the same clustering always lists and names them alike.
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Double.compare(natural[b][2], natural[a][2]));
        double[][] sorted = new double[k][];
        double[][] sortedNatural = new double[k][];
        for (int c = 0; c < k; c++) {
            sorted[c] = centroids[order[c]];
            sortedNatural[c] = natural[order[c]];
        }
        return new Segments(mean, std, sorted, names(sortedNatural, mean));
    }

    /**
     * A name for people for each centroid (in the space's log units, highest spend first), against the mean
     * customer; a name already taken gets the cluster's spend rank among those sharing it.
     */
    static List<String> names(double[][] centroids, double[] mean) {
        List<String> base = new ArrayList<>();
        for (double[] c : centroids) {
            double recency = Math.expm1(c[0]);
            double orders365 = Math.expm1(c[1]);
            double ordersAll = Math.expm1(c[6]);
            double tenure = Math.expm1(c[5]);
            boolean bigSpender = c[2] > mean[2] + 0.5 || Math.log1p(Math.expm1(c[3]) * ordersAll) > mean[3] + mean[6];
            String name;
            if (tenure < 120 && ordersAll < 3) {
                name = "new customers";
            } else if (recency > 180 && ordersAll < 2.5) {
                name = "lapsed one-timers";
            } else if (recency > 90 && bigSpender) {
                name = "at risk big spenders";
            } else if (recency > 120) {
                name = "lapsing occasional buyers";
            } else if (bigSpender && orders365 >= Math.expm1(mean[1])) {
                name = "loyal high spenders";
            } else if (c[4] > 0.5) {
                name = "rising regulars";
            } else if (c[3] < mean[3]) {
                name = "occasional bargain hunters";
            } else {
                name = "steady regulars";
            }
            base.add(name);
        }
        Map<String, Integer> total = new HashMap<>();
        base.forEach(n -> total.merge(n, 1, Integer::sum));
        Map<String, Integer> seen = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (String name : base) {
            int rank = seen.merge(name, 1, Integer::sum);
            names.add(total.get(name) == 1 ? name : name + (rank == 1 ? " (highest spend)"
                    : rank == total.get(name) ? " (lowest spend)" : " (spend rank " + rank + ")"));
        }
        return List.copyOf(names);
    }

    /** The RFM score bands of {@code customers}: quintiles of recency (recent is high), frequency and spend. */
    static int[] rfmBands(List<CustomerFeatures.Customer> customers, int k) {
        int n = customers.size();
        double[] r = RankMetrics.ranks(customers.stream().mapToDouble(c -> -c.recencyDays()).toArray());
        double[] f = RankMetrics.ranks(customers.stream().mapToDouble(CustomerFeatures.Customer::orders365).toArray());
        double[] m = RankMetrics.ranks(customers.stream().mapToDouble(CustomerFeatures.Customer::spend365).toArray());
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            score[i] = quintile(r[i], n) + quintile(f[i], n) + quintile(m[i], n);
        }
        double[] ranks = RankMetrics.ranks(score);
        int[] bands = new int[n];
        for (int i = 0; i < n; i++) {
            bands[i] = Math.min(k - 1, (int) ((ranks[i] - 1) * k / n));
        }
        return bands;
    }

    private static int quintile(double rank, int n) {
        return Math.min(4, (int) ((rank - 1) * 5 / n)) + 1;
    }

    @Override
    public long score(ModelDefinition model, RegisteredModel champion, LocalDate origin, String runId) {
        List<CustomerFeatures.Customer> customers = features.store(origin, runId);
        Segments segments = Segments.fromJson(champion.parameters().path("segments"));
        List<CustomerValueTable.Figure> figures = new ArrayList<>(customers.size());
        for (CustomerFeatures.Customer customer : customers) {
            figures.add(new CustomerValueTable.Figure(customer.source(), customer.customerId(),
                    segments.of(customer)));
        }
        return table.segments(figures, champion.version(), origin, runId);
    }
}
