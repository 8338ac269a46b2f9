package vn.ecomdss.vn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VatScheduleTest {

    @ParameterizedTest
    @CsvSource({
            "2021-12-31, 0.10", "2022-02-01, 0.08", "2022-12-31, 0.08", "2023-01-01, 0.10", "2023-06-30, 0.10",
            "2023-07-01, 0.08", "2024-06-30, 0.08", "2024-07-01, 0.08", "2025-06-30, 0.08", "2025-07-01, 0.08",
            "2026-12-31, 0.08", "2027-01-01, 0.10"})
    void standardGoodsFollowTheReductionPeriods(LocalDate date, String rate) {
        assertThat(VatSchedule.rate(date, VatSchedule.GoodsClass.STANDARD)).isEqualByComparingTo(rate);
    }

    @Test
    void excludedAndEssentialGoodsKeepTheirRate() {
        LocalDate reduced = LocalDate.of(2024, 3, 1);
        assertThat(VatSchedule.rate(reduced, VatSchedule.GoodsClass.EXCLUDED_FROM_REDUCTION)).isEqualByComparingTo("0.10");
        assertThat(VatSchedule.rate(reduced, VatSchedule.GoodsClass.ESSENTIAL)).isEqualByComparingTo("0.05");
    }

    @Test
    void periodsAreOrderedWithoutOverlapAndNameTheirLegalBasis() {
        for (int i = 1; i < VatSchedule.REDUCTION_PERIODS.size(); i++) {
            assertThat(VatSchedule.REDUCTION_PERIODS.get(i).from()).isAfter(VatSchedule.REDUCTION_PERIODS.get(i - 1).to());
        }
        assertThat(VatSchedule.reductionOn(LocalDate.of(2025, 8, 1))).get().extracting(VatSchedule.ReductionPeriod::legalBasis)
                .asString().contains("174/2025/ND-CP");
    }

    @ParameterizedTest
    @CsvSource({"Điện thoại, EXCLUDED_FROM_REDUCTION", "dien thoai, EXCLUDED_FROM_REDUCTION", "LAPTOP, EXCLUDED_FROM_REDUCTION",
            "mobile-accessories, EXCLUDED_FROM_REDUCTION", "Sức khỏe, ESSENTIAL", "suc khoe, ESSENTIAL",
            "Mỹ phẩm, STANDARD", "Thực phẩm, STANDARD", "groceries, STANDARD", "'', STANDARD"})
    void classifiesMarketplaceCategories(String category, VatSchedule.GoodsClass goods) {
        assertThat(VatSchedule.classify(category)).isEqualTo(goods);
    }
}
