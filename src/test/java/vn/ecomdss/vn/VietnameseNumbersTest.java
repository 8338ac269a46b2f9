package vn.ecomdss.vn;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** Figures in Vietnamese notation: dots group thousands, a comma marks decimals, days come first. */
class VietnameseNumbersTest {

    @Test
    void amountsInDongAreWholeAndGroupedByDots() {
        assertThat(VietnameseNumbers.vnd(new BigDecimal("24797535000"))).isEqualTo("24.797.535.000 ₫");
        assertThat(VietnameseNumbers.vnd(new BigDecimal("999.5"))).isEqualTo("1.000 ₫");
        assertThat(VietnameseNumbers.vnd(BigDecimal.ZERO)).isEqualTo("0 ₫");
        assertThat(VietnamesePrice.parse(VietnameseNumbers.vnd(new BigDecimal("12990000"))))
                .as("what is written parses back").hasValue(new BigDecimal("12990000"));
    }

    @Test
    void ratiosAreSignedPercentagesWithACommaAndDatesAreDayFirst() {
        assertThat(VietnameseNumbers.percent(new BigDecimal("0.125"))).isEqualTo("12,5%");
        assertThat(VietnameseNumbers.change(new BigDecimal("0.125"))).isEqualTo("+12,5%");
        assertThat(VietnameseNumbers.change(new BigDecimal("-0.03"))).isEqualTo("-3,0%");
        assertThat(VietnameseNumbers.change(new BigDecimal("0.00001"))).isEqualTo("0,0%");
        assertThat(VietnameseNumbers.decimal(new BigDecimal("1234.56"), 1)).isEqualTo("1.234,6");
        assertThat(VietnameseNumbers.whole(1234567L)).isEqualTo("1.234.567");
        assertThat(VietnameseNumbers.date(LocalDate.of(2026, 2, 8))).isEqualTo("08/02/2026");
        assertThat(VietnameseNumbers.percentFormat().format(0.5)).isEqualTo("50,0%");
    }
}
