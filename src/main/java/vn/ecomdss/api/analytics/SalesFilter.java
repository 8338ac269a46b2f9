package vn.ecomdss.api.analytics;

import java.sql.Types;
import java.time.LocalDate;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * What a sales question is restricted to; every part is optional (null: no restriction). The marts are monthly, so
 * {@code from} and {@code to} select the months they touch: the whole month of {@code from} to the whole month of
 * {@code to}. Values are canonical (validated against the dimensions by {@link AnalyticsFilters}).
 */
public record SalesFilter(LocalDate from, LocalDate to, String platform, String region, String category) {

    public static final SalesFilter NONE = new SalesFilter(null, null, null, null, null);

    /** The filter as bound parameters {@code :from, :to, :platform, :region, :category}, typed for null values. */
    MapSqlParameterSource parameters() {
        return new MapSqlParameterSource()
                .addValue("from", from, Types.DATE)
                .addValue("to", to, Types.DATE)
                .addValue("platform", platform, Types.VARCHAR)
                .addValue("region", region, Types.VARCHAR)
                .addValue("category", category, Types.VARCHAR);
    }
}
