package vn.ecomdss.vn;

/**
 * A date of the Vietnamese lunisolar calendar (âm lịch).
 *
 * @param leapMonth true when the date falls in the intercalary month that repeats {@code month}
 */
public record LunarDate(int day, int month, int year, boolean leapMonth) {

    public LunarDate {
        if (day < 1 || day > 30) {
            throw new IllegalArgumentException("lunar day must be 1..30, got " + day);
        }
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("lunar month must be 1..12, got " + month);
        }
    }
}
