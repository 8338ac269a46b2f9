package vn.ecomdss.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The file formats of a report, with the extension and media type they are stored and served with. */
public enum ReportFormat {
    HTML("text/html; charset=utf-8"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    PDF("application/pdf");

    private final String mediaType;

    ReportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String mediaType() {
        return mediaType;
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(ReportFormat::key).toList();
    }

    public static ReportFormat of(String key) {
        return Arrays.stream(values()).filter(f -> f.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown format '" + key + "' (known: " + keys() + ")"));
    }
}
