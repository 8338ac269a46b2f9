package vn.ecomdss.ml;

import java.time.LocalDate;

/**
 * What {@code dw.dim_date} knows of a day in advance: its weekday (1 Monday to 7 Sunday), whether it is in the Tết
 * season, a double-day shopping festival (9/9 to 12/12) or a public holiday, and how many days it is from Tết.
 */
public record CalendarDay(LocalDate day, int dayOfWeek, boolean tetSeason, boolean shoppingFestival,
                          boolean publicHoliday, int daysFromTet) {
}
