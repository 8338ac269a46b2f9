package vn.ecomdss.ml;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.CopyWriter;

/**
 * The demand side of the feature store: {@code ml.demand_daily}, each product's daily series rebuilt from the sales
 * facts (any source), and {@code ml.demand_feature}, the point-in-time features of every forecast a model is trained,
 * evaluated or scored on, keyed by product, origin and target day.
 */
@Component
public class DemandFeatureStore {

    private static final String CLEAR_SERIES = "delete from ml.demand_daily";
    /**
     * A product's series runs from the first day it sold (or a later start) to {@code cutoff}, from the facts up to
     * then only; a product that sold on fewer than {@code min_days} days has too little history to learn from and is
     * left out.
     */
    private static final String REBUILD_SERIES = """
            insert into ml.demand_daily (source, product_id, day, quantity, unit_price)
            with sold as (
                select f.source, p.product_id, f.order_date as day, sum(f.quantity)::integer as quantity,
                       round(sum(f.unit_price * f.quantity) / nullif(sum(f.quantity), 0), 2) as unit_price
                from dw.fact_sales f
                join dw.dim_product p on p.product_key = f.product_key
                where f.order_date <= ?
                group by 1, 2, 3
            ), spans as (
                select source, product_id, min(day) as first_day
                from sold group by 1, 2 having count(*) >= ?
            )
            select s.source, s.product_id, d::date, coalesce(sold.quantity, 0), sold.unit_price
            from spans s
            cross join lateral generate_series(greatest(s.first_day, ?::date), ?::date, interval '1 day') d
            left join sold on sold.source = s.source and sold.product_id = s.product_id and sold.day = d::date
            """;
    private static final String SERIES = """
            select source, product_id, day, quantity, unit_price from ml.demand_daily order by source, product_id, day
            """;
    private static final String PRODUCT_SERIES = """
            select source, product_id, day, quantity, unit_price from ml.demand_daily
            where source = ? and product_id = ? order by day
            """;
    private static final String CALENDAR = """
            select full_date, day_of_week, is_tet_season, is_shopping_festival or is_double_day_festival,
                   is_public_holiday, coalesce(days_from_tet, 999)
            from dw.dim_date where full_date between ? and ?
            """;
    private static final String PROMOTIONS = """
            select source, product_id, day, (announced_at at time zone 'Asia/Ho_Chi_Minh')::date,
                   coalesce(discount_percent, 0)
            from dw.promotion_day(?, ?)
            where (cast(? as text) is null or (source = ? and product_id = ?))
            """;
    private static final String CLEAR_FEATURES = "delete from ml.demand_feature where origin_date = ?";
    private static final String COPY_FEATURES = """
            copy ml.demand_feature (source, product_id, origin_date, target_date, horizon, features, quantity, built_by)
            from stdin
            """;
    private static final String ROWS = """
            select source, product_id, origin_date, target_date, horizon, features, quantity
            from ml.demand_feature
            where origin_date between ? and ? and target_date <= ? and quantity is not null
            order by origin_date, source, product_id, horizon
            """;

    /** One forecast's features and, once it has happened, what was sold. */
    public record Row(String source, String productId, LocalDate origin, LocalDate target, int horizon,
                      float[] features, Integer quantity) {
    }

    private final JdbcTemplate jdbc;
    private final CopyWriter copy;

    public DemandFeatureStore(JdbcTemplate jdbc, CopyWriter copy) {
        this.jdbc = jdbc;
        this.copy = copy;
    }

    /**
     * Rebuilds every product's series through {@code cutoff}, for forecasts made at its end (scoring) or before it
     * (training); the number of product-days. The API forecasts from the last day the series reach.
     */
    public int rebuildSeries(LocalDate cutoff, int minSaleDays) {
        return rebuildSeries(LocalDate.of(1900, 1, 1), cutoff, minSaleDays);
    }

    /**
     * The same, with the series starting no earlier than {@code from}: scoring needs only the days its features look
     * back over, not all history (which products are modelled still counts every sale up to the cutoff).
     */
    public int rebuildSeries(LocalDate from, LocalDate cutoff, int minSaleDays) {
        jdbc.update(CLEAR_SERIES);
        return jdbc.update(REBUILD_SERIES, Date.valueOf(cutoff), minSaleDays, Date.valueOf(from), Date.valueOf(cutoff));
    }

    public List<DemandSeries> series() {
        return series(SERIES);
    }

    /** The product's series, if it is modelled (it sold on enough days). */
    public java.util.Optional<DemandSeries> series(String source, String productId) {
        return series(PRODUCT_SERIES, source, productId).stream().findFirst();
    }

    private List<DemandSeries> series(String sql, Object... parameters) {
        Map<String, List<Object[]>> days = new LinkedHashMap<>();
        jdbc.query(sql, rs -> {
            days.computeIfAbsent(key(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                    .add(new Object[] {rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getInt(4),
                            rs.getBigDecimal(5)});
        }, parameters);
        List<DemandSeries> series = new ArrayList<>(days.size());
        for (List<Object[]> product : days.values()) {
            int[] quantity = new int[product.size()];
            double[] price = new double[product.size()];
            for (int i = 0; i < quantity.length; i++) {
                quantity[i] = (Integer) product.get(i)[3];
                Object p = product.get(i)[4];
                price[i] = p == null ? Double.NaN : ((java.math.BigDecimal) p).doubleValue();
            }
            Object[] first = product.get(0);
            series.add(new DemandSeries((String) first[0], (String) first[1], (LocalDate) first[2], quantity, price));
        }
        return series;
    }

    public Map<LocalDate, CalendarDay> calendar(LocalDate from, LocalDate to) {
        Map<LocalDate, CalendarDay> days = new HashMap<>();
        jdbc.query(CALENDAR, rs -> {
            LocalDate day = rs.getDate(1).toLocalDate();
            days.put(day, new CalendarDay(day, rs.getInt(2), rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5),
                    rs.getInt(6)));
        }, Date.valueOf(from), Date.valueOf(to));
        return days;
    }

    /** Every product's promotions on the days from {@code from} to {@code to}, by {@link #key}. */
    public Map<String, PlannedPromotions> promotions(LocalDate from, LocalDate to) {
        return promotionsOf(from, to, null, null);
    }

    /** One product's promotions from {@code from} to {@code to}. */
    public PlannedPromotions promotions(LocalDate from, LocalDate to, String source, String productId) {
        return promotionsOf(from, to, source, productId).getOrDefault(key(source, productId), PlannedPromotions.NONE);
    }

    private Map<String, PlannedPromotions> promotionsOf(LocalDate from, LocalDate to, String source, String productId) {
        Map<String, Map<LocalDate, List<PlannedPromotions.Promotion>>> days = new HashMap<>();
        jdbc.query(PROMOTIONS, rs -> {
            java.sql.Date announced = rs.getDate(4);
            days.computeIfAbsent(key(rs.getString(1), rs.getString(2)), k -> new HashMap<>())
                    .computeIfAbsent(rs.getDate(3).toLocalDate(), d -> new ArrayList<>())
                    .add(new PlannedPromotions.Promotion(announced == null ? null : announced.toLocalDate(),
                            rs.getDouble(5)));
        }, Date.valueOf(from), Date.valueOf(to), source, source, productId);
        Map<String, PlannedPromotions> promotions = new HashMap<>();
        days.forEach((product, byDay) -> promotions.put(product, new PlannedPromotions(byDay)));
        return promotions;
    }

    /** How a product is named in the maps of this store. */
    public static String key(String source, String productId) {
        return source + '\u001f' + productId;
    }

    /**
     * Builds and stores the features of every product's forecasts made at the end of {@code origin} for the next
     * {@code horizon} days, with the promotions announced by then. A target day after {@code knownThrough} has no
     * quantity yet. The rows built.
     */
    public List<Row> build(Collection<DemandSeries> series, LocalDate origin, int horizon, LocalDate knownThrough,
                           Map<LocalDate, CalendarDay> calendar, Map<String, PlannedPromotions> promotions,
                           String builtBy) {
        List<Row> rows = new ArrayList<>();
        for (DemandSeries product : series) {
            PlannedPromotions planned = promotions.getOrDefault(key(product.source(), product.productId()),
                    PlannedPromotions.NONE);
            for (int h = 1; h <= horizon; h++) {
                LocalDate target = origin.plusDays(h);
                CalendarDay day = calendar.get(target);
                if (day == null) {
                    throw new IllegalStateException("dw.dim_date has no " + target + " (forecast of " + product.source()
                            + "/" + product.productId() + " from " + origin + ")");
                }
                float[] features = DemandFeatures.of(product, origin, h, day, planned);
                if (features == null) {
                    break;
                }
                Integer sold = target.isAfter(knownThrough) ? null : product.quantityOn(target);
                rows.add(new Row(product.source(), product.productId(), origin, target, h, features, sold));
            }
        }
        store(origin, rows, builtBy);
        return rows;
    }

    /** The stored rows of origins {@code from} to {@code to} whose target is known and not after {@code targetsUpTo}. */
    public List<Row> rows(LocalDate from, LocalDate to, LocalDate targetsUpTo) {
        return jdbc.query(ROWS, (rs, n) -> {
            Float[] boxed = (Float[]) rs.getArray(6).getArray();
            float[] features = new float[boxed.length];
            for (int i = 0; i < boxed.length; i++) {
                features[i] = boxed[i];
            }
            return new Row(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getDate(4).toLocalDate(),
                    rs.getInt(5), features, rs.getInt(7));
        }, Date.valueOf(from), Date.valueOf(to), Date.valueOf(targetsUpTo));
    }

    private void store(LocalDate origin, List<Row> rows, String builtBy) {
        jdbc.update(CLEAR_FEATURES, Date.valueOf(origin));
        copy.copy("ml.demand_feature", COPY_FEATURES, rows, row -> new Object[] {row.source(), row.productId(),
                row.origin(), row.target(), row.horizon(), arrayLiteral(row.features()), row.quantity(), builtBy});
    }

    /** A {@code real[]} in COPY's text form: {@code {1.0,0.25}}. */
    private static String arrayLiteral(float[] values) {
        StringBuilder text = new StringBuilder(values.length * 8).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(values[i]);
        }
        return text.append('}').toString();
    }
}
