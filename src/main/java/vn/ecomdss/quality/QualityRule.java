package vn.ecomdss.quality;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import vn.ecomdss.pipeline.JobDefinition;

/**
 * One rule of a {@link RuleSet}, as declared at {@code file}/{@code field}. Only the parameters of its type are
 * set. {@code columns} are column names for a table and JSON pointers for a collection ({@code /lines/*}/... reaches
 * into every element of an array).
 *
 * @param where          for a table rule, the rows it checks when they differ from its file's {@code where}
 * @param maxFailedRatio the rule's own threshold, or null to take the job's default for its type
 */
public record QualityRule(String file, String field, String name, RuleType type, Severity severity,
                          List<String> columns, List<String> values, BigDecimal min, BigDecimal max, Pattern pattern,
                          String references, Duration maxAge, Double maxChange, String sql, String where,
                          Double maxFailedRatio) {

    /**
     * The failing ratio the rule tolerates: its own, else the original thresholds kept in the job's quality block
     * (completeness for presence, accuracy for values and row queries, the duplicate ratio for uniqueness). Freshness and row-count
     * rules judge one figure, so any failure breaches them.
     */
    public double threshold(JobDefinition.QualityThresholds defaults) {
        if (maxFailedRatio != null) {
            return maxFailedRatio;
        }
        return switch (type) {
            case REQUIRED_FIELDS -> defaults.rawMaxFailedRatio();
            case NOT_NULL -> 1.0 - defaults.minCompleteness();
            case UNIQUE -> defaults.maxDuplicateRatio();
            case ACCEPTED_VALUES, RANGE, REGEX, PHONE, PROVINCE, ROW_SQL -> 1.0 - defaults.minAccuracy();
            case REFERENTIAL, FRESHNESS, ROW_COUNT_CHANGE, CUSTOM_SQL -> 0.0;
        };
    }

    public Duration maxAge(JobDefinition.QualityThresholds defaults) {
        return maxAge != null ? maxAge : defaults.maxAge();
    }

    public String column() {
        return columns.isEmpty() ? null : columns.get(0);
    }
}
