package vn.ecomdss.ml;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * One product's units sold per day, zeros included, from {@code first} on, with the average unit price of the days it
 * sold (NaN on days without a sale). The features of a forecast see a series only through {@link #upTo}, so nothing
 * after the forecast's origin can reach them.
 */
public record DemandSeries(String source, String productId, LocalDate first, int[] quantity, double[] price) {

    public DemandSeries {
        if (quantity.length != price.length) {
            throw new IllegalArgumentException("a quantity and a price per day: " + quantity.length + " and "
                    + price.length + " for " + source + "/" + productId);
        }
    }

    public LocalDate last() {
        return first.plusDays(quantity.length - 1L);
    }

    /** The day's index, negative before the first day. */
    public int index(LocalDate day) {
        return (int) ChronoUnit.DAYS.between(first, day);
    }

    /** Units sold on {@code day}: 0 before the first day; null after the last, where the series does not know. */
    public Integer quantityOn(LocalDate day) {
        int i = index(day);
        if (i < 0) {
            return 0;
        }
        return i < quantity.length ? quantity[i] : null;
    }

    /** The series as it was known at the end of {@code day}: every later day cut off. */
    public DemandSeries upTo(LocalDate day) {
        int length = Math.max(0, Math.min(quantity.length, index(day) + 1));
        return new DemandSeries(source, productId, first, Arrays.copyOf(quantity, length), Arrays.copyOf(price, length));
    }
}
