package vn.ecomdss.vn;

import java.time.LocalDate;

/** Dates of Tết Nguyên Đán (lunar new year) and the shopping season around it. */
public final class TetCalendar {

    private TetCalendar() {
    }

    /** Solar date of lunar 1/1 of the lunar year that starts in the given solar year. */
    public static LocalDate tet(int year) {
        return LunarCalendar.toSolar(1, 1, year, false);
    }

    /** Last day of the lunar year before {@link #tet(int)} (Giao thừa): lunar 30/12, or 29/12 in a short month. */
    public static LocalDate newYearsEve(int year) {
        return tet(year).minusDays(1);
    }

    /** Days around Tết when buying peaks (gifts, food, travel); the width is a business choice, hence parameters. */
    public static DateWindow season(int year, int daysBefore, int daysAfter) {
        if (daysBefore < 0 || daysAfter < 0) {
            throw new IllegalArgumentException("days before and after Tết must not be negative");
        }
        LocalDate tet = tet(year);
        return new DateWindow(tet.minusDays(daysBefore), tet.plusDays(daysAfter));
    }
}
