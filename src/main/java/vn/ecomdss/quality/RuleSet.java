package vn.ecomdss.quality;

import java.util.List;

/**
 * The rules of one file of {@code job-definitions/quality/}: for a lake collection ({@code source/entity}, checked
 * by {@code quality-raw}) or a warehouse table ({@code schema.table}, checked by {@code quality-final}).
 *
 * @param where for a table, the rows to check (SQL; {@code :run_id} is the run), null for all rows
 * @param key   for a table, the columns that name a row in samples and failed-record lists
 */
public record RuleSet(String file, Kind kind, String target, String where, List<String> key, List<QualityRule> rules) {

    public enum Kind { COLLECTION, TABLE }

    public String source() {
        return target.substring(0, target.indexOf('/'));
    }

    public String entity() {
        return target.substring(target.indexOf('/') + 1);
    }
}
