package vn.ecomdss.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** A run reports on the last complete period before its logical date, and compares it with the right periods. */
class ReportPeriodTest {

    private static final LocalDate FIRST_OF_MARCH = LocalDate.of(2026, 3, 1);

    @Test
    void eachKindReportsOnTheLastCompletePeriodBeforeTheLogicalDate() {
        assertThat(ReportPeriod.endingBefore(PeriodKind.DAILY, FIRST_OF_MARCH))
                .isEqualTo(new ReportPeriod(PeriodKind.DAILY, LocalDate.of(2026, 2, 28), LocalDate.of(2026, 2, 28)));
        assertThat(ReportPeriod.endingBefore(PeriodKind.WEEKLY, FIRST_OF_MARCH)).as("1 March 2026 is a Sunday")
                .isEqualTo(new ReportPeriod(PeriodKind.WEEKLY, LocalDate.of(2026, 2, 16), LocalDate.of(2026, 2, 22)));
        assertThat(ReportPeriod.endingBefore(PeriodKind.MONTHLY, FIRST_OF_MARCH))
                .isEqualTo(new ReportPeriod(PeriodKind.MONTHLY, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)));
        assertThat(ReportPeriod.endingBefore(PeriodKind.QUARTERLY, FIRST_OF_MARCH))
                .isEqualTo(new ReportPeriod(PeriodKind.QUARTERLY, LocalDate.of(2025, 10, 1), LocalDate.of(2025, 12, 31)));
    }

    @Test
    void labelsNameThePeriodAsFileNamesDo() {
        assertThat(ReportPeriod.endingBefore(PeriodKind.DAILY, FIRST_OF_MARCH).label()).isEqualTo("2026-02-28");
        assertThat(ReportPeriod.endingBefore(PeriodKind.WEEKLY, FIRST_OF_MARCH).label()).isEqualTo("2026-W08");
        assertThat(ReportPeriod.endingBefore(PeriodKind.MONTHLY, FIRST_OF_MARCH).label()).isEqualTo("2026-02");
        assertThat(ReportPeriod.endingBefore(PeriodKind.QUARTERLY, FIRST_OF_MARCH).label()).isEqualTo("2025-Q4");
        assertThat(ReportPeriod.containing(PeriodKind.WEEKLY, LocalDate.of(2027, 1, 1)).label())
                .as("the ISO week of 1 January 2027 belongs to 2026").isEqualTo("2026-W53");
    }

    @Test
    void thePeriodBeforeLastYearAndNextFollowTheCalendar() {
        ReportPeriod march = ReportPeriod.containing(PeriodKind.MONTHLY, LocalDate.of(2024, 3, 15));
        assertThat(march.previous()).as("a leap February")
                .isEqualTo(new ReportPeriod(PeriodKind.MONTHLY, LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29)));
        assertThat(march.previous().sameLastYear().end()).isEqualTo(LocalDate.of(2023, 2, 28));
        assertThat(march.next().start()).isEqualTo(LocalDate.of(2024, 4, 1));
        ReportPeriod week = ReportPeriod.endingBefore(PeriodKind.WEEKLY, FIRST_OF_MARCH);
        assertThat(week.sameLastYear()).as("52 weeks earlier, Monday to Sunday")
                .isEqualTo(new ReportPeriod(PeriodKind.WEEKLY, LocalDate.of(2025, 2, 17), LocalDate.of(2025, 2, 23)));
        ReportPeriod quarter = ReportPeriod.endingBefore(PeriodKind.QUARTERLY, FIRST_OF_MARCH);
        assertThat(quarter.previous().start()).isEqualTo(LocalDate.of(2025, 7, 1));
        assertThat(quarter.next().end()).isEqualTo(LocalDate.of(2026, 3, 31));
    }
}
