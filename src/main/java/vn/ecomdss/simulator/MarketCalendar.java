package vn.ecomdss.simulator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Shopping seasonality of Vietnamese marketplaces: the run-up to Tết and the double-day festivals. */
final class MarketCalendar {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Vietnam has had no DST since 1975, so a fixed offset gives the same wall clock as the zone. */
    static final ZoneOffset VIETNAM_OFFSET = ZoneOffset.ofHours(7);

    /** First day of the simulated marketplace; nothing is listed, registered or ordered before it. */
    static final LocalDate OPENING = LocalDate.of(2023, 1, 1);
    /** Change histories are generated up to here; later asOf dates see frozen products and customers. */
    static final LocalDate HORIZON = LocalDate.of(2040, 12, 31);

    /** Mùng 1 Tết (lunar new year's day). */
    private static final List<LocalDate> TET = List.of(
            LocalDate.of(2022, 2, 1), LocalDate.of(2023, 1, 22), LocalDate.of(2024, 2, 10),
            LocalDate.of(2025, 1, 29), LocalDate.of(2026, 2, 17), LocalDate.of(2027, 2, 6),
            LocalDate.of(2028, 1, 26), LocalDate.of(2029, 2, 13), LocalDate.of(2030, 2, 3),
            LocalDate.of(2031, 1, 23), LocalDate.of(2032, 2, 11), LocalDate.of(2033, 1, 31),
            LocalDate.of(2034, 2, 19), LocalDate.of(2035, 2, 8), LocalDate.of(2036, 1, 28),
            LocalDate.of(2037, 2, 15), LocalDate.of(2038, 2, 4), LocalDate.of(2039, 1, 24),
            LocalDate.of(2040, 2, 12), LocalDate.of(2041, 2, 1));

    /** Mean of {@link #weight} over whole years, so settings.orders / historyDays stays the daily average. */
    static final double MEAN_WEIGHT = meanWeight();

    static double weight(LocalDate day) {
        double w = 1.0;
        for (LocalDate tet : TET) {
            long offset = ChronoUnit.DAYS.between(tet, day);
            if (offset >= -21 && offset <= -1) {
                w *= 1.8;
            } else if (offset >= 0 && offset <= 4) {
                w *= 0.45;
            }
        }
        if (isDoubleDay(day)) {
            w *= 4.0;
        } else if (isDoubleDay(day.plusDays(1)) || isDoubleDay(day.minusDays(1))) {
            w *= 1.5;
        }
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            w *= 1.15;
        }
        return w;
    }

    static boolean isDoubleDay(LocalDate day) {
        int month = day.getMonthValue();
        return month >= 9 && month == day.getDayOfMonth();
    }

    private static double meanWeight() {
        LocalDate from = LocalDate.of(2024, 1, 1);
        LocalDate to = LocalDate.of(2027, 1, 1);
        double sum = 0;
        int days = 0;
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            sum += weight(d);
            days++;
        }
        return sum / days;
    }

    private MarketCalendar() {
    }
}
