package vn.ecomdss.vn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CustomerSegmentTest {

    @ParameterizedTest
    @CsvSource({
            "50000000, PREMIUM", "12000000, PREMIUM", "11999999, HIGH_VALUE", "4800000, HIGH_VALUE",
            "4799999, REGULAR", "1000000, REGULAR", "999999, LOW_VALUE", "0, LOW_VALUE", "-250000, LOW_VALUE",
            "9223372036854775807, PREMIUM", "-9223372036854775808, LOW_VALUE"})
    void segmentsByMonthlySpendWithInclusiveLowerBounds(long spend, CustomerSegment segment) {
        assertThat(CustomerSegment.fromMonthlySpendVnd(spend)).isEqualTo(segment);
    }

    @Test
    void thresholdsAreDocumentedValues() {
        assertThat(CustomerSegment.PREMIUM.minMonthlySpendVnd()).isEqualTo(12_000_000L);
        assertThat(CustomerSegment.HIGH_VALUE.minMonthlySpendVnd()).isEqualTo(4_800_000L);
        assertThat(CustomerSegment.REGULAR.minMonthlySpendVnd()).isEqualTo(1_000_000L);
    }
}
