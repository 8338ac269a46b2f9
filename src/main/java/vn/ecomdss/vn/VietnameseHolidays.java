package vn.ecomdss.vn;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumSet;
import java.util.Set;

/** Public holidays (Labour Code 2019, article 112) and shopping festivals falling on a given day. */
public final class VietnameseHolidays {

    /** The second National Day holiday exists since the Labour Code 2019 took effect on 1 January 2021. */
    private static final int FIRST_YEAR_WITH_TWO_NATIONAL_DAYS = 2021;
    /** Hùng Kings' Commemoration has been a paid day off since the 2007 amendment of the Labour Code. */
    private static final int FIRST_YEAR_OFF_FOR_HUNG_KINGS = 2007;

    private VietnameseHolidays() {
    }

    public static Set<Holiday> on(LocalDate date) {
        Set<Holiday> holidays = EnumSet.noneOf(Holiday.class);
        MonthDay monthDay = MonthDay.from(date);
        if (monthDay.equals(MonthDay.of(1, 1))) {
            holidays.add(Holiday.NEW_YEAR);
        }
        addLunarHolidays(date, holidays);
        if (monthDay.equals(MonthDay.of(4, 30))) {
            holidays.add(Holiday.REUNION_DAY);
        }
        if (monthDay.equals(MonthDay.of(5, 1))) {
            holidays.add(Holiday.LABOUR_DAY);
        }
        if (monthDay.equals(MonthDay.of(9, 2))) {
            holidays.add(Holiday.NATIONAL_DAY);
        }
        if (date.getYear() >= FIRST_YEAR_WITH_TWO_NATIONAL_DAYS && date.equals(nationalDayAdjacent(date.getYear()))) {
            holidays.add(Holiday.NATIONAL_DAY_ADJACENT);
        }
        if (monthDay.equals(MonthDay.of(9, 9))) {
            holidays.add(Holiday.DOUBLE_NINE);
        }
        if (monthDay.equals(MonthDay.of(10, 10))) {
            holidays.add(Holiday.DOUBLE_TEN);
        }
        if (monthDay.equals(MonthDay.of(11, 11))) {
            holidays.add(Holiday.SINGLES_DAY);
        }
        if (monthDay.equals(MonthDay.of(12, 12))) {
            holidays.add(Holiday.DOUBLE_TWELVE);
        }
        if (date.equals(blackFriday(date.getYear()))) {
            holidays.add(Holiday.BLACK_FRIDAY);
        }
        return holidays;
    }

    public static boolean isPublicHoliday(LocalDate date) {
        return on(date).stream().anyMatch(Holiday::publicHoliday);
    }

    public static boolean isShoppingFestival(LocalDate date) {
        return on(date).stream().anyMatch(holiday -> !holiday.publicHoliday());
    }

    /**
     * The day after the fourth Thursday of November (US Thanksgiving), which Vietnamese marketplaces follow; this is
     * the fourth Friday except when November starts on a Friday, as in 2019 and 2024, when it is the fifth.
     */
    public static LocalDate blackFriday(int year) {
        return LocalDate.of(year, Month.NOVEMBER, 1)
                .with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY))
                .plusDays(1);
    }

    /**
     * The second National Day holiday, 1 or 3 September, which the law leaves to a yearly decision of the Prime
     * Minister. Predicted as the side that joins a weekend; this reproduces every decision from 2021 to 2025.
     */
    public static LocalDate nationalDayAdjacent(int year) {
        LocalDate nationalDay = LocalDate.of(year, Month.SEPTEMBER, 2);
        return switch (nationalDay.getDayOfWeek()) {
            case TUESDAY, FRIDAY, SATURDAY -> nationalDay.minusDays(1);
            default -> nationalDay.plusDays(1);
        };
    }

    private static void addLunarHolidays(LocalDate date, Set<Holiday> holidays) {
        if (date.isBefore(LunarCalendar.FIRST_SUPPORTED) || date.isAfter(LunarCalendar.LAST_SUPPORTED)) {
            return;
        }
        LunarDate lunar = LunarCalendar.toLunar(date);
        if (!lunar.leapMonth() && lunar.month() == 1 && lunar.day() <= 3) {
            holidays.add(Holiday.TET);
        }
        if (lunar.month() == 12 && lunar.day() >= 29 && lunar.year() < LunarCalendar.LAST_SUPPORTED.getYear()
                && date.plusDays(1).equals(TetCalendar.tet(lunar.year() + 1))) {
            holidays.add(Holiday.TET_EVE);
        }
        if (!lunar.leapMonth() && lunar.month() == 3 && lunar.day() == 10
                && date.getYear() >= FIRST_YEAR_OFF_FOR_HUNG_KINGS) {
            holidays.add(Holiday.HUNG_KINGS);
        }
    }
}
