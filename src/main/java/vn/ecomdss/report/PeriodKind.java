package vn.ecomdss.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The four report periods of {@code business_reports}: a day, an ISO week (Monday to Sunday), a month, a quarter. */
public enum PeriodKind {
    DAILY, WEEKLY, MONTHLY, QUARTERLY;

    /** As definitions, file paths and the API write it: {@code monthly}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(PeriodKind::key).toList();
    }

    /** The kind written {@code key}; an error naming the known ones otherwise. */
    public static PeriodKind of(String key) {
        return Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown period '" + key + "' (known: " + keys() + ")"));
    }
}
