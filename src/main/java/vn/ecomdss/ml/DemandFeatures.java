package vn.ecomdss.ml;

import java.time.LocalDate;
import java.util.List;

/**
 * The features of one demand forecast: made at the end of the origin day for the day {@code horizon} days later, from
 * the product's series cut at the origin ({@link DemandSeries#upTo}), the target day's calendar, and the promotions on
 * it that had been announced by the origin; the calendar and planned promotions are known in advance. Quantities keep
 * their units (the network standardises them); ratios and flags are 0 to 1.
 */
public final class DemandFeatures {

    /** The names of the vector's entries, in order; a model records them so that scoring feeds it the same. */
    public static final List<String> NAMES = List.of("mean_7", "mean_28", "same_weekday_last", "same_weekday_mean_4",
            "zero_share_28", "days_since_sale", "relative_price", "horizon", "dow_1", "dow_2", "dow_3", "dow_4",
            "dow_5", "dow_6", "dow_7", "tet_season", "shopping_festival", "public_holiday", "days_from_tet",
            "promotion", "promotion_discount", "promotion_days_28");

    /** Days of history a product needs at the origin before it is forecast. */
    public static final int MIN_HISTORY_DAYS = 28;

    /** The furthest any feature looks back from the origin, the origin included: a series this long is enough. */
    public static final int LOOKBACK_DAYS = 90;

    private DemandFeatures() {
    }

    /**
     * The vector for {@code target}, {@code horizon} days after {@code origin}; null when the product has less than
     * {@link #MIN_HISTORY_DAYS} of history at the origin.
     */
    public static float[] of(DemandSeries series, LocalDate origin, int horizon, CalendarDay target,
                             PlannedPromotions promotions) {
        DemandSeries known = series.upTo(origin);
        int o = known.index(origin);
        if (o + 1 < MIN_HISTORY_DAYS || o >= known.quantity().length) {
            return null;
        }
        int[] q = known.quantity();
        int weeksBack = (horizon + 6) / 7;
        int sameWeekday = o + horizon - 7 * weeksBack;
        double sameWeekdayMean = 0;
        int sameWeekdays = 0;
        for (int k = 0; k < 4 && sameWeekday - 7 * k >= 0; k++) {
            sameWeekdayMean += q[sameWeekday - 7 * k];
            sameWeekdays++;
        }
        int zeros = 0;
        for (int i = o - 27; i <= o; i++) {
            zeros += q[i] == 0 ? 1 : 0;
        }
        int sinceSale = 0;
        while (sinceSale <= o && sinceSale < LOOKBACK_DAYS && q[o - sinceSale] == 0) {
            sinceSale++;
        }
        float[] v = new float[NAMES.size()];
        v[0] = (float) mean(q, o - 6, o);
        v[1] = (float) mean(q, o - 27, o);
        v[2] = q[sameWeekday];
        v[3] = (float) (sameWeekdayMean / sameWeekdays);
        v[4] = zeros / 28f;
        v[5] = sinceSale / (float) LOOKBACK_DAYS;
        v[6] = (float) relativePrice(known.price(), o);
        v[7] = horizon / 90f;
        v[7 + target.dayOfWeek()] = 1;
        v[15] = target.tetSeason() ? 1 : 0;
        v[16] = target.shoppingFestival() ? 1 : 0;
        v[17] = target.publicHoliday() ? 1 : 0;
        v[18] = Math.max(-30, Math.min(30, target.daysFromTet())) / 30f;
        Double discount = promotions.discountOn(origin.plusDays(horizon), origin);
        v[19] = discount == null ? 0 : 1;
        v[20] = discount == null ? 0 : discount.floatValue();
        int promoted = 0;
        for (int i = 0; i < 28; i++) {
            promoted += promotions.discountOn(origin.minusDays(i), origin) == null ? 0 : 1;
        }
        v[21] = promoted / 28f;
        return v;
    }

    private static double mean(int[] q, int from, int to) {
        double sum = 0;
        for (int i = from; i <= to; i++) {
            sum += q[i];
        }
        return sum / (to - from + 1);
    }

    /** The last price the product sold at, over its average of the last 90 days: below 1 when it is cheaper now. */
    private static double relativePrice(double[] price, int o) {
        double last = Double.NaN;
        double sum = 0;
        int days = 0;
        for (int i = o; i >= 0 && i > o - LOOKBACK_DAYS; i--) {
            if (!Double.isNaN(price[i])) {
                if (Double.isNaN(last)) {
                    last = price[i];
                }
                sum += price[i];
                days++;
            }
        }
        return days == 0 || sum == 0 ? 1 : last / (sum / days);
    }
}
