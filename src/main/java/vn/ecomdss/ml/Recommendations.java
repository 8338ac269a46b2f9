package vn.ecomdss.ml;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Recommendations on request, from the champion held in memory (loaded on the first request and again whenever the
 * registry names another): a customer's purchases over the champion's training window up to the origin of the
 * champion's latest scoring of that source (before any, the last day the warehouse holds sales of) are folded in as
 * the batch scoring does, so the answer equals the customer's rows in {@code ml.recommendation}. Related products are the champion's own, as the scoring wrote them.
 */
@Component
public class Recommendations {

    static final String MODEL = "recommendations";

    public record Recommended(String source, String customerId, int modelVersion, List<Product> products) {
    }

    public record Related(String source, String productId, int modelVersion, List<Product> products) {
    }

    /** One product offered, in rank order; for related products {@code score} is the cosine of their orders. */
    public record Product(int rank, String productId, double score) {
    }

    /** Why there is no answer: no champion yet, or the customer or product is unknown. */
    public static final class Unavailable extends RuntimeException {
        private final boolean noChampion;

        Unavailable(boolean noChampion, String message) {
            super(message);
            this.noChampion = noChampion;
        }

        public boolean noChampion() {
            return noChampion;
        }
    }

    private static final String CUSTOMER = """
            select count(*) from dw.dim_customer where source = ? and customer_id = ? and is_current
            """;
    private static final String LAST_DAY = "select max(order_date) from dw.fact_sales where order_date <= current_date";
    private static final String LAST_SCORED = """
            select max(origin_date) from ml.recommendation where model_version = ? and source = ?
            """;

    private record Loaded(RegisteredModel champion, RecommendationModel model) {
    }

    private final ModelRegistry registry;
    private final RecommendationsKind kind;
    private final JdbcTemplate jdbc;
    private Loaded loaded;

    public Recommendations(ModelRegistry registry, RecommendationsKind kind, JdbcTemplate jdbc) {
        this.registry = registry;
        this.kind = kind;
        this.jdbc = jdbc;
    }

    public Recommended forCustomer(String source, String customerId) {
        Loaded champion = champion();
        Integer known = jdbc.queryForObject(CUSTOMER, Integer.class, source, customerId);
        if (known == null || known == 0) {
            throw new Unavailable(false, source + "/" + customerId + " is not a current customer of that source");
        }
        int days = champion.champion().parameters().path("training_days").asInt(365);
        LocalDate scored = jdbc.queryForObject(LAST_SCORED, LocalDate.class, champion.champion().version(), source);
        LocalDate last = scored != null ? scored : jdbc.queryForObject(LAST_DAY, LocalDate.class);
        String key = RecommendationModel.key(source, customerId);
        List<RecommendationsKind.Line> lines = (last == null ? List.<RecommendationsKind.Line>of()
                : kind.lines(last.minusDays(days - 1L), last, source, customerId)).stream()
                .filter(l -> l.customer().equals(key)).toList();
        Map<String, ImplicitAls.Row> history = RecommendationsKind.histories(champion.model(), lines);
        List<RecommendationModel.Ranked> ranked = champion.model().recommend(source,
                history.getOrDefault(key, RecommendationsKind.EMPTY),
                champion.champion().parameters().path("top_n").asInt(10));
        List<Product> products = new ArrayList<>();
        for (int r = 0; r < ranked.size(); r++) {
            products.add(new Product(r + 1, RecommendationModel.id(champion.model().keyOf(ranked.get(r).item())),
                    ranked.get(r).score()));
        }
        return new Recommended(source, customerId, champion.champion().version(), products);
    }

    public Related relatedTo(String source, String productId) {
        Loaded champion = champion();
        Integer item = champion.model().indexOf(RecommendationModel.key(source, productId));
        if (item == null) {
            throw new Unavailable(false, source + "/" + productId + " was not bought in the champion's training window");
        }
        List<Product> products = new ArrayList<>();
        List<RecommendationModel.Related> related = champion.model().related(item);
        for (int r = 0; r < related.size(); r++) {
            products.add(new Product(r + 1, RecommendationModel.id(champion.model().keyOf(related.get(r).item())),
                    related.get(r).cosine()));
        }
        return new Related(source, productId, champion.champion().version(), products);
    }

    private synchronized Loaded champion() {
        Optional<Integer> version = registry.championVersion(MODEL);
        if (version.isEmpty()) {
            throw new Unavailable(true, "the recommendations model has no champion yet: run ml_retrain");
        }
        if (loaded == null || loaded.champion().version() != version.get()) {
            RegisteredModel champion = registry.version(MODEL, version.get()).orElseThrow();
            loaded = new Loaded(champion, kind.load(champion));
        }
        return loaded;
    }
}
