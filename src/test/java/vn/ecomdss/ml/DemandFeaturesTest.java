package vn.ecomdss.ml;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The demand features are point-in-time: made at an origin, they see nothing of the days after it. */
class DemandFeaturesTest {

    private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    private static final LocalDate ORIGIN = LocalDate.of(2024, 3, 31);

    @Test
    void changingEverySaleAfterTheOriginChangesNoFeatureWhileChangingTheOriginDayDoes() {
        DemandSeries series = series(120, 1);
        int o = series.index(ORIGIN);
        int[] otherFuture = series.quantity().clone();
        double[] otherPrices = series.price().clone();
        for (int i = o + 1; i < otherFuture.length; i++) {
            otherFuture[i] += 50;
            otherPrices[i] = 1;
        }
        DemandSeries rewritten = new DemandSeries("s", "p", FIRST, otherFuture, otherPrices);
        int[] otherOrigin = series.quantity().clone();
        otherOrigin[o] += 50;
        DemandSeries changedAtOrigin = new DemandSeries("s", "p", FIRST, otherOrigin, series.price());

        for (int h = 1; h <= 14; h++) {
            CalendarDay target = new CalendarDay(ORIGIN.plusDays(h), ORIGIN.plusDays(h).getDayOfWeek().getValue(),
                    false, h == 5, false, 200);
            float[] features = DemandFeatures.of(series, ORIGIN, h, target, PlannedPromotions.NONE);
            assertThat(DemandFeatures.of(rewritten, ORIGIN, h, target, PlannedPromotions.NONE)).as("horizon %d", h).containsExactly(features);
            assertThat(Arrays.equals(DemandFeatures.of(changedAtOrigin, ORIGIN, h, target, PlannedPromotions.NONE), features))
                    .as("the origin day itself is known, and counted").isFalse();
        }
    }

    @Test
    void aProductWithLessThanFourWeeksOfHistoryAtTheOriginHasNoFeatures() {
        DemandSeries young = series(40, 2);
        CalendarDay day = new CalendarDay(FIRST.plusDays(28), 1, false, false, false, 200);
        assertThat(DemandFeatures.of(young, FIRST.plusDays(26), 1, day, PlannedPromotions.NONE)).isNull();
        assertThat(DemandFeatures.of(young, FIRST.plusDays(27), 1, day, PlannedPromotions.NONE)).hasSize(DemandFeatures.NAMES.size());
    }

    @Test
    void theSameWeekdayLastWeekAndTheMeansAreWhatTheSeriesSays() {
        int[] quantity = new int[35];
        for (int i = 0; i < quantity.length; i++) {
            quantity[i] = i;
        }
        double[] price = new double[35];
        Arrays.fill(price, Double.NaN);
        price[30] = 200;
        price[34] = 100;
        DemandSeries series = new DemandSeries("s", "p", FIRST, quantity, price);
        LocalDate origin = FIRST.plusDays(34);
        float[] v = DemandFeatures.of(series, origin, 3, new CalendarDay(origin.plusDays(3), 3, true, false, true, -2),
                PlannedPromotions.NONE);
        assertThat(v[0]).as("mean of days 28-34").isEqualTo(31f);
        assertThat(v[1]).as("mean of days 7-34").isEqualTo(20.5f);
        assertThat(v[2]).as("day 37 - 7").isEqualTo(30f);
        assertThat(v[3]).as("days 30, 23, 16, 9").isEqualTo(19.5f);
        assertThat(v[6]).as("100 against the mean of 200 and 100").isEqualTo(100f / 150f);
        assertThat(v[10]).as("Wednesday").isEqualTo(1f);
        assertThat(v[15]).isEqualTo(1f);
        assertThat(v[17]).isEqualTo(1f);
        assertThat(v[18]).isEqualTo(-2f / 30f);
    }

    @Test
    void aPromotionCountsFromTheDayItWasAnnouncedAndNotBefore() {
        DemandSeries series = series(120, 3);
        LocalDate target = ORIGIN.plusDays(5);
        CalendarDay day = new CalendarDay(target, target.getDayOfWeek().getValue(), false, false, false, 200);
        PlannedPromotions announcedAtOrigin = new PlannedPromotions(java.util.Map.of(target,
                java.util.List.of(new PlannedPromotions.Promotion(ORIGIN, 30))));
        PlannedPromotions announcedNextDay = new PlannedPromotions(java.util.Map.of(target,
                java.util.List.of(new PlannedPromotions.Promotion(ORIGIN.plusDays(1), 30))));
        int promotion = DemandFeatures.NAMES.indexOf("promotion");
        int discount = DemandFeatures.NAMES.indexOf("promotion_discount");

        float[] known = DemandFeatures.of(series, ORIGIN, 5, day, announcedAtOrigin);
        assertThat(known[promotion]).isEqualTo(1f);
        assertThat(known[discount]).isEqualTo(0.3f);
        assertThat(DemandFeatures.of(series, ORIGIN, 5, day, announcedNextDay))
                .as("announced after the origin: not known to its forecast")
                .containsExactly(DemandFeatures.of(series, ORIGIN, 5, day, PlannedPromotions.NONE));
    }

    private static DemandSeries series(int days, long seed) {
        Random random = new Random(seed);
        int[] quantity = new int[days];
        double[] price = new double[days];
        for (int i = 0; i < days; i++) {
            quantity[i] = random.nextInt(6);
            price[i] = quantity[i] == 0 ? Double.NaN : 100 + random.nextInt(20);
        }
        return new DemandSeries("s", "p", FIRST, quantity, price);
    }
}
