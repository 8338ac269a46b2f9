package vn.ecomdss.ml;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One customer's value, churn probability and segment on request, from the three customer champions held in memory
 * (each loaded on the first request and again when the registry names another), on the customer's features at the
 * end of the latest scored day (the day before today in Vietnam before any scoring): the figures the scoring wrote
 * into {@code ml.customer_value} while the champions are the same. A model without a champion leaves its figures
 * out; with none of the three the answer is unavailable.
 */
@Component
public class CustomerPredictions {

    static final String VALUE = "customer-value";
    static final String CHURN = "churn";
    static final String SEGMENTS = "segments";

    private static final String LATEST_ORIGIN = "select max(origin_date) from ml.customer_value";

    /** The figures of one customer; a model without a champion leaves its figures null. */
    public record CustomerPrediction(String source, String customerId, LocalDate origin, Double predictedValueVnd,
                                     Integer valueHorizonDays, Integer valueModelVersion, Double churnProbability,
                                     Integer churnModelVersion, String segment, Integer segmentModelVersion) {
    }

    private record LoadedEnsemble(RegisteredModel champion, MlpEnsemble network) {
    }

    private final ModelRegistry registry;
    private final CustomerFeatures features;
    private final DjlEngine engine;
    private final JdbcTemplate jdbc;
    private LoadedEnsemble value;
    private LoadedEnsemble churn;
    private RegisteredModel segmentsChampion;
    private CustomerSegmentsKind.Segments segments;

    public CustomerPredictions(ModelRegistry registry, CustomerFeatures features, DjlEngine engine, JdbcTemplate jdbc) {
        this.registry = registry;
        this.features = features;
        this.engine = engine;
        this.jdbc = jdbc;
    }

    public synchronized CustomerPrediction predict(String source, String customerId) {
        Optional<Integer> valueVersion = registry.championVersion(VALUE);
        Optional<Integer> churnVersion = registry.championVersion(CHURN);
        Optional<Integer> segmentsVersion = registry.championVersion(SEGMENTS);
        if (valueVersion.isEmpty() && churnVersion.isEmpty() && segmentsVersion.isEmpty()) {
            throw new PredictionUnavailable(true, "none of the customer models (" + VALUE + ", " + CHURN + ", "
                    + SEGMENTS + ") has a champion yet: run ml_retrain");
        }
        LocalDate scored = jdbc.queryForObject(LATEST_ORIGIN, LocalDate.class);
        LocalDate origin = scored != null ? scored : LocalDate.now(PriceListings.VIETNAM).minusDays(1);
        CustomerFeatures.Customer customer = features.of(source, customerId, origin).orElseThrow(() ->
                new PredictionUnavailable(false, source + "/" + customerId + " had no order by the end of " + origin
                        + " (unknown, not yet loaded, or only cancelled orders)"));
        List<CustomerFeatures.Customer> one = List.of(customer);
        Double predicted = null;
        Integer horizon = null;
        if (valueVersion.isPresent()) {
            value = load(value, VALUE, valueVersion.get());
            predicted = (double) Math.round(CustomerValueKind.spend(value.network(),
                    CustomerValueKind.unitOf(value.champion()), one)[0]);
            horizon = value.champion().parameters().path("clv_horizon_days").asInt();
        }
        Double probability = null;
        if (churnVersion.isPresent()) {
            churn = load(churn, CHURN, churnVersion.get());
            probability = ChurnKind.probability(churn.network().predict(CustomerValueKind.vectors(one))[0]);
        }
        String segment = null;
        if (segmentsVersion.isPresent()) {
            if (segmentsChampion == null || segmentsChampion.version() != segmentsVersion.get()) {
                segmentsChampion = registry.champion(SEGMENTS).orElseThrow(() -> new PredictionUnavailable(true,
                        "the segments model lost its champion: ask again"));
                segments = CustomerSegmentsKind.Segments.fromJson(segmentsChampion.parameters().path("segments"));
            }
            segment = segments.of(customer);
        }
        return new CustomerPrediction(source, customerId, origin, predicted, horizon,
                valueVersion.orElse(null), probability, churnVersion.orElse(null), segment,
                segmentsVersion.orElse(null));
    }

    private LoadedEnsemble load(LoadedEnsemble loaded, String model, int version) {
        if (loaded != null && loaded.champion().version() == version) {
            return loaded;
        }
        RegisteredModel champion = registry.champion(model).orElseThrow(() -> new PredictionUnavailable(true,
                "the " + model + " model lost its champion: ask again"));
        MlpEnsemble network = MlpEnsemble.load(engine.engine(), champion.parameters(), champion.artifact());
        if (loaded != null) {
            loaded.network().close();
        }
        return new LoadedEnsemble(champion, network);
    }

    @PreDestroy
    synchronized void close() {
        if (value != null) {
            value.network().close();
        }
        if (churn != null) {
            churn.network().close();
        }
    }
}
