package vn.ecomdss.vn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class TetCalendarTest {

    @Test
    void seasonSpansTheConfiguredDaysAroundTet() {
        DateWindow season = TetCalendar.season(2025, 30, 7);

        assertThat(season).isEqualTo(new DateWindow(LocalDate.of(2024, 12, 30), LocalDate.of(2025, 2, 5)));
        assertThat(season.days()).isEqualTo(38);
        assertThat(season.contains(LocalDate.of(2024, 12, 30))).isTrue();
        assertThat(season.contains(LocalDate.of(2025, 1, 29))).isTrue();
        assertThat(season.contains(LocalDate.of(2025, 2, 5))).isTrue();
        assertThat(season.contains(LocalDate.of(2024, 12, 29))).isFalse();
        assertThat(season.contains(LocalDate.of(2025, 2, 6))).isFalse();
    }

    @Test
    void zeroWidthSeasonIsTetDayOnly() {
        DateWindow season = TetCalendar.season(2026, 0, 0);

        assertThat(season.from()).isEqualTo(LocalDate.of(2026, 2, 17));
        assertThat(season.to()).isEqualTo(LocalDate.of(2026, 2, 17));
        assertThat(season.days()).isEqualTo(1);
    }

    @Test
    void negativeWidthIsRejected() {
        assertThatThrownBy(() -> TetCalendar.season(2025, -1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TetCalendar.season(2025, 3, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void windowCannotEndBeforeItStarts() {
        assertThatThrownBy(() -> new DateWindow(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 1, 31)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newYearsEveIsTheDayBeforeTet() {
        assertThat(TetCalendar.newYearsEve(2025)).isEqualTo(LocalDate.of(2025, 1, 28));
        assertThat(TetCalendar.newYearsEve(2024)).isEqualTo(LocalDate.of(2024, 2, 9));
    }
}
