package vn.ecomdss.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PlatformFeesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void eachPlatformShowsTheRateInForceOnTheDayAndWhenItTookEffect() {
        JsonNode before = shopee(LocalDate.of(2024, 3, 31));
        JsonNode after = shopee(LocalDate.of(2024, 4, 1));

        assertThat(before.get("commission_rate").decimalValue()).isEqualByComparingTo("0.08");
        assertThat(before.get("rate_effective_from").asString()).isEqualTo("2023-01-01");
        assertThat(after.get("commission_rate").decimalValue()).isEqualByComparingTo("0.09");
        assertThat(after.get("rate_effective_from").asString()).isEqualTo("2024-04-01");
    }

    @Test
    void pagesLikeTheOtherListings() {
        JsonNode first = PlatformFees.json(JSON, LocalDate.of(2026, 1, 1), 0, 2);
        JsonNode rest = PlatformFees.json(JSON, LocalDate.of(2026, 1, 1), 2, 500);

        assertThat(first.get("total").asInt()).isEqualTo(5);
        assertThat(first.get("items").size()).isEqualTo(2);
        assertThat(rest.get("items").size()).isEqualTo(3);
    }

    private static JsonNode shopee(LocalDate asOf) {
        for (JsonNode item : PlatformFees.json(JSON, asOf, 0, 500).get("items")) {
            if (item.get("code").asString().equals("shopee")) {
                return item;
            }
        }
        throw new AssertionError("shopee missing");
    }
}
