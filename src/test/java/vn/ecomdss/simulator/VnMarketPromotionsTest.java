package vn.ecomdss.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The promotions the simulator serves are its listings' flash sales and vouchers, announced a week ahead. */
class VnMarketPromotionsTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final VnMarketSimulator MARKET = new VnMarketSimulator(VnMarketSettings.defaults());

    @Test
    void onEveryDayAListingShowsAFlashSaleOrVoucherExactlyWhenOneOfItsPromotionsRuns() {
        Map<String, List<ObjectNode>> byProduct = MARKET.promotions(AS_OF).stream()
                .collect(Collectors.groupingBy(p -> p.get("product_id").asString()));
        int flashDays = 0;
        int voucherDays = 0;
        for (LocalDate day = AS_OF.minusDays(90); !day.isAfter(AS_OF); day = day.plusDays(1)) {
            for (ObjectNode product : MARKET.products(day)) {
                String id = product.get("id").asString();
                List<ObjectNode> running = running(byProduct.getOrDefault(id, List.of()), day);
                List<ObjectNode> flash = running.stream().filter(p -> p.get("type").asString().equals("flash_sale"))
                        .toList();
                List<ObjectNode> vouchers = running.stream().filter(p -> !p.get("type").asString().equals("flash_sale"))
                        .toList();
                assertThat(flash).as("%s flash sales on %s", id, day).hasSize(product.get("flash_sale").asBoolean() ? 1 : 0);
                String voucher = product.get("voucher").isNull() ? null : product.get("voucher").asString();
                assertThat(vouchers).as("%s vouchers on %s", id, day).extracting(p -> p.get("name").asString())
                        .containsExactlyElementsOf(Optional.ofNullable(voucher).stream().toList());
                flashDays += flash.size();
                voucherDays += vouchers.size();
            }
        }
        assertThat(flashDays).isPositive();
        assertThat(voucherDays).isPositive();
    }

    @Test
    void aDayServesThePromotionsAnnouncedByThenThoseOfTheComingWeekIncludedAndNoneChangesLater() {
        List<ObjectNode> today = MARKET.promotions(AS_OF);
        List<ObjectNode> nextWeek = MARKET.promotions(AS_OF.plusDays(7));
        assertThat(nextWeek).containsAll(today).hasSizeGreaterThan(today.size());
        assertThat(today).extracting(p -> p.get("id").asString()).doesNotHaveDuplicates();
        assertThat(today).allSatisfy(p -> {
            LocalDate start = LocalDate.parse(p.get("starts_on").asString());
            assertThat(LocalDate.parse(p.get("ends_on").asString())).isAfterOrEqualTo(start);
            assertThat(LocalDate.parse(p.get("announced_on").asString())).isBeforeOrEqualTo(AS_OF)
                    .isAfterOrEqualTo(start.minusDays(PromotionCalendar.ANNOUNCED_DAYS_AHEAD));
            assertThat(start).isBeforeOrEqualTo(AS_OF.plusDays(PromotionCalendar.ANNOUNCED_DAYS_AHEAD));
        });
        assertThat(nextWeek).filteredOn(p -> !today.contains(p))
                .allSatisfy(p -> assertThat(LocalDate.parse(p.get("announced_on").asString())).isAfter(AS_OF));
        long planned = List.of(0, 30, 60, 90).stream().mapToLong(days -> MARKET.promotions(AS_OF.plusDays(days))
                .stream().filter(p -> LocalDate.parse(p.get("starts_on").asString()).isAfter(AS_OF.plusDays(days)))
                .count()).sum();
        assertThat(planned).as("promotions known before they start").isPositive();
        assertThat(JSON.writeValueAsString(new VnMarketSimulator(VnMarketSettings.defaults()).promotions(AS_OF)))
                .isEqualTo(JSON.writeValueAsString(today));
    }

    @Test
    void aFlashSaleCutsWhatTheListingShowsOnItsFirstDayAndAVoucherGivesWhatItsCodeSays() {
        List<ObjectNode> promotions = MARKET.promotions(AS_OF);
        assertThat(promotions).extracting(p -> p.get("type").asString())
                .contains("flash_sale", "voucher", "free_shipping");
        List<ObjectNode> flashSales = promotions.stream().filter(p -> p.get("type").asString().equals("flash_sale"))
                .filter(p -> !LocalDate.parse(p.get("starts_on").asString()).isBefore(AS_OF.minusDays(365))).toList();
        assertThat(flashSales).isNotEmpty().allSatisfy(p -> {
            LocalDate start = LocalDate.parse(p.get("starts_on").asString());
            ObjectNode listed = MARKET.products(start).stream()
                    .filter(l -> l.get("id").asString().equals(p.get("product_id").asString())).findFirst().orElseThrow();
            long cut = listed.get("original_price_vnd").asLong() - listed.get("price_vnd").asLong();
            assertThat(p.get("discount_vnd").asLong()).as(p.toString()).isEqualTo(cut);
            assertThat(p.get("discount_percent").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(cut * 100)
                    .divide(listed.get("original_price_vnd").decimalValue(), 1, RoundingMode.HALF_UP));
        });
        Map<String, String> terms = promotions.stream().filter(p -> !p.get("type").asString().equals("flash_sale"))
                .collect(Collectors.toMap(p -> p.get("name").asString(),
                        p -> p.get("type").asString() + " " + p.get("discount_percent") + "% " + p.get("discount_vnd"),
                        (a, b) -> a));
        assertThat(terms).containsEntry("GIAM50K", "voucher null% 50000").containsEntry("GIAM10%", "voucher 10% null")
                .containsEntry("MUA2GIAM5", "voucher 5% null").containsEntry("FREESHIP", "free_shipping null% null");
        assertThat(terms.keySet()).isSubsetOf(ProductCatalogue.VOUCHERS);
    }

    private static List<ObjectNode> running(List<ObjectNode> promotions, LocalDate day) {
        return promotions.stream().filter(p -> !LocalDate.parse(p.get("starts_on").asString()).isAfter(day)
                && !LocalDate.parse(p.get("ends_on").asString()).isBefore(day)).toList();
    }
}
