package vn.ecomdss.ml;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import vn.ecomdss.pipeline.CopyWriter;

/**
 * {@code kind: recommendations}: products a customer is likely to buy next, by implicit-feedback matrix factorisation
 * ({@link ImplicitAls}) of the order lines of {@code dw.fact_sales} over {@code training-days} up to the cutoff
 * (each product weighted by the orders that held it; cancelled lines left out), and each product's "frequently bought
 * together" products by the cosine of their orders. Judged by hit rate at 10: each customer's last order before the
 * cutoff is left out, the model trained on the rest, and a hit is one of its ten best unbought products in that
 * order; against the most bought products ({@code popularity}) and item-to-item cosine of the customer's products
 * ({@code item_cosine}). {@code dw.fact_user_activity_daily} holds counts per customer and event type only, no
 * products, so views are not used.
 */
@Component
public class RecommendationsKind implements ModelKind {

    static final String CODE_VERSION = "recommendations-als-1";
    static final String METRIC = "hit_rate_at_10";
    static final String POPULARITY = "popularity";
    static final String ITEM_COSINE = "item_cosine";
    private static final int AT = 10;

    private static final String LINES = """
            select c.source, c.customer_id, p.product_id, f.source || ':' || f.order_id, f.order_date
            from dw.fact_sales f
            join dw.dim_customer c on c.customer_key = f.customer_key
            join dw.dim_product p on p.product_key = f.product_key
            where f.order_date between ? and ? and f.quantity > 0 and coalesce(f.order_status, '') <> 'cancelled'
              and c.source = p.source
            order by f.order_date, 4, p.product_id
            """;
    /** One customer's lines, through its keys (every SCD2 version) and the index on the fact's customer key. */
    private static final String CUSTOMER_LINES = """
            select c.source, c.customer_id, p.product_id, f.source || ':' || f.order_id, f.order_date
            from dw.fact_sales f
            join dw.dim_customer c on c.customer_key = f.customer_key
            join dw.dim_product p on p.product_key = f.product_key
            where f.customer_key = any (array(select customer_key from dw.dim_customer
                                              where source = ? and customer_id = ?))
              and f.order_date between ? and ? and f.quantity > 0 and coalesce(f.order_status, '') <> 'cancelled'
              and c.source = p.source
            order by f.order_date, 4, p.product_id
            """;
    private static final String CUSTOMERS = """
            select source, customer_id from dw.dim_customer where is_current and not is_inferred
            order by source, customer_id
            """;
    private static final String CLEAR_RECOMMENDATIONS = "delete from ml.recommendation";
    private static final String CLEAR_RELATED = "delete from ml.related_product";
    private static final String COPY_RECOMMENDATIONS = """
            copy ml.recommendation (source, customer_id, rank, product_id, score, model_version, origin_date, run_id)
            from stdin
            """;
    private static final String COPY_RELATED = """
            copy ml.related_product (source, product_id, rank, related_product_id, score, lift, orders_together,
                                     model_version, run_id)
            from stdin
            """;

    /** One order line: the customer and product keyed by source, the order and its day. */
    record Line(String customer, String product, String order, LocalDate date) {
    }

    private final JdbcTemplate jdbc;
    private final CopyWriter copy;
    private final JsonMapper json;

    public RecommendationsKind(JdbcTemplate jdbc, CopyWriter copy, JsonMapper json) {
        this.jdbc = jdbc;
        this.copy = copy;
        this.json = json;
    }

    @Override
    public String kind() {
        return "recommendations";
    }

    @Override
    public List<String> reads() {
        return List.of("dw.fact_sales", "dw.dim_customer", "dw.dim_product");
    }

    @Override
    public String scores() {
        return "ml.recommendation";
    }

    @Override
    public Metric metric() {
        return Metric.score(METRIC);
    }

    @Override
    public Map<String, Double> options() {
        return Map.of("factors", 32.0, "iterations", 12.0, "regularization", 0.1, "alpha", 10.0, "top-n", 10.0,
                "related-n", 10.0, "min-orders-together", 2.0);
    }

    @Override
    public Trained train(ModelDefinition model, ModelDefinition.Training training, LocalDate cutoff, String runId,
                         Optional<RegisteredModel> champion) {
        LocalDate from = cutoff.minusDays(training.trainingDays() - 1L);
        List<Line> lines = lines(from, cutoff);
        Map<String, List<Line>> byCustomer = new TreeMap<>();
        lines.forEach(l -> byCustomer.computeIfAbsent(l.customer(), c -> new ArrayList<>()).add(l));
        Map<String, Set<String>> heldOut = new TreeMap<>();
        Set<String> lastOrders = new HashSet<>();
        byCustomer.forEach((customer, own) -> {
            String last = own.get(own.size() - 1).order();
            if (own.get(0).order().equals(last)) {
                return;
            }
            Set<String> before = new HashSet<>();
            Set<String> after = new TreeSet<>();
            own.forEach(l -> (l.order().equals(last) ? after : before).add(l.product()));
            after.removeAll(before);
            if (!after.isEmpty()) {
                heldOut.put(customer, after);
                lastOrders.add(last);
            }
        });
        if (heldOut.isEmpty()) {
            throw new TooLittleData(model.name() + ": no customer bought new products in a second order between "
                    + from + " and " + cutoff + "; there is nothing to judge a recommendation by");
        }
        List<Line> fit = lines.stream().filter(l -> !lastOrders.contains(l.order())).toList();
        Purchases known = Purchases.of(fit);
        ImplicitAls.Settings settings = settings(model, training);
        double hitRate = hitRate(known, heldOut, modelRecommender(known, settings));
        double popularity = hitRate(known, heldOut, popularityRecommender(known));
        double cosine = hitRate(known, heldOut, cosineRecommender(known));
        Double championRate = champion.map(c -> hitRate(known, heldOut,
                modelRecommender(known, settingsOf(c.parameters())))).orElse(null);

        Purchases all = Purchases.of(lines);
        RecommendationModel trained = new RecommendationModel(settings, all.keys, all.popularity,
                ImplicitAls.train(settings, all.rows, all.keys.size()), related(all, lines, model));
        Map<String, Double> baselines = new LinkedHashMap<>();
        baselines.put(POPULARITY, popularity);
        baselines.put(ITEM_COSINE, cosine);
        ObjectNode metrics = json.createObjectNode().put(METRIC, hitRate).put("customers_held_out", heldOut.size())
                .put("products", all.keys.size()).put("customers", all.customers.size());
        ObjectNode baselineMetrics = json.createObjectNode().put(POPULARITY, popularity).put(ITEM_COSINE, cosine);
        ObjectNode fold = json.createObjectNode().put("held_out", "each customer's last order up to " + cutoff)
                .put("customers_held_out", heldOut.size()).put("training_lines", fit.size()).put(METRIC, hitRate)
                .put(POPULARITY, popularity).put(ITEM_COSINE, cosine);
        LocalDate dataFrom = lines.stream().map(Line::date).min(LocalDate::compareTo).orElse(from);
        ModelRegistry.Candidate candidate = new ModelRegistry.Candidate(model.name(), kind(), runId, cutoff, dataFrom,
                cutoff, CODE_VERSION, parameters(settings, model, training), metrics, baselineMetrics,
                json.createArrayNode().add(fold), trained.artifact());
        String summary = String.format("%d customers, %d products, %d held-out last orders: hit rate@10 %.4f, "
                        + "popularity %.4f, item cosine %.4f%s", all.customers.size(), all.keys.size(), heldOut.size(),
                hitRate, popularity, cosine, championRate == null ? "" : String.format(", champion %.4f", championRate));
        return new Trained(candidate, Metric.score(METRIC), hitRate, baselines, championRate, summary);
    }

    @Override
    public long score(ModelDefinition model, RegisteredModel champion, LocalDate origin, String runId) {
        RecommendationModel loaded = load(champion);
        int days = champion.parameters().path("training_days").asInt(365);
        int topN = champion.parameters().path("top_n").asInt(10);
        Map<String, ImplicitAls.Row> histories = histories(loaded, lines(origin.minusDays(days - 1L), origin));
        List<Object[]> rows = new ArrayList<>();
        Set<String> sources = new HashSet<>();
        for (int i = 0; i < loaded.items(); i++) {
            sources.add(RecommendationModel.source(loaded.keyOf(i)));
        }
        jdbc.query(CUSTOMERS, rs -> {
            String source = rs.getString(1);
            if (!sources.contains(source)) {
                return;
            }
            String customer = RecommendationModel.key(source, rs.getString(2));
            ImplicitAls.Row history = histories.getOrDefault(customer, EMPTY);
            List<RecommendationModel.Ranked> ranked = loaded.recommend(source, history, topN);
            for (int r = 0; r < ranked.size(); r++) {
                rows.add(new Object[] {source, rs.getString(2), r + 1,
                        RecommendationModel.id(loaded.keyOf(ranked.get(r).item())), ranked.get(r).score(),
                        champion.version(), origin, runId});
            }
        });
        List<Object[]> related = new ArrayList<>();
        for (int i = 0; i < loaded.items(); i++) {
            String key = loaded.keyOf(i);
            List<RecommendationModel.Related> list = loaded.related(i);
            for (int r = 0; r < list.size(); r++) {
                RecommendationModel.Related with = list.get(r);
                related.add(new Object[] {RecommendationModel.source(key), RecommendationModel.id(key), r + 1,
                        RecommendationModel.id(loaded.keyOf(with.item())), with.cosine(), with.lift(),
                        with.ordersTogether(), champion.version(), runId});
            }
        }
        jdbc.update(CLEAR_RECOMMENDATIONS);
        jdbc.update(CLEAR_RELATED);
        copy.copy("ml.recommendation", COPY_RECOMMENDATIONS, rows, row -> row);
        copy.copy("ml.related_product", COPY_RELATED, related, row -> row);
        return rows.size() + (long) related.size();
    }

    static final ImplicitAls.Row EMPTY = new ImplicitAls.Row(new int[0], new int[0]);

    /** The champion, ready to recommend. */
    RecommendationModel load(RegisteredModel champion) {
        return RecommendationModel.load(settingsOf(champion.parameters()), champion.artifact());
    }

    /** Each customer's purchases of the model's catalogue from {@code lines} (products it does not know left out). */
    static Map<String, ImplicitAls.Row> histories(RecommendationModel model, List<Line> lines) {
        Map<String, TreeMap<Integer, Set<String>>> orders = new HashMap<>();
        for (Line line : lines) {
            Integer item = model.indexOf(line.product());
            if (item != null) {
                orders.computeIfAbsent(line.customer(), c -> new TreeMap<>())
                        .computeIfAbsent(item, i -> new HashSet<>()).add(line.order());
            }
        }
        Map<String, ImplicitAls.Row> rows = new HashMap<>();
        orders.forEach((customer, items) -> rows.put(customer, row(items)));
        return rows;
    }

    /** The order lines from {@code from} to {@code to}, inclusive. */
    List<Line> lines(LocalDate from, LocalDate to) {
        return lines(from, to, null, null);
    }

    /** One customer's lines from {@code from} to {@code to} (every customer's when {@code source} is null). */
    List<Line> lines(LocalDate from, LocalDate to, String source, String customerId) {
        RowMapper<Line> line = (rs, n) -> new Line(RecommendationModel.key(rs.getString(1), rs.getString(2)),
                RecommendationModel.key(rs.getString(1), rs.getString(3)), rs.getString(4),
                rs.getDate(5).toLocalDate());
        return source == null ? jdbc.query(LINES, line, Date.valueOf(from), Date.valueOf(to))
                : jdbc.query(CUSTOMER_LINES, line, source, customerId, Date.valueOf(from), Date.valueOf(to));
    }

    private static ImplicitAls.Row row(TreeMap<Integer, Set<String>> items) {
        int[] index = new int[items.size()];
        int[] orders = new int[items.size()];
        int n = 0;
        for (Map.Entry<Integer, Set<String>> e : items.entrySet()) {
            index[n] = e.getKey();
            orders[n++] = e.getValue().size();
        }
        return new ImplicitAls.Row(index, orders);
    }

    /** The catalogue of some lines (products in key order), each product's buyers, and each customer's purchases. */
    private static final class Purchases {
        final List<String> keys;
        final int[] popularity;
        final List<String> customers;
        final List<ImplicitAls.Row> rows;
        final Map<Integer, Map<Integer, Integer>> together = new HashMap<>();

        private Purchases(List<String> keys, int[] popularity, List<String> customers, List<ImplicitAls.Row> rows) {
            this.keys = keys;
            this.popularity = popularity;
            this.customers = customers;
            this.rows = rows;
        }

        static Purchases of(List<Line> lines) {
            List<String> keys = new ArrayList<>(new TreeSet<>(lines.stream().map(Line::product).toList()));
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                index.put(keys.get(i), i);
            }
            Map<String, TreeMap<Integer, Set<String>>> byCustomer = new TreeMap<>();
            for (Line line : lines) {
                byCustomer.computeIfAbsent(line.customer(), c -> new TreeMap<>())
                        .computeIfAbsent(index.get(line.product()), i -> new HashSet<>()).add(line.order());
            }
            int[] popularity = new int[keys.size()];
            List<ImplicitAls.Row> rows = new ArrayList<>();
            byCustomer.values().forEach(items -> {
                ImplicitAls.Row row = row(items);
                rows.add(row);
                for (int i : row.index()) {
                    popularity[i]++;
                }
            });
            return new Purchases(keys, popularity, new ArrayList<>(byCustomer.keySet()), rows);
        }

        int indexOfCustomer(String customer) {
            return java.util.Collections.binarySearch(customers, customer);
        }

        /** Customers who bought both, per pair of products: the item-to-item co-occurrence of the cosine baseline. */
        synchronized Map<Integer, Map<Integer, Integer>> together() {
            if (together.isEmpty()) {
                for (ImplicitAls.Row row : rows) {
                    for (int a : row.index()) {
                        for (int b : row.index()) {
                            if (a != b) {
                                together.computeIfAbsent(a, x -> new HashMap<>()).merge(b, 1, Integer::sum);
                            }
                        }
                    }
                }
            }
            return together;
        }
    }

    /** A way of choosing ten products for a customer of a source who bought {@code row}: the catalogue indexes. */
    private interface Recommender {
        List<Integer> top(String source, ImplicitAls.Row row);
    }

    private static double hitRate(Purchases known, Map<String, Set<String>> heldOut, Recommender recommender) {
        int hits = 0;
        for (Map.Entry<String, Set<String>> e : heldOut.entrySet()) {
            int c = known.indexOfCustomer(e.getKey());
            ImplicitAls.Row row = c < 0 ? EMPTY : known.rows.get(c);
            String source = RecommendationModel.source(e.getKey());
            for (int item : recommender.top(source, row)) {
                if (e.getValue().contains(known.keys.get(item))) {
                    hits++;
                    break;
                }
            }
        }
        return (double) hits / heldOut.size();
    }

    private static Recommender modelRecommender(Purchases known, ImplicitAls.Settings settings) {
        RecommendationModel model = new RecommendationModel(settings, known.keys, known.popularity,
                ImplicitAls.train(settings, known.rows, known.keys.size()), emptyRelated(known.keys.size()));
        return (source, row) -> model.recommend(source, row, AT).stream().map(RecommendationModel.Ranked::item).toList();
    }

    private static Recommender popularityRecommender(Purchases known) {
        return (source, row) -> ranked(known, source, row, item -> 0.0);
    }

    /** Each product scored by the sum of its cosines (customers who bought both) with the customer's products. */
    private static Recommender cosineRecommender(Purchases known) {
        Map<Integer, Map<Integer, Integer>> together = known.together();
        return (source, row) -> {
            Map<Integer, Double> scores = new HashMap<>();
            for (int a : row.index()) {
                together.getOrDefault(a, Map.of()).forEach((b, both) -> scores.merge(b,
                        both / Math.sqrt((double) known.popularity[a] * known.popularity[b]), Double::sum));
            }
            return ranked(known, source, row, item -> scores.getOrDefault(item, 0.0));
        };
    }

    /** The ten best unbought products of {@code source} by {@code score}, then popularity, then key. */
    private static List<Integer> ranked(Purchases known, String source, ImplicitAls.Row row,
                                        java.util.function.IntToDoubleFunction score) {
        Set<Integer> bought = new HashSet<>();
        for (int i : row.index()) {
            bought.add(i);
        }
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < known.keys.size(); i++) {
            if (!bought.contains(i) && RecommendationModel.source(known.keys.get(i)).equals(source)) {
                items.add(i);
            }
        }
        Map<Integer, Double> scores = new HashMap<>();
        items.forEach(i -> scores.put(i, score.applyAsDouble(i)));
        items.sort((a, b) -> !scores.get(a).equals(scores.get(b)) ? Double.compare(scores.get(b), scores.get(a))
                : known.popularity[a] != known.popularity[b] ? Integer.compare(known.popularity[b], known.popularity[a])
                : Integer.compare(a, b));
        return items.subList(0, Math.min(AT, items.size()));
    }

    /**
     * Each product's products bought in the same orders, at least {@code min-orders-together} of them, best cosine
     * first (then more orders together, then key), {@code related-n} at most.
     */
    private static List<List<RecommendationModel.Related>> related(Purchases all, List<Line> lines,
                                                                   ModelDefinition model) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < all.keys.size(); i++) {
            index.put(all.keys.get(i), i);
        }
        Map<String, TreeSet<Integer>> baskets = new LinkedHashMap<>();
        lines.forEach(l -> baskets.computeIfAbsent(l.order(), o -> new TreeSet<>()).add(index.get(l.product())));
        int[] orders = new int[all.keys.size()];
        Map<Integer, Map<Integer, Integer>> together = new HashMap<>();
        for (TreeSet<Integer> basket : baskets.values()) {
            for (int a : basket) {
                orders[a]++;
                for (int b : basket) {
                    if (a != b) {
                        together.computeIfAbsent(a, x -> new HashMap<>()).merge(b, 1, Integer::sum);
                    }
                }
            }
        }
        int min = model.intOption("min-orders-together");
        int n = model.intOption("related-n");
        double total = baskets.size();
        List<List<RecommendationModel.Related>> related = new ArrayList<>();
        for (int a = 0; a < all.keys.size(); a++) {
            List<RecommendationModel.Related> list = new ArrayList<>();
            int from = a;
            together.getOrDefault(a, Map.of()).forEach((b, both) -> {
                if (both >= min) {
                    list.add(new RecommendationModel.Related(b,
                            Math.round(both / Math.sqrt((double) orders[from] * orders[b]) * 1e6) / 1e6,
                            Math.round(both * total / ((double) orders[from] * orders[b]) * 1e4) / 1e4, both));
                }
            });
            list.sort((x, y) -> x.cosine() != y.cosine() ? Double.compare(y.cosine(), x.cosine())
                    : x.ordersTogether() != y.ordersTogether() ? Integer.compare(y.ordersTogether(), x.ordersTogether())
                    : Integer.compare(x.item(), y.item()));
            related.add(List.copyOf(list.subList(0, Math.min(n, list.size()))));
        }
        return related;
    }

    private static List<List<RecommendationModel.Related>> emptyRelated(int items) {
        List<List<RecommendationModel.Related>> empty = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            empty.add(List.of());
        }
        return empty;
    }

    private static ImplicitAls.Settings settings(ModelDefinition model, ModelDefinition.Training training) {
        return new ImplicitAls.Settings(model.intOption("factors"), model.intOption("iterations"),
                model.option("regularization"), model.option("alpha"), training.seed());
    }

    private ObjectNode parameters(ImplicitAls.Settings settings, ModelDefinition model,
                                  ModelDefinition.Training training) {
        return json.createObjectNode().put("factors", settings.factors()).put("iterations", settings.iterations())
                .put("regularization", settings.regularization()).put("alpha", settings.alpha())
                .put("seed", settings.seed()).put("training_days", training.trainingDays())
                .put("top_n", model.intOption("top-n")).put("related_n", model.intOption("related-n"))
                .put("min_orders_together", model.intOption("min-orders-together"));
    }

    private static ImplicitAls.Settings settingsOf(JsonNode parameters) {
        return new ImplicitAls.Settings(parameters.path("factors").asInt(), parameters.path("iterations").asInt(),
                parameters.path("regularization").asDouble(), parameters.path("alpha").asDouble(),
                parameters.path("seed").asLong());
    }
}
