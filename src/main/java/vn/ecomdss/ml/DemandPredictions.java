package vn.ecomdss.ml;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Demand forecasts on request, from the champion held in memory: a product's forecast starts after the last day of
 * its series (the origin of the last scoring, normally yesterday) and runs for the champion's horizon or fewer days, so
 * it equals that scoring's row in {@code ml.demand_forecast} while the champion is the same. The champion is loaded
 * on the first request and again whenever the registry names another one; promotions are read at each request, so a
 * promotion planned since the scoring changes the answer at once.
 */
@Component
public class DemandPredictions {

    static final String MODEL = "demand";

    /** One product's forecast: made by {@code modelVersion} at the end of {@code origin}. */
    public record Forecast(String source, String productId, LocalDate origin, int modelVersion, List<Day> days) {
    }

    public record Day(LocalDate date, double quantity, double lower, double upper) {
    }

    private record Loaded(RegisteredModel champion, MlpRegressor network) {
    }

    /** A product of the latest scoring, with the units forecast over its horizon. */
    public record ForecastProduct(String source, String productId, String title, double units) {
    }

    private static final String FORECAST_PRODUCTS = """
            with latest as (select max(origin_date) as origin_date from ml.demand_forecast)
            select f.source, f.product_id, max(p.title), sum(f.quantity)
            from ml.demand_forecast f
            join latest l on l.origin_date = f.origin_date
            left join dw.dim_product p on p.source = f.source and p.product_id = f.product_id and p.is_current
            group by f.source, f.product_id
            order by sum(f.quantity) desc, f.source, f.product_id
            limit ?
            """;

    private final ModelRegistry registry;
    private final DemandFeatureStore store;
    private final DemandForecastKind kind;
    private final JdbcTemplate jdbc;
    private Loaded loaded;

    public DemandPredictions(ModelRegistry registry, DemandFeatureStore store, DemandForecastKind kind,
                             JdbcTemplate jdbc) {
        this.registry = registry;
        this.store = store;
        this.kind = kind;
        this.jdbc = jdbc;
    }

    /** The products the latest scoring forecast most units for, to choose from. */
    public List<ForecastProduct> forecastProducts(int limit) {
        return jdbc.query(FORECAST_PRODUCTS, (rs, n) -> new ForecastProduct(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getDouble(4)), limit);
    }

    /** The forecast for {@code days} days ({@code null}: the champion's horizon; never more). */
    public Forecast forecast(String source, String productId, Integer days) {
        Loaded champion = champion();
        int horizon = champion.champion().parameters().path("horizon_days").asInt();
        int length = days == null ? horizon : Math.min(days, horizon);
        DemandSeries series = store.series(source, productId).orElseThrow(() -> new PredictionUnavailable(false, source + "/"
                + productId + " has no demand series: it is not a product of that source, or it sold on too few "
                + "days to be modelled"));
        LocalDate origin = series.last();
        Map<LocalDate, CalendarDay> calendar = store.calendar(origin.plusDays(1), origin.plusDays(length));
        PlannedPromotions promotions = store.promotions(origin.minusDays(27), origin.plusDays(length), source,
                productId);
        List<DemandFeatureStore.Row> rows = new ArrayList<>();
        for (int h = 1; h <= length; h++) {
            float[] features = DemandFeatures.of(series, origin, h, calendar.get(origin.plusDays(h)), promotions);
            if (features == null) {
                throw new PredictionUnavailable(false, source + "/" + productId + " has less than "
                        + DemandFeatures.MIN_HISTORY_DAYS + " days of history on " + origin);
            }
            rows.add(new DemandFeatureStore.Row(source, productId, origin, origin.plusDays(h), h, features, null));
        }
        DemandForecastKind.Forecasts forecasts = DemandForecastKind.forecast(champion.network(),
                champion.champion().parameters(), rows);
        List<Day> answer = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            answer.add(new Day(rows.get(i).target(), forecasts.quantity()[i], forecasts.lower()[i], forecasts.upper()[i]));
        }
        return new Forecast(source, productId, origin, champion.champion().version(), answer);
    }

    private synchronized Loaded champion() {
        Optional<Integer> version = registry.championVersion(MODEL);
        if (version.isEmpty()) {
            throw new PredictionUnavailable(true, "the demand model has no champion yet: run ml_retrain");
        }
        if (loaded == null || loaded.champion().version() != version.get()) {
            RegisteredModel champion = registry.version(MODEL, version.get()).orElseThrow();
            if (loaded != null) {
                loaded.network().close();
            }
            loaded = new Loaded(champion, kind.load(champion));
        }
        return loaded;
    }

    @PreDestroy
    synchronized void close() {
        if (loaded != null) {
            loaded.network().close();
            loaded = null;
        }
    }
}
