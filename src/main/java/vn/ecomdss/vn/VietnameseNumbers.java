package vn.ecomdss.vn;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Figures as Vietnamese readers write them, the reverse of {@link VietnamesePrice#parse}: dots group thousands and a
 * comma marks decimals ({@code 24.797.535.000 ₫}, {@code 12,5%}), dates day first ({@code 28/02/2026}). The symbols
 * are fixed here rather than taken from the JDK's locale data, whose Vietnamese entries have changed between
 * releases.
 */
public final class VietnameseNumbers {

    private static final DecimalFormatSymbols SYMBOLS = symbols();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private VietnameseNumbers() {
    }

    /** Whole dong, rounded half up: {@code 24.797.535.000 ₫}. */
    public static String vnd(BigDecimal amount) {
        return whole(amount) + " ₫";
    }

    /** A count or any amount without unit, rounded to a whole number: {@code 1.234}. */
    public static String whole(BigDecimal value) {
        return format(value.setScale(0, RoundingMode.HALF_UP), "#,##0");
    }

    public static String whole(long value) {
        return format(BigDecimal.valueOf(value), "#,##0");
    }

    /** A number with exactly {@code decimals} decimals: {@code 1.234,5}. */
    public static String decimal(BigDecimal value, int decimals) {
        return format(value.setScale(decimals, RoundingMode.HALF_UP), decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals));
    }

    /** A ratio as a percentage with one decimal: 0.125 is {@code 12,5%}. */
    public static String percent(BigDecimal ratio) {
        return decimal(ratio.movePointRight(2), 1) + "%";
    }

    /** A change as a signed percentage with one decimal: {@code +12,5%}, {@code -3,0%}, {@code 0,0%}. */
    public static String change(BigDecimal ratio) {
        String text = percent(ratio);
        return ratio.movePointRight(2).setScale(1, RoundingMode.HALF_UP).signum() > 0 ? "+" + text : text;
    }

    /** A formatter of whole numbers with Vietnamese grouping, for chart axes and labels. */
    public static DecimalFormat wholeFormat() {
        DecimalFormat format = new DecimalFormat("#,##0", SYMBOLS);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format;
    }

    /** A formatter of ratios as percentages with one decimal ({@code 12,5%}), for chart labels. */
    public static DecimalFormat percentFormat() {
        DecimalFormat format = new DecimalFormat("#,##0.0%", SYMBOLS);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format;
    }

    public static String date(LocalDate date) {
        return date.format(DATE);
    }

    private static String format(BigDecimal value, String pattern) {
        DecimalFormat format = new DecimalFormat(pattern, SYMBOLS);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }

    private static DecimalFormatSymbols symbols() {
        DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
        symbols.setGroupingSeparator('.');
        symbols.setDecimalSeparator(',');
        symbols.setMinusSign('-');
        return symbols;
    }
}
