package vn.ecomdss.vn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VietnameseHolidaysTest {

    @ParameterizedTest
    @CsvSource({
            "2025-01-01, NEW_YEAR", "2025-01-28, TET_EVE", "2025-01-29, TET", "2025-01-30, TET", "2025-01-31, TET",
            "2024-02-09, TET_EVE", "2024-02-10, TET", "2026-02-16, TET_EVE", "2026-02-19, TET",
            "2025-04-07, HUNG_KINGS", "2024-04-18, HUNG_KINGS", "2023-04-29, HUNG_KINGS",
            "2025-04-30, REUNION_DAY", "2025-05-01, LABOUR_DAY", "2025-09-02, NATIONAL_DAY",
            "2025-09-09, DOUBLE_NINE", "2025-10-10, DOUBLE_TEN", "2025-11-11, SINGLES_DAY",
            "2025-12-12, DOUBLE_TWELVE", "2025-11-28, BLACK_FRIDAY", "2024-11-29, BLACK_FRIDAY",
            "2023-11-24, BLACK_FRIDAY"})
    void recognisesEachHoliday(LocalDate date, Holiday holiday) {
        assertThat(VietnameseHolidays.on(date)).containsExactly(holiday);
    }

    /** Dates decided by the Prime Minister for each year since the Labour Code 2019 took effect. */
    @ParameterizedTest
    @CsvSource({"2021, 2021-09-03", "2022, 2022-09-01", "2023, 2023-09-01", "2024, 2024-09-03",
            "2025, 2025-09-01"})
    void secondNationalDayHolidayMatchesTheYearlyDecisions(int year, LocalDate adjacent) {
        assertThat(VietnameseHolidays.nationalDayAdjacent(year)).isEqualTo(adjacent);
        assertThat(VietnameseHolidays.on(adjacent)).containsExactly(Holiday.NATIONAL_DAY_ADJACENT);
        LocalDate otherSide = adjacent.getDayOfMonth() == 1 ? adjacent.plusDays(2) : adjacent.minusDays(2);
        assertThat(VietnameseHolidays.on(otherSide)).isEmpty();
    }

    @Test
    void beforeTheLabourCode2019NationalDayWasOneDay() {
        assertThat(VietnameseHolidays.on(LocalDate.of(2020, 9, 1))).isEmpty();
        assertThat(VietnameseHolidays.on(LocalDate.of(2020, 9, 3))).isEmpty();
        assertThat(VietnameseHolidays.on(LocalDate.of(2020, 9, 2))).containsExactly(Holiday.NATIONAL_DAY);
    }

    @Test
    void hungKingsDayIsAHolidayOnlySince2007() {
        LocalDate hungKings2006 = LunarCalendar.toSolar(10, 3, 2006, false);
        LocalDate hungKings2007 = LunarCalendar.toSolar(10, 3, 2007, false);

        assertThat(VietnameseHolidays.on(hungKings2006)).doesNotContain(Holiday.HUNG_KINGS);
        assertThat(VietnameseHolidays.on(hungKings2007)).containsExactly(Holiday.HUNG_KINGS);
        assertThat(hungKings2007).isEqualTo(LocalDate.of(2007, 4, 26));
    }

    @Test
    void tetHolidayEndsOnTheThirdDay() {
        assertThat(VietnameseHolidays.on(LocalDate.of(2025, 2, 1))).isEmpty();
        assertThat(VietnameseHolidays.on(LocalDate.of(2025, 1, 27))).isEmpty();
    }

    @Test
    void leapThirdMonthDoesNotRepeatHungKingsDay() {
        int yearsWithLeapThirdMonth = 0;
        for (int year = 2007; year <= 2100; year++) {
            if (LunarCalendar.VIETNAM.leapMonthOf(year).orElse(0) == 3) {
                yearsWithLeapThirdMonth++;
                assertThat(VietnameseHolidays.on(LunarCalendar.toSolar(10, 3, year, false)))
                        .contains(Holiday.HUNG_KINGS);
                assertThat(VietnameseHolidays.on(LunarCalendar.toSolar(10, 3, year, true)))
                        .doesNotContain(Holiday.HUNG_KINGS);
            }
        }
        assertThat(yearsWithLeapThirdMonth).isPositive();
    }

    @Test
    void ordinaryDaysHaveNoHoliday() {
        assertThat(VietnameseHolidays.on(LocalDate.of(2025, 3, 15))).isEmpty();
        assertThat(VietnameseHolidays.on(LocalDate.of(2024, 11, 22))).isEmpty();
        assertThat(VietnameseHolidays.isPublicHoliday(LocalDate.of(2025, 3, 15))).isFalse();
        assertThat(VietnameseHolidays.isShoppingFestival(LocalDate.of(2025, 3, 15))).isFalse();
    }

    @Test
    void publicHolidaysAndShoppingFestivalsAreToldApart() {
        assertThat(VietnameseHolidays.isPublicHoliday(LocalDate.of(2025, 4, 30))).isTrue();
        assertThat(VietnameseHolidays.isShoppingFestival(LocalDate.of(2025, 4, 30))).isFalse();
        assertThat(VietnameseHolidays.isShoppingFestival(LocalDate.of(2025, 11, 11))).isTrue();
        assertThat(VietnameseHolidays.isPublicHoliday(LocalDate.of(2025, 11, 11))).isFalse();
    }

    /** In years where November starts on a Friday the day after Thanksgiving is the fifth Friday, not the fourth. */
    @ParameterizedTest
    @CsvSource({"2019, 2019-11-29", "2024, 2024-11-29", "2025, 2025-11-28", "2026, 2026-11-27", "2030, 2030-11-29"})
    void blackFridayIsTheDayAfterTheFourthThursdayOfNovember(int year, LocalDate blackFriday) {
        assertThat(VietnameseHolidays.blackFriday(year)).isEqualTo(blackFriday);
        assertThat(VietnameseHolidays.on(blackFriday.minusDays(7))).doesNotContain(Holiday.BLACK_FRIDAY);
    }
}
