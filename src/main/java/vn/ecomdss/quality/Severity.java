package vn.ecomdss.quality;

/** A warn rule is reported; an error rule also quarantines its failing records and, above its threshold, stops the job. */
public enum Severity {
    WARN,
    ERROR;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
