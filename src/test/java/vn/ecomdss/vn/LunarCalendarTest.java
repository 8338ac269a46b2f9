package vn.ecomdss.vn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Month;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LunarCalendarTest {

    private static final LunarCalendar CHINA = LunarCalendar.forUtcOffset(8);

    @ParameterizedTest
    @CsvSource({
            "2000, 2000-02-05", "2020, 2020-01-25", "2021, 2021-02-12", "2022, 2022-02-01", "2023, 2023-01-22",
            "2024, 2024-02-10", "2025, 2025-01-29", "2026, 2026-02-17", "2027, 2027-02-06", "1968, 1968-01-29",
            "1985, 1985-01-21", "2007, 2007-02-17", "2030, 2030-02-02"})
    void knownTetDates(int year, LocalDate tet) {
        assertThat(TetCalendar.tet(year)).isEqualTo(tet);
        assertThat(LunarCalendar.toLunar(tet)).isEqualTo(new LunarDate(1, 1, year, false));
        assertThat(LunarCalendar.toLunar(tet.minusDays(1)).year()).isEqualTo(year - 1);
        assertThat(LunarCalendar.toLunar(tet.minusDays(1)).month()).isEqualTo(12);
    }

    /** New moons close to midnight fall on different days in UTC+7 and UTC+8. */
    @ParameterizedTest
    @CsvSource({"1985, 1985-01-21, 1985-02-20", "2007, 2007-02-17, 2007-02-18", "2030, 2030-02-02, 2030-02-03"})
    void vietnameseAndChineseNewYearDifferBecauseOfTheTimeZone(int year, LocalDate vietnam, LocalDate china) {
        assertThat(LunarCalendar.toSolar(1, 1, year, false)).isEqualTo(vietnam);
        assertThat(CHINA.solarOf(1, 1, year, false)).isEqualTo(china);
        assertThat(vietnam).isNotEqualTo(china);
    }

    @ParameterizedTest
    @CsvSource({"2000, 2000-02-05", "2024, 2024-02-10", "2025, 2025-01-29", "2026, 2026-02-17"})
    void inMostYearsBothNewYearsCoincide(int year, LocalDate date) {
        assertThat(CHINA.solarOf(1, 1, year, false)).isEqualTo(date);
        assertThat(LunarCalendar.toSolar(1, 1, year, false)).isEqualTo(date);
    }

    @ParameterizedTest
    @CsvSource({"2020, 4, 2020-05-23", "2023, 2, 2023-03-22", "2025, 6, 2025-07-25", "2017, 6, 2017-07-23",
            "2012, 4, 2012-05-21", "2014, 9, 2014-10-24"})
    void leapMonths(int year, int leapMonth, LocalDate firstDayOfLeapMonth) {
        assertThat(LunarCalendar.VIETNAM.leapMonthOf(year)).hasValue(leapMonth);
        assertThat(LunarCalendar.toSolar(1, leapMonth, year, true)).isEqualTo(firstDayOfLeapMonth);
        assertThat(LunarCalendar.toLunar(firstDayOfLeapMonth)).isEqualTo(new LunarDate(1, leapMonth, year, true));
        LunarDate dayBefore = LunarCalendar.toLunar(firstDayOfLeapMonth.minusDays(1));
        assertThat(dayBefore.month()).isEqualTo(leapMonth);
        assertThat(dayBefore.leapMonth()).isFalse();
        assertThat(dayBefore.day()).isIn(29, 30);
    }

    /** The "2033 problem": the leap month falls after the 11th month, across the solar new year. */
    @Test
    void leapEleventhMonthOf2033() {
        assertThat(LunarCalendar.VIETNAM.leapMonthOf(2033)).hasValue(11);
        assertThat(LunarCalendar.VIETNAM.leapMonthOf(2034)).isEmpty();
        LocalDate leapStart = LunarCalendar.toSolar(1, 11, 2033, true);
        assertThat(leapStart).isAfter(LunarCalendar.toSolar(1, 11, 2033, false));
        assertThat(leapStart).isBefore(LunarCalendar.toSolar(1, 12, 2033, false));
        assertThat(LunarCalendar.toLunar(leapStart)).isEqualTo(new LunarDate(1, 11, 2033, true));
        assertThat(TetCalendar.tet(2034)).isEqualTo(LocalDate.of(2034, 2, 19));
    }

    @Test
    void regularMonthPrecedesTheLeapMonthOfTheSameNumber() {
        assertThat(LunarCalendar.toSolar(1, 4, 2020, false)).isEqualTo(LocalDate.of(2020, 4, 23));
        assertThat(LunarCalendar.toSolar(1, 2, 2023, false)).isEqualTo(LocalDate.of(2023, 2, 20));
        assertThat(LunarCalendar.toSolar(1, 6, 2025, false)).isEqualTo(LocalDate.of(2025, 6, 25));
        assertThat(LunarCalendar.toSolar(1, 7, 2025, false)).isEqualTo(LocalDate.of(2025, 8, 23));
    }

    @ParameterizedTest
    @CsvSource({"2019", "2021", "2022", "2024", "2026"})
    void commonYearsHaveNoLeapMonth(int year) {
        assertThat(LunarCalendar.VIETNAM.leapMonthOf(year)).isEmpty();
        assertThatThrownBy(() -> LunarCalendar.toSolar(1, 4, year, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no leap month");
    }

    @Test
    void askingForTheWrongLeapMonthFails() {
        assertThatThrownBy(() -> LunarCalendar.toSolar(1, 5, 2020, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lunar year 2020 has no leap month 5");
    }

    @ParameterizedTest
    @CsvSource({
            "2024-09-17, 15, 8, 2024", "2025-10-06, 15, 8, 2025", "2024-04-18, 10, 3, 2024",
            "2025-04-07, 10, 3, 2025", "2023-04-29, 10, 3, 2023", "2024-02-02, 23, 12, 2023",
            "2024-08-18, 15, 7, 2024", "2023-09-29, 15, 8, 2023", "2000-01-01, 25, 11, 1999", "1900-01-31, 1, 1, 1900"})
    void knownLunarDates(LocalDate solar, int day, int month, int year) {
        assertThat(LunarCalendar.toLunar(solar)).isEqualTo(new LunarDate(day, month, year, false));
        assertThat(LunarCalendar.toSolar(day, month, year, false)).isEqualTo(solar);
    }

    @Test
    void tetAtYAn2025HasNoThirtiethOfTheTwelfthMonth() {
        assertThat(LunarCalendar.VIETNAM.lengthOfMonth(12, 2024, false)).isEqualTo(29);
        assertThat(LunarCalendar.toLunar(LocalDate.of(2025, 1, 28))).isEqualTo(new LunarDate(29, 12, 2024, false));
        assertThatThrownBy(() -> LunarCalendar.toSolar(30, 12, 2024, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only 29 days");
    }

    @Test
    void everyDayRoundTripsAndLunarDaysAdvanceByOne() {
        LocalDate date = LocalDate.of(1995, 1, 1);
        LunarDate previous = LunarCalendar.toLunar(date.minusDays(1));
        while (date.getYear() < 2036) {
            LunarDate lunar = LunarCalendar.toLunar(date);
            assertThat(LunarCalendar.toSolar(lunar.day(), lunar.month(), lunar.year(), lunar.leapMonth()))
                    .as("round trip of %s (%s)", date, lunar).isEqualTo(date);
            if (lunar.day() == 1) {
                assertThat(previous.day()).as("month before %s", date).isIn(29, 30);
            } else {
                assertThat(lunar.day()).as("day after %s", previous).isEqualTo(previous.day() + 1);
            }
            previous = lunar;
            date = date.plusDays(1);
        }
    }

    @Test
    void tetAlwaysFallsBetween21JanuaryAnd20FebruaryOver1900To2100() {
        for (int year = 1900; year <= 2100; year++) {
            LocalDate tet = TetCalendar.tet(year);
            assertThat(tet.getYear()).isEqualTo(year);
            assertThat(tet).as("Tết %d", year)
                    .isBetween(LocalDate.of(year, Month.JANUARY, 21), LocalDate.of(year, Month.FEBRUARY, 20));
        }
    }

    /** The mean lunation guesses a month too late on these days: the true new moon comes the next morning. */
    @ParameterizedTest
    @CsvSource({"2054-05-07, 30, 3, 2054", "2062-04-09, 30, 2, 2062"})
    void theDayBeforeALateNewMoonEndsThePreviousMonth(LocalDate solar, int day, int month, int year) {
        assertThat(LunarCalendar.toLunar(solar)).isEqualTo(new LunarDate(day, month, year, false));
        assertThat(LunarCalendar.toLunar(solar.plusDays(1))).isEqualTo(new LunarDate(1, month + 1, year, false));
    }

    @Test
    void theFirstSupportedDayBelongsToTheTwelfthMonthOf1899() {
        assertThat(LunarCalendar.toLunar(LocalDate.of(1900, 1, 1))).isEqualTo(new LunarDate(1, 12, 1899, false));
        assertThat(LunarCalendar.toSolar(1, 12, 1899, false)).isEqualTo(LocalDate.of(1900, 1, 1));
        assertThat(LunarCalendar.toSolar(1, 11, 1899, false)).isEqualTo(LocalDate.of(1899, 12, 3));
        assertThatThrownBy(() -> LunarCalendar.toSolar(1, 1, 1898, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lunar year 1898 is outside the supported range 1900-2100");
    }

    @Test
    void rejectsDatesOutsideTheSupportedRange() {
        assertThatThrownBy(() -> LunarCalendar.toLunar(LocalDate.of(1899, 12, 31)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("1899-12-31 is outside the supported range 1900-2100");
        assertThatThrownBy(() -> LunarCalendar.toLunar(LocalDate.of(2101, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LunarCalendar.toSolar(1, 1, 2101, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LunarCalendar.toSolar(31, 1, 2024, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no lunar date 31/1");
        assertThatThrownBy(() -> LunarCalendar.toSolar(1, 13, 2024, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
