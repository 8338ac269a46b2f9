package vn.ecomdss.quality;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of rule a file in {@code job-definitions/quality/} can declare. Record rules judge one record at a
 * time (and can quarantine it); the others judge a whole collection or table. {@code phone} and {@code province}
 * are the Vietnamese market rules of {@code vn.ecomdss.vn} applied to a field.
 */
public enum RuleType {
    REQUIRED_FIELDS("required-fields", true, true, false),
    NOT_NULL("not-null", true, true, true),
    UNIQUE("unique", false, true, true),
    ACCEPTED_VALUES("accepted-values", true, true, true),
    RANGE("range", true, true, true),
    REGEX("regex", true, true, true),
    REFERENTIAL("referential", true, true, true),
    FRESHNESS("freshness", false, true, true),
    ROW_COUNT_CHANGE("row-count-change", false, true, true),
    CUSTOM_SQL("custom-sql", false, false, true),
    /** A table query answering one row per checked record, (record_key, failing, reason), for checks that join. */
    ROW_SQL("row-sql", true, false, true),
    PHONE("phone", true, true, false),
    PROVINCE("province", true, true, false);

    private final String key;
    private final boolean perRecord;
    private final boolean onCollections;
    private final boolean onTables;

    RuleType(String key, boolean perRecord, boolean onCollections, boolean onTables) {
        this.key = key;
        this.perRecord = perRecord;
        this.onCollections = onCollections;
        this.onTables = onTables;
    }

    public String key() {
        return key;
    }

    /** Judged record by record, so its failures are records that can be quarantined. */
    public boolean perRecord() {
        return perRecord;
    }

    public boolean appliesTo(RuleSet.Kind kind) {
        return kind == RuleSet.Kind.COLLECTION ? onCollections : onTables;
    }

    public static Optional<RuleType> of(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }

    public static String known() {
        return String.join(", ", Arrays.stream(values()).map(RuleType::key).toList());
    }
}
