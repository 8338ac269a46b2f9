package vn.ecomdss.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The days a report covers, {@code start} to {@code end} inclusive. A run reports on the last complete period
 * before its logical date, so the 07:00 run of 1 March reports on February. "Same period last year" keeps what a
 * reader compares: the same calendar day, month or quarter, and for a week the week 52 weeks earlier, which starts
 * on a Monday too.
 */
public record ReportPeriod(PeriodKind kind, LocalDate start, LocalDate end) {

    public ReportPeriod {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a period ends on or after its start, got " + start + " to " + end);
        }
    }

    /** The last complete period of {@code kind} that ends before {@code day}. */
    public static ReportPeriod endingBefore(PeriodKind kind, LocalDate day) {
        return containing(kind, day).previous();
    }

    /** The period of {@code kind} that holds {@code day}. */
    public static ReportPeriod containing(PeriodKind kind, LocalDate day) {
        return switch (kind) {
            case DAILY -> new ReportPeriod(kind, day, day);
            case WEEKLY -> {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new ReportPeriod(kind, monday, monday.plusDays(6));
            }
            case MONTHLY -> new ReportPeriod(kind, day.withDayOfMonth(1), day.with(TemporalAdjusters.lastDayOfMonth()));
            case QUARTERLY -> {
                LocalDate first = day.withMonth((day.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1).withDayOfMonth(1);
                yield new ReportPeriod(kind, first, first.plusMonths(3).minusDays(1));
            }
        };
    }

    public ReportPeriod previous() {
        return containing(kind, start.minusDays(1));
    }

    public ReportPeriod next() {
        return containing(kind, end.plusDays(1));
    }

    public ReportPeriod sameLastYear() {
        return kind == PeriodKind.WEEKLY ? containing(kind, start.minusWeeks(52)) : containing(kind, start.minusYears(1));
    }

    /** {@code 2026-02-28}, {@code 2026-W08}, {@code 2026-02}, {@code 2026-Q1}: the period's name in file names. */
    public String label() {
        return switch (kind) {
            case DAILY -> start.toString();
            case WEEKLY -> String.format("%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
                    start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTHLY -> String.format("%d-%02d", start.getYear(), start.getMonthValue());
            case QUARTERLY -> start.getYear() + "-Q" + start.get(IsoFields.QUARTER_OF_YEAR);
        };
    }
}
