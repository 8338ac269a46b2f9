package vn.ecomdss.api.analytics;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the models have published: demand forecasts, customer values and recommendations, each in its {@code ml}
 * table once a champion model has written it. Until a table exists the answer says "no champion yet"; a table without
 * the columns read here, or one that cannot be read, is answered as "unreadable" with the reason. Neither fails the
 * request, and neither is cached, so the first champion's rows are answered at once.
 */
@Component
public class MlOutputs {

    private static final Logger log = LoggerFactory.getLogger(MlOutputs.class);

    public static final String AVAILABLE = "available";
    public static final String NO_CHAMPION = "no champion yet";
    public static final String UNREADABLE = "unreadable";

    /** One ML table's answer: its status, what it means, and the page of rows when {@code available}. */
    public record MlAnswer<T>(String table, String status, String detail, Page<T> page) {
    }

    public record DemandForecast(String source, String productId, LocalDate forecastDate, BigDecimal quantity,
                                 BigDecimal lower, BigDecimal upper, String modelVersion, LocalDate originDate) {
    }

    public record CustomerValue(String source, String customerId, BigDecimal predictedValueVnd,
                                BigDecimal churnProbability, String segment, String modelVersion,
                                OffsetDateTime scoredAt) {
    }

    public record Recommendation(String source, String customerId, String productId, int rank, BigDecimal score,
                                 String modelVersion, OffsetDateTime scoredAt) {
    }

    private static final String COLUMNS = """
            select column_name from information_schema.columns where table_schema = 'ml' and table_name = ?
            """;

    private static final String DEMAND_FORECAST = """
            select source, product_id, forecast_date::date as forecast_date, quantity::numeric as quantity,
                   "lower"::numeric as lower_bound, "upper"::numeric as upper_bound, model_version,
                   origin_date::date as origin_date
            from ml.demand_forecast
            where (cast(:source as text) is null or source = :source)
              and (cast(:productId as text) is null or product_id = :productId)
            order by source, product_id, origin_date, forecast_date
            """;

    private static final String CUSTOMER_VALUE = """
            select source, customer_id, predicted_value_vnd::numeric as predicted_value_vnd,
                   churn_probability::numeric as churn_probability, segment, model_version,
                   scored_at::timestamptz as scored_at
            from ml.customer_value
            where (cast(:source as text) is null or source = :source)
              and (cast(:customerId as text) is null or customer_id = :customerId)
              and (cast(:segment as text) is null or segment = :segment)
            order by predicted_value_vnd desc nulls last, source, customer_id
            """;

    private static final String RECOMMENDATION = """
            select source, customer_id, product_id, rank::integer as rank, score::numeric as score, model_version,
                   scored_at::timestamptz as scored_at
            from ml.recommendation
            where (cast(:source as text) is null or source = :source)
              and (cast(:customerId as text) is null or customer_id = :customerId)
            order by source, customer_id, rank, product_id
            """;

    private final JdbcTemplate plain;
    private final NamedParameterJdbcTemplate jdbc;

    public MlOutputs(JdbcTemplate jdbc) {
        this.plain = jdbc;
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    @Cacheable(cacheNames = "analytics.ml-demand-forecast", unless = "#result.status() != 'available'")
    public MlAnswer<DemandForecast> demandForecast(String source, String productId, PageRequest page) {
        return answer("demand_forecast", List.of("source", "product_id", "forecast_date", "quantity", "lower",
                "upper", "model_version", "origin_date"), DEMAND_FORECAST, new MapSqlParameterSource()
                .addValue("source", source, Types.VARCHAR).addValue("productId", productId, Types.VARCHAR),
                (rs, i) -> new DemandForecast(rs.getString("source"), rs.getString("product_id"),
                        rs.getObject("forecast_date", LocalDate.class), rs.getBigDecimal("quantity"),
                        rs.getBigDecimal("lower_bound"), rs.getBigDecimal("upper_bound"),
                        rs.getString("model_version"), rs.getObject("origin_date", LocalDate.class)), page);
    }

    @Cacheable(cacheNames = "analytics.ml-customer-value", unless = "#result.status() != 'available'")
    public MlAnswer<CustomerValue> customerValue(String source, String customerId, String segment,
                                                 PageRequest page) {
        return answer("customer_value", List.of("source", "customer_id", "predicted_value_vnd", "churn_probability",
                "segment", "model_version", "scored_at"), CUSTOMER_VALUE, new MapSqlParameterSource()
                .addValue("source", source, Types.VARCHAR).addValue("customerId", customerId, Types.VARCHAR)
                .addValue("segment", segment, Types.VARCHAR),
                (rs, i) -> new CustomerValue(rs.getString("source"), rs.getString("customer_id"),
                        rs.getBigDecimal("predicted_value_vnd"), rs.getBigDecimal("churn_probability"),
                        rs.getString("segment"), rs.getString("model_version"),
                        rs.getObject("scored_at", OffsetDateTime.class)), page);
    }

    /**
     * Reads {@code (source, customer_id, product_id, rank, score, model_version, scored_at)} of the recommendations
     * model's table (V65), and answers "unreadable", naming what is missing, if the table differs.
     */
    @Cacheable(cacheNames = "analytics.ml-recommendation", unless = "#result.status() != 'available'")
    public MlAnswer<Recommendation> recommendations(String source, String customerId, PageRequest page) {
        return answer("recommendation", List.of("source", "customer_id", "product_id", "rank", "score",
                "model_version", "scored_at"), RECOMMENDATION, new MapSqlParameterSource()
                .addValue("source", source, Types.VARCHAR).addValue("customerId", customerId, Types.VARCHAR),
                (rs, i) -> new Recommendation(rs.getString("source"), rs.getString("customer_id"),
                        rs.getString("product_id"), rs.getInt("rank"), rs.getBigDecimal("score"),
                        rs.getString("model_version"), rs.getObject("scored_at", OffsetDateTime.class)), page);
    }

    private <T> MlAnswer<T> answer(String table, List<String> columns, String sql, MapSqlParameterSource parameters,
                                   RowMapper<T> rows, PageRequest page) {
        String qualified = "ml." + table;
        try {
            Set<String> present = new HashSet<>(plain.queryForList(COLUMNS, String.class, table));
            if (present.isEmpty()) {
                return new MlAnswer<>(qualified, NO_CHAMPION, qualified + " does not exist: no model has been "
                        + "promoted to champion and scored yet", null);
            }
            List<String> missing = columns.stream().filter(c -> !present.contains(c)).toList();
            if (!missing.isEmpty()) {
                return new MlAnswer<>(qualified, UNREADABLE, qualified + " lacks the columns " + missing
                        + " this API reads", null);
            }
            return new MlAnswer<>(qualified, AVAILABLE, "rows of " + qualified,
                    Page.query(jdbc, sql, parameters, rows, page));
        } catch (DataAccessException e) {
            log.warn("Cannot read {}: {}", qualified, e.getMostSpecificCause().getMessage());
            return new MlAnswer<>(qualified, UNREADABLE, qualified + " cannot be read: "
                    + e.getMostSpecificCause().getMessage(), null);
        }
    }
}
