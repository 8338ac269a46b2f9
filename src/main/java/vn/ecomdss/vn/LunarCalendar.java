package vn.ecomdss.vn;

import java.time.LocalDate;
import java.util.OptionalInt;

/**
 * Vietnamese lunar calendar computed astronomically (Hồ Ngọc Đức's method, built on Jean Meeus' formulas for new
 * moons and solar longitude), valid for 1900-2100. Months start on the local day of the new moon, so the time zone
 * matters: Vietnam uses UTC+7 and China UTC+8, which is why their new years occasionally fall on different days.
 */
public final class LunarCalendar {

    /** Vietnamese civil time, UTC+7, used since the reform of 1968. */
    public static final LunarCalendar VIETNAM = new LunarCalendar(7);

    static final LocalDate FIRST_SUPPORTED = LocalDate.of(1900, 1, 1);
    static final LocalDate LAST_SUPPORTED = LocalDate.of(2100, 12, 31);

    private static final double SYNODIC_MONTH = 29.530588853;
    /** Julian day of the new moon of 1 January 1900, the epoch from which lunations are counted. */
    private static final double LUNATION_EPOCH = 2415021.076998695;
    private static final long JULIAN_DAY_OF_EPOCH_DAY_ZERO = 2440588;
    private static final double DEGREES = Math.PI / 180;

    private final double utcOffsetHours;

    private LunarCalendar(double utcOffsetHours) {
        this.utcOffsetHours = utcOffsetHours;
    }

    /** The same calendar rules applied in another time zone, e.g. 8 for the Chinese calendar. */
    public static LunarCalendar forUtcOffset(int hours) {
        return new LunarCalendar(hours);
    }

    public static LunarDate toLunar(LocalDate solar) {
        return VIETNAM.lunarOf(solar);
    }

    public static LocalDate toSolar(int lunarDay, int lunarMonth, int lunarYear, boolean leap) {
        return VIETNAM.solarOf(lunarDay, lunarMonth, lunarYear, leap);
    }

    public LunarDate lunarOf(LocalDate solar) {
        if (solar.isBefore(FIRST_SUPPORTED) || solar.isAfter(LAST_SUPPORTED)) {
            throw new IllegalArgumentException(solar + " is outside the supported range 1900-2100");
        }
        long dayNumber = julianDay(solar);
        // The mean lunation is only a guess: a true new moon can come up to half a day later, so step back until
        // the month has started (2054-05-07 needs two steps).
        long k = (long) Math.floor((dayNumber - LUNATION_EPOCH) / SYNODIC_MONTH) + 1;
        long monthStart = newMoonDay(k);
        while (monthStart > dayNumber) {
            k--;
            monthStart = newMoonDay(k);
        }
        int solarYear = solar.getYear();
        long a11 = month11Start(solarYear);
        long b11 = a11;
        int lunarYear;
        if (a11 >= monthStart) {
            lunarYear = solarYear;
            a11 = month11Start(solarYear - 1);
        } else {
            lunarYear = solarYear + 1;
            b11 = month11Start(solarYear + 1);
        }
        int day = (int) (dayNumber - monthStart + 1);
        int diff = (int) Math.floor((monthStart - a11) / 29.0);
        boolean leap = false;
        int month = diff + 11;
        if (b11 - a11 > 365) {
            int leapOffset = leapMonthOffset(a11);
            if (diff >= leapOffset) {
                month = diff + 10;
                leap = diff == leapOffset;
            }
        }
        if (month > 12) {
            month -= 12;
        }
        if (month >= 11 && diff < 4) {
            lunarYear -= 1;
        }
        return new LunarDate(day, month, lunarYear, leap);
    }

    /**
     * Solar date of a lunar date.
     *
     * @throws IllegalArgumentException when the year has no such leap month, the month has only 29 days and day 30
     *                                  was asked for, or the year is outside 1900-2100
     */
    public LocalDate solarOf(int lunarDay, int lunarMonth, int lunarYear, boolean leap) {
        if (lunarDay < 1 || lunarDay > 30 || lunarMonth < 1 || lunarMonth > 12) {
            throw new IllegalArgumentException("no lunar date " + lunarDay + "/" + lunarMonth);
        }
        if (lunarYear < FIRST_SUPPORTED.getYear() - 1 || lunarYear > LAST_SUPPORTED.getYear()) {
            throw new IllegalArgumentException("lunar year " + lunarYear + " is outside the supported range 1900-2100");
        }
        // Months 11 and 12 belong to the solstice-to-solstice span that starts in the same lunar year.
        long a11 = month11Start(lunarMonth < 11 ? lunarYear - 1 : lunarYear);
        long b11 = month11Start(lunarMonth < 11 ? lunarYear : lunarYear + 1);
        long k = (long) Math.floor(0.5 + (a11 - LUNATION_EPOCH) / SYNODIC_MONTH);
        int offset = lunarMonth - 11;
        if (offset < 0) {
            offset += 12;
        }
        OptionalInt leapMonth = leapMonthBetween(a11, b11);
        if (leap && (leapMonth.isEmpty() || leapMonth.getAsInt() != lunarMonth)) {
            throw new IllegalArgumentException("lunar year " + lunarYear + " has no leap month " + lunarMonth);
        }
        if (leapMonth.isPresent() && (leap || offset >= leapMonthOffset(a11))) {
            offset += 1;
        }
        long monthStart = newMoonDay(k + offset);
        long nextMonthStart = newMoonDay(k + offset + 1);
        if (lunarDay > nextMonthStart - monthStart) {
            throw new IllegalArgumentException("lunar month " + lunarMonth + (leap ? " (leap)" : "") + " of "
                    + lunarYear + " has only " + (nextMonthStart - monthStart) + " days");
        }
        return fromJulianDay(monthStart + lunarDay - 1);
    }

    /** The month that is repeated as a leap month in a lunar year, if that year has thirteen months. */
    public OptionalInt leapMonthOf(int lunarYear) {
        OptionalInt early = leapMonthBetween(month11Start(lunarYear - 1), month11Start(lunarYear));
        if (early.isPresent() && early.getAsInt() < 11) {
            return early;
        }
        OptionalInt late = leapMonthBetween(month11Start(lunarYear), month11Start(lunarYear + 1));
        if (late.isPresent() && late.getAsInt() >= 11) {
            return late;
        }
        return OptionalInt.empty();
    }

    /** Number of days (29 or 30) in a lunar month. */
    public int lengthOfMonth(int lunarMonth, int lunarYear, boolean leap) {
        LocalDate first = solarOf(1, lunarMonth, lunarYear, leap);
        LunarDate day30 = lunarOf(first.plusDays(29));
        return day30.day() == 30 ? 30 : 29;
    }

    /** Local day (as a Julian day number) of the k-th new moon after the one of 1 January 1900. */
    private long newMoonDay(long k) {
        double t = k / 1236.85;
        double t2 = t * t;
        double t3 = t2 * t;
        double jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
                + 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * DEGREES);
        double sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
        double moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
        double moonLatitude = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
        double correction = (0.1734 - 0.000393 * t) * Math.sin(sunAnomaly * DEGREES)
                + 0.0021 * Math.sin(2 * DEGREES * sunAnomaly)
                - 0.4068 * Math.sin(moonAnomaly * DEGREES)
                + 0.0161 * Math.sin(DEGREES * 2 * moonAnomaly)
                - 0.0004 * Math.sin(DEGREES * 3 * moonAnomaly)
                + 0.0104 * Math.sin(DEGREES * 2 * moonLatitude)
                - 0.0051 * Math.sin(DEGREES * (sunAnomaly + moonAnomaly))
                - 0.0074 * Math.sin(DEGREES * (sunAnomaly - moonAnomaly))
                + 0.0004 * Math.sin(DEGREES * (2 * moonLatitude + sunAnomaly))
                - 0.0004 * Math.sin(DEGREES * (2 * moonLatitude - sunAnomaly))
                - 0.0006 * Math.sin(DEGREES * (2 * moonLatitude + moonAnomaly))
                + 0.0010 * Math.sin(DEGREES * (2 * moonLatitude - moonAnomaly))
                + 0.0005 * Math.sin(DEGREES * (2 * moonAnomaly + sunAnomaly));
        double deltaT = t < -11
                ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
                : -0.000278 + 0.000265 * t + 0.000262 * t2;
        double newMoon = jd1 + correction - deltaT;
        return (long) Math.floor(newMoon + 0.5 + utcOffsetHours / 24);
    }

    /** Which of the twelve 30-degree major solar terms (0 = spring equinox) the sun is in at local midnight. */
    private int solarTermSector(long dayNumber) {
        double t = (dayNumber - 2451545.5 - utcOffsetHours / 24) / 36525;
        double t2 = t * t;
        double meanAnomaly = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        double meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        double centre = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.sin(DEGREES * meanAnomaly)
                + (0.019993 - 0.000101 * t) * Math.sin(DEGREES * 2 * meanAnomaly)
                + 0.000290 * Math.sin(DEGREES * 3 * meanAnomaly);
        double longitude = (meanLongitude + centre) * DEGREES;
        longitude = longitude - Math.PI * 2 * Math.floor(longitude / (Math.PI * 2));
        return (int) Math.floor(longitude / Math.PI * 6);
    }

    /** Start of the lunar month containing the winter solstice, which is always the 11th month. */
    private long month11Start(int solarYear) {
        long lastDay = julianDay(LocalDate.of(solarYear, 12, 31));
        long k = (long) Math.floor((lastDay - 2415021) / SYNODIC_MONTH);
        long newMoon = newMoonDay(k);
        if (solarTermSector(newMoon) >= 9) {
            newMoon = newMoonDay(k - 1);
        }
        return newMoon;
    }

    /** Leap month of the span between two consecutive 11th months; only spans of thirteen new moons have one. */
    private OptionalInt leapMonthBetween(long a11, long b11) {
        if (b11 - a11 <= 365) {
            return OptionalInt.empty();
        }
        // Offset 1 is the month right after month 11, i.e. a leap 11th month.
        int month = leapMonthOffset(a11) + 10;
        return OptionalInt.of(month > 12 ? month - 12 : month);
    }

    /** Position (counted from month 11) of the first month without a major solar term, which becomes the leap month. */
    private int leapMonthOffset(long month11Start) {
        long k = (long) Math.floor((month11Start - LUNATION_EPOCH) / SYNODIC_MONTH + 0.5);
        int i = 1;
        int sector = solarTermSector(newMoonDay(k + i));
        int previous;
        do {
            previous = sector;
            i++;
            sector = solarTermSector(newMoonDay(k + i));
        } while (sector != previous && i < 14);
        return i - 1;
    }

    private static long julianDay(LocalDate date) {
        return date.toEpochDay() + JULIAN_DAY_OF_EPOCH_DAY_ZERO;
    }

    private static LocalDate fromJulianDay(long julianDay) {
        return LocalDate.ofEpochDay(julianDay - JULIAN_DAY_OF_EPOCH_DAY_ZERO);
    }
}
