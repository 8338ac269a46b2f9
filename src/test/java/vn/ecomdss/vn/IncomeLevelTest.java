package vn.ecomdss.vn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncomeLevelTest {

    @ParameterizedTest
    @CsvSource({"low, LOW", "Thấp, LOW", "thu nhập thấp, LOW", "middle, MIDDLE", "Trung bình, MIDDLE",
            "upper_middle, UPPER_MIDDLE", "Upper-Middle, UPPER_MIDDLE", "khá giả, UPPER_MIDDLE", "HIGH, HIGH",
            "Cao, HIGH", "rich, UNKNOWN", "'', UNKNOWN"})
    void recognisesEnglishAndVietnameseLabels(String label, IncomeLevel level) {
        assertThat(IncomeLevel.resolve(label)).isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource({"LOW, low", "UPPER_MIDDLE, upper_middle", "UNKNOWN, unknown"})
    void storesTheLowerCaseCodeInTheWarehouse(IncomeLevel level, String code) {
        assertThat(level.code()).isEqualTo(code);
    }
}
