package vn.ecomdss.vn;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VietnamesePriceTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "12.990.000₫        | 12990000",
            "12.990.000 đ       | 12990000",
            "12.990.000 VNĐ     | 12990000",
            "₫12.990.000        | 12990000",
            "12990000           | 12990000",
            "12,99 triệu        | 12990000",
            "12,5 tr            | 12500000",
            "1.5 triệu          | 1500000",
            "1,2 tỷ             | 1200000000",
            "500k               | 500000",
            "150 nghìn          | 150000",
            "12,990,000         | 12990000",
            "1.000.000 - 2.000.000đ | 1000000",
            "Giá: 4.190.000₫    | 4190000",
            "1.500              | 1500",
            "1.500 triệu        | 1500000",
            "1,500 triệu        | 1500000"})
    void readsVietnamesePriceText(String text, String vnd) {
        assertThat(VietnamesePrice.parse(text)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(new BigDecimal(vnd)));
    }

    /** Whichever separator comes last marks the decimals, and the price is rounded half up to whole đồng. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.299.000,50 ₫     | 1299001",
            "1,299,000.50       | 1299001",
            "1.299.000,49 ₫     | 1299000",
            "12.5               | 13",
            "12,5               | 13"})
    void aSeparatorThatDoesNotGroupThreeDigitsMarksDecimals(String text, String vnd) {
        assertThat(VietnamesePrice.parse(text)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(new BigDecimal(vnd)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Liên hệ", "Lien he", "Hết hàng", "", "   "})
    void textWithoutANumberHasNoPrice(String text) {
        assertThat(VietnamesePrice.parse(text)).isEmpty();
    }
}
