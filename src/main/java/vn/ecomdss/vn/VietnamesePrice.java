package vn.ecomdss.vn;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prices as Vietnamese sites write them, in VND: {@code 12.990.000₫}, {@code 12.990.000 đ}, {@code 12990000 VND},
 * {@code 12,99 triệu}, {@code 1,2 tỷ}, {@code 500k}. Dots group thousands and a comma marks decimals, unless the
 * text is clearly the other way round ({@code 12,990,000}). {@code Liên hệ} (call for price), {@code Hết hàng}
 * and anything without a number have no price. A range ({@code 1.000.000 - 2.000.000đ}) gives its lower bound.
 */
public final class VietnamesePrice {

    private static final Pattern NUMBER = Pattern.compile("\\d[\\d.,]*");
    private static final Pattern MILLIONS = Pattern.compile("^\\s*(trieu|tr)\\b");
    private static final Pattern BILLIONS = Pattern.compile("^\\s*(ty)\\b");
    private static final Pattern THOUSANDS = Pattern.compile("^\\s*(nghin|ngan|k)\\b");

    private VietnamesePrice() {
    }

    public static Optional<BigDecimal> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String plain = fold(text);
        Matcher number = NUMBER.matcher(plain);
        if (!number.find()) {
            return Optional.empty();
        }
        String rest = plain.substring(number.end());
        BigDecimal multiplier = MILLIONS.matcher(rest).find() ? BigDecimal.valueOf(1_000_000)
                : BILLIONS.matcher(rest).find() ? BigDecimal.valueOf(1_000_000_000)
                : THOUSANDS.matcher(rest).find() ? BigDecimal.valueOf(1_000)
                : BigDecimal.ONE;
        BigDecimal value = number(number.group().replaceAll("[.,]+$", ""), multiplier.compareTo(BigDecimal.ONE) > 0);
        return Optional.of(value.multiply(multiplier).stripTrailingZeros().setScale(0, java.math.RoundingMode.HALF_UP));
    }

    private static BigDecimal number(String digits, boolean scaled) {
        boolean dots = digits.indexOf('.') >= 0;
        boolean commas = digits.indexOf(',') >= 0;
        String normalised;
        if (dots && commas) {
            boolean commaLast = digits.lastIndexOf(',') > digits.lastIndexOf('.');
            normalised = commaLast ? digits.replace(".", "").replace(',', '.') : digits.replace(",", "");
        } else if (dots) {
            normalised = groupsOfThree(digits, '.') && !(scaled && digits.chars().filter(c -> c == '.').count() == 1)
                    ? digits.replace(".", "") : digits;
        } else if (commas) {
            normalised = groupsOfThree(digits, ',') && !scaled ? digits.replace(",", "") : digits.replace(',', '.');
        } else {
            normalised = digits;
        }
        return new BigDecimal(normalised);
    }

    private static boolean groupsOfThree(String digits, char separator) {
        String[] groups = digits.split(Pattern.quote(String.valueOf(separator)));
        for (int i = 1; i < groups.length; i++) {
            if (groups[i].length() != 3) {
                return false;
            }
        }
        return groups.length > 1;
    }

    private static String fold(String text) {
        String decomposed = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
