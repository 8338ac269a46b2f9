package vn.ecomdss.vn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lunar month from 1900 to 2099 against the year table Hồ Ngọc Đức publishes with his Vietnamese calendar
 * (amlich). A new moon within minutes of local midnight moves a month by a day, so only the whole range pins the
 * astronomy: terms worth a few seconds in the new-moon and solar-longitude series change some month somewhere.
 * The table follows Beijing time (UTC+8) up to lunar year 1967, as Vietnam's calendar did before the 1968 reform;
 * {@link LunarCalendar#VIETNAM} models only the reformed calendar, so those years are checked with UTC+8.
 */
class LunarCalendarPublishedTableTest {

    /**
     * One entry per lunar year: bits 17 and up count the days from 1 January to Tết, bit 16 says the leap month has
     * 30 days, bits 15 down to 4 say months 1 to 12 have 30 days, bits 3-0 name the leap month (0 for none).
     */
    private static final int[] YEARS_1900_TO_2099 = {
            0x3c4bd8, 0x624ae0, 0x4ca570, 0x3854d5, 0x5cd260, 0x44d950, 0x315554, 0x5656a0, 0x409ad0, 0x2a55d2,  // 1900-1909
            0x504ae0, 0x3aa5b6, 0x60a4d0, 0x48d250, 0x33d255, 0x58b540, 0x42d6a0, 0x2cada2, 0x5295b0, 0x3f4977,  // 1910-1919
            0x644970, 0x4ca4b0, 0x36b4b5, 0x5c6a50, 0x466d50, 0x312b54, 0x562b60, 0x409570, 0x2c52f2, 0x504970,  // 1920-1929
            0x3a6566, 0x5ed4a0, 0x48ea50, 0x336a95, 0x585ad0, 0x442b60, 0x2f86e3, 0x5292e0, 0x3dc8d7, 0x62c950,  // 1930-1939
            0x4cd4a0, 0x35d8a6, 0x5ab550, 0x4656a0, 0x31a5b4, 0x5625d0, 0x4092d0, 0x2ad2b2, 0x50a950, 0x38b557,  // 1940-1949
            0x5e6ca0, 0x48b550, 0x355355, 0x584da0, 0x42a5b0, 0x2f4573, 0x5452b0, 0x3ca9a8, 0x60e950, 0x4c6aa0,  // 1950-1959
            0x36aea6, 0x5aab50, 0x464b60, 0x30aae4, 0x56a570, 0x405260, 0x28f263, 0x4ed940, 0x38db47, 0x5cd6a0,  // 1960-1969
            0x4896d0, 0x344dd5, 0x5a4ad0, 0x42a4d0, 0x2cd4b4, 0x52b250, 0x3cd558, 0x60b540, 0x4ab5a0, 0x3755a6,  // 1970-1979
            0x5c95b0, 0x4649b0, 0x30a974, 0x56a4b0, 0x40aa50, 0x29aa52, 0x4e6d20, 0x39ad47, 0x5eab60, 0x489370,  // 1980-1989
            0x344af5, 0x5a4970, 0x4464b0, 0x2c74a3, 0x50ea50, 0x3d6a58, 0x6256a0, 0x4aaad0, 0x3696d5, 0x5c92e0,  // 1990-1999
            0x46c960, 0x2ed954, 0x54d4a0, 0x3eda50, 0x2a7552, 0x4e56a0, 0x38a7a7, 0x5ea5d0, 0x4a92b0, 0x32aab5,  // 2000-2009
            0x58a950, 0x42b4a0, 0x2cbaa4, 0x50ad50, 0x3c55d9, 0x624ba0, 0x4ca5b0, 0x375176, 0x5c5270, 0x466930,  // 2010-2019
            0x307934, 0x546aa0, 0x3ead50, 0x2a5b52, 0x504b60, 0x38a6e6, 0x5ea4e0, 0x48d260, 0x32ea65, 0x56d520,  // 2020-2029
            0x40daa0, 0x2d56a3, 0x5256d0, 0x3c4afb, 0x6249d0, 0x4ca4d0, 0x37d0b6, 0x5ab250, 0x44b520, 0x2edd25,  // 2030-2039
            0x54b5a0, 0x3e55d0, 0x2a55b2, 0x5049b0, 0x3aa577, 0x5ea4b0, 0x48aa50, 0x33b255, 0x586d20, 0x40ad60,  // 2040-2049
            0x2d4b63, 0x525370, 0x3e49e8, 0x60c970, 0x4c54b0, 0x3768a6, 0x5ada50, 0x445aa0, 0x2fa6a4, 0x54aad0,  // 2050-2059
            0x4052e0, 0x28d2e3, 0x4ec950, 0x38d557, 0x5ed4a0, 0x46d950, 0x325d55, 0x5856a0, 0x42a6d0, 0x2c55d4,  // 2060-2069
            0x5252b0, 0x3ca9b8, 0x62a930, 0x4ab490, 0x34b6a6, 0x5aad50, 0x4655a0, 0x2eab64, 0x54a570, 0x4052b0,  // 2070-2079
            0x2ab173, 0x4e6930, 0x386b37, 0x5e6aa0, 0x48ad50, 0x332ad5, 0x582b60, 0x42a570, 0x2e52e4, 0x50d160,  // 2080-2089
            0x3ae958, 0x60d520, 0x4ada90, 0x355aa6, 0x5a56d0, 0x462ae0, 0x30a9d4, 0x54a2d0, 0x3ed150, 0x28e952   // 2090-2099
    };

    /**
     * Months the short series used here starts a day away from the table (days to add to the table's first day).
     * All but one are new moons within nine minutes of local midnight, where the two computations fall on either
     * side of it; Tết 1925 is the table's 25 January although the new moon came at 22:46 (UTC+8) on the 24th, the
     * day China kept.
     */
    private static final Map<String, Integer> NEW_MOONS_AT_MIDNIGHT = Map.of(
            "1906-4", 1, "1914-10", 1, "1916-1", 1, "1920-10", 1, "1925-1", -1,
            "2054-4", 1, "2072-11", 1, "2077-10", 1);

    private static final int REFORM_YEAR = 1968;

    private static final List<LunarMonth> MONTHS = publishedMonths();

    record LunarMonth(int year, int month, boolean leap, LocalDate firstDay, LocalDate nextFirstDay) {

        int length() {
            return (int) (nextFirstDay.toEpochDay() - firstDay.toEpochDay());
        }

        @Override
        public String toString() {
            return "month " + month + (leap ? " (leap)" : "") + " of " + year;
        }
    }

    static IntStream years() {
        return IntStream.rangeClosed(1900, 2099);
    }

    @ParameterizedTest(name = "lunar year {0}")
    @MethodSource("years")
    void everyMonthStartsOnThePublishedDay(int year) {
        LunarCalendar calendar = calendarOf(year);
        for (LunarMonth m : monthsOf(year)) {
            assertThat(calendar.solarOf(1, m.month(), year, m.leap())).as("%s", m).isEqualTo(m.firstDay());
            assertThat(calendar.lunarOf(m.firstDay())).as("%s", m).isEqualTo(new LunarDate(1, m.month(), year, m.leap()));
        }
        if (year >= REFORM_YEAR) {
            assertThat(TetCalendar.tet(year)).isEqualTo(monthsOf(year).get(0).firstDay());
        }
    }

    /** The month of the reform (12 of 1967) began on Beijing time and ended on Vietnamese time, so it is left out. */
    @ParameterizedTest(name = "lunar year {0}")
    @MethodSource("years")
    void everyMonthHasThePublishedLength(int year) {
        LunarCalendar calendar = calendarOf(year);
        for (LunarMonth m : monthsOf(year)) {
            if (year == REFORM_YEAR - 1 && m.month() == 12) {
                continue;
            }
            LocalDate lastDay = m.nextFirstDay().minusDays(1);
            assertThat(calendar.lengthOfMonth(m.month(), year, m.leap())).as("%s", m).isEqualTo(m.length());
            assertThat(calendar.solarOf(m.length(), m.month(), year, m.leap())).as("%s", m).isEqualTo(lastDay);
            assertThat(calendar.lunarOf(lastDay)).as("%s", m)
                    .isEqualTo(new LunarDate(m.length(), m.month(), year, m.leap()));
            if (m.length() == 29) {
                assertThatThrownBy(() -> calendar.solarOf(30, m.month(), year, m.leap()))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("lunar " + m + " has only 29 days");
            }
        }
    }

    @ParameterizedTest(name = "lunar year {0}")
    @MethodSource("years")
    void theLeapMonthIsThePublishedOne(int year) {
        int leapMonth = YEARS_1900_TO_2099[year - 1900] & 0xf;
        if (leapMonth == 0) {
            assertThat(calendarOf(year).leapMonthOf(year)).isEmpty();
        } else {
            assertThat(calendarOf(year).leapMonthOf(year)).hasValue(leapMonth);
        }
    }

    private static LunarCalendar calendarOf(int lunarYear) {
        return lunarYear < REFORM_YEAR ? LunarCalendar.forUtcOffset(8) : LunarCalendar.VIETNAM;
    }

    private static List<LunarMonth> monthsOf(int year) {
        return MONTHS.stream().filter(m -> m.year() == year).toList();
    }

    private static List<LunarMonth> publishedMonths() {
        List<int[]> keys = new ArrayList<>();
        List<LocalDate> firstDays = new ArrayList<>();
        LocalDate end = null;
        for (int year = 1900; year <= 2099; year++) {
            int code = YEARS_1900_TO_2099[year - 1900];
            int leapMonth = code & 0xf;
            LocalDate day = LocalDate.of(year, 1, 1).plusDays(code >> 17);
            for (int month = 1; month <= 12; month++) {
                keys.add(new int[] {year, month, 0});
                firstDays.add(day.plusDays(NEW_MOONS_AT_MIDNIGHT.getOrDefault(year + "-" + month, 0)));
                day = day.plusDays((code >> (16 - month) & 1) == 1 ? 30 : 29);
                if (month == leapMonth) {
                    keys.add(new int[] {year, month, 1});
                    firstDays.add(day);
                    day = day.plusDays((code >> 16 & 1) == 1 ? 30 : 29);
                }
            }
            end = day;
        }
        firstDays.add(end);
        List<LunarMonth> months = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            int[] key = keys.get(i);
            months.add(new LunarMonth(key[0], key[1], key[2] == 1, firstDays.get(i), firstDays.get(i + 1)));
        }
        return months;
    }
}
