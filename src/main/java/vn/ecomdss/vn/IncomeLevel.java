package vn.ecomdss.vn;

import java.util.List;
import java.util.Locale;

/** A customer's declared income band, recognised from the English and Vietnamese labels shops use. */
public enum IncomeLevel {
    LOW(List.of("low", "thap", "thu nhap thap")),
    MIDDLE(List.of("middle", "medium", "mid", "trung binh", "thu nhap trung binh")),
    UPPER_MIDDLE(List.of("upper middle", "upper mid", "kha", "kha gia", "thu nhap kha")),
    HIGH(List.of("high", "cao", "thu nhap cao")),
    UNKNOWN(List.of());

    private final List<String> labels;

    IncomeLevel(List<String> labels) {
        this.labels = labels;
    }

    /** The band named by a label, or UNKNOWN (callers keep the raw label to report it). */
    public static IncomeLevel resolve(String raw) {
        String folded = ProvinceDirectory.fold(raw);
        for (IncomeLevel level : values()) {
            if (level.labels.contains(folded)) {
                return level;
            }
        }
        return UNKNOWN;
    }

    /** The value stored in the warehouse, e.g. {@code upper_middle}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
