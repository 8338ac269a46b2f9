package vn.ecomdss.api.analytics;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import vn.ecomdss.api.InvalidParameterException;

/**
 * Turns the text of request parameters into a {@link SalesFilter}: dates as {@code YYYY-MM-DD} with {@code from} not
 * after {@code to}, and platform, region and category as values the dimensions hold (matched without case, answered
 * in their stored spelling), so that a typo is a 400 naming the parameter and the values it may take, not an empty
 * answer.
 */
@Component
public class AnalyticsFilters {

    private final DimensionValues dimensions;

    public AnalyticsFilters(DimensionValues dimensions) {
        this.dimensions = dimensions;
    }

    public SalesFilter sales(String from, String to, String platform, String region, String category) {
        LocalDate fromDate = date("from", from);
        LocalDate toDate = date("to", to);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            throw new InvalidParameterException("to", "to (" + toDate + ") is before from (" + fromDate + ")");
        }
        return new SalesFilter(fromDate, toDate, platform(platform), region(region), category(category));
    }

    public String platform(String platform) {
        return known("platform", platform, dimensions::platforms);
    }

    public String region(String region) {
        return known("region", region, dimensions::regions);
    }

    public String category(String category) {
        return known("category", category, dimensions::categories);
    }

    public String campaignType(String type) {
        return known("type", type, dimensions::campaignTypes);
    }

    /** A date parameter; null when absent. */
    public static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(field, field + " must be a date YYYY-MM-DD, got '" + value + "'");
        }
    }

    /** One of a closed set of words, such as a ranking; the first is the default when absent. */
    public static String choice(String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return allowed.get(0);
        }
        String lower = value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw new InvalidParameterException(field, field + " must be one of " + allowed + ", got '" + value + "'");
        }
        return lower;
    }

    /** A value of a known set, in the set's spelling; null when absent (and the set is then not looked up). */
    public static String known(String field, String value, Supplier<List<String>> knownValues) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String wanted = value.trim();
        List<String> known = knownValues.get();
        return known.stream().filter(k -> k.equalsIgnoreCase(wanted)).findFirst()
                .orElseThrow(() -> new InvalidParameterException(field, "unknown " + field + " '" + value
                        + "'; the warehouse knows " + known));
    }
}
