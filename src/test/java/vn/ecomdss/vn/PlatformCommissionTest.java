package vn.ecomdss.vn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class PlatformCommissionTest {

    @Test
    void theRateInForceOnTheOrderDate() {
        assertThat(PlatformCommission.on("shopee", LocalDate.of(2023, 3, 31))).get()
                .extracting(PlatformCommission.Rate::rate).asString().isEqualTo("0.0500");
        assertThat(PlatformCommission.on("shopee", LocalDate.of(2023, 4, 1))).get()
                .extracting(PlatformCommission.Rate::rate).asString().isEqualTo("0.0600");
        assertThat(PlatformCommission.on("shopee", LocalDate.of(2026, 5, 1))).get()
                .extracting(PlatformCommission.Rate::rate).asString().isEqualTo("0.0900");
        assertThat(PlatformCommission.on("tiktokshop", LocalDate.of(2024, 6, 1))).get()
                .extracting(PlatformCommission.Rate::rate).asString().isEqualTo("0.0500");
    }

    @Test
    void platformsWithoutCommissionHaveNoRate() {
        assertThat(PlatformCommission.on("vnmarket", LocalDate.of(2025, 1, 1))).isEmpty();
        assertThat(PlatformCommission.on("shopee", LocalDate.of(1899, 12, 31))).isEmpty();
    }

    @Test
    void historiesAreOldestFirstAndStartAt1900() {
        for (String platform : PlatformCommission.RATES.stream().map(PlatformCommission.Rate::platform).distinct().toList()) {
            var history = PlatformCommission.history(platform);
            assertThat(history.get(0).from()).isEqualTo(LocalDate.of(1900, 1, 1));
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i).from()).isAfter(history.get(i - 1).from());
            }
        }
    }
}
