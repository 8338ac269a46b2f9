package vn.ecomdss.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class VnMarketSimulatorTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern VALID_PHONE = Pattern.compile("0\\d{9}|84\\d{9}|01\\d{9}");
    private static final VnMarketSimulator CLEAN = new VnMarketSimulator(VnMarketSettings.defaults());

    @Test
    void sameSeedAndAsOfGiveByteIdenticalJson() {
        VnMarketSimulator again = new VnMarketSimulator(VnMarketSettings.defaults());
        for (MarketEntity entity : MarketEntity.values()) {
            assertThat(JSON.writeValueAsString(again.list(entity, AS_OF)))
                    .isEqualTo(JSON.writeValueAsString(CLEAN.list(entity, AS_OF)));
        }
        VnMarketSimulator otherSeed = new VnMarketSimulator(VnMarketSettings.defaults().withSeed(7));
        assertThat(JSON.writeValueAsString(otherSeed.products(AS_OF)))
                .isNotEqualTo(JSON.writeValueAsString(CLEAN.products(AS_OF)));
    }

    @Test
    void dayOverDayOnlyAFewProductsAndCustomersChangeAndUpdatedAtShowsIt() {
        int productChanges = 0;
        int customerChanges = 0;
        for (LocalDate day = AS_OF.minusDays(14); day.isBefore(AS_OF); day = day.plusDays(1)) {
            LocalDate next = day.plusDays(1);
            for (MarketEntity entity : List.of(MarketEntity.PRODUCTS, MarketEntity.CUSTOMERS)) {
                Map<String, ObjectNode> before = byId(CLEAN.list(entity, day));
                Map<String, ObjectNode> after = byId(CLEAN.list(entity, next));
                assertThat(after.keySet()).containsAll(before.keySet());
                int changed = 0;
                for (Map.Entry<String, ObjectNode> e : after.entrySet()) {
                    ObjectNode old = before.get(e.getKey());
                    if (!e.getValue().equals(old)) {
                        changed++;
                        assertThat(e.getValue().get("updated_at").asString())
                                .as("%s changed on %s", e.getKey(), next).startsWith(next.toString());
                    } else {
                        assertThat(e.getValue().get("updated_at").asString().substring(0, 10)).isLessThanOrEqualTo(day.toString());
                    }
                }
                assertThat(changed).as("%s changed on %s", entity, next).isLessThanOrEqualTo(after.size() / 20);
                if (entity == MarketEntity.PRODUCTS) {
                    productChanges += changed;
                } else {
                    customerChanges += changed;
                }
            }
        }
        assertThat(productChanges).isPositive();
        assertThat(customerChanges).isPositive();
    }

    @Test
    void nextDayAddsThatDaysOrdersAndAgesOutTheOldestDayOnly() {
        LocalDate next = AS_OF.plusDays(1);
        Map<String, ObjectNode> before = byId(CLEAN.orders(AS_OF));
        Map<String, ObjectNode> after = byId(CLEAN.orders(next));
        LocalDate oldestKept = next.minusDays(VnMarketSettings.defaults().historyDays() - 1L);
        for (Map.Entry<String, ObjectNode> e : after.entrySet()) {
            if (before.containsKey(e.getKey())) {
                assertThat(e.getValue()).isEqualTo(before.get(e.getKey()));
            } else {
                assertThat(day(e.getValue())).isEqualTo(next);
            }
        }
        before.keySet().stream().filter(id -> !after.containsKey(id))
                .forEach(id -> assertThat(day(before.get(id))).isEqualTo(oldestKept.minusDays(1)));
        assertThat(after.size() - before.size()).isLessThan(100);
    }

    @Test
    void anOrderKeepsItsIdAndContentForLaterAsOfDates() {
        Map<String, ObjectNode> now = byId(CLEAN.orders(AS_OF));
        Map<String, ObjectNode> later = byId(CLEAN.orders(AS_OF.plusDays(90)));
        long shared = now.keySet().stream().filter(later::containsKey)
                .peek(id -> assertThat(later.get(id)).isEqualTo(now.get(id))).count();
        assertThat(shared).isGreaterThan(1500);
    }

    @Test
    void ordersSpanAtLeastAYearAndNeverPassAsOf() {
        List<ObjectNode> orders = CLEAN.orders(AS_OF);
        assertThat(orders).hasSizeBetween(2500, 3500);
        List<LocalDate> days = orders.stream().map(VnMarketSimulatorTest::day).sorted().toList();
        assertThat(days.get(days.size() - 1)).isBeforeOrEqualTo(AS_OF);
        assertThat(ChronoUnit.DAYS.between(days.get(0), days.get(days.size() - 1))).isGreaterThanOrEqualTo(365);
        assertThat(orders).extracting(o -> o.get("id").asString()).doesNotHaveDuplicates();
        assertThat(orders).allSatisfy(o -> assertThat(o.get("lines").size()).isBetween(1, 5));
    }

    @Test
    void festivalsAndTheRunUpToTetSellMoreThanAnOrdinaryDay() {
        Map<LocalDate, Long> perDay = CLEAN.orders(AS_OF).stream()
                .collect(Collectors.groupingBy(VnMarketSimulatorTest::day, TreeMap::new, Collectors.counting()));
        double mean = perDay.values().stream().mapToLong(Long::longValue).average().orElseThrow();
        for (LocalDate festival : List.of(LocalDate.of(2026, 9, 9), LocalDate.of(2026, 10, 10), LocalDate.of(2025, 11, 11), LocalDate.of(2025, 12, 12))) {
            assertThat(perDay.getOrDefault(festival, 0L)).as("orders on %s", festival).isGreaterThan((long) (2 * mean));
        }
        long preTet = perDay.entrySet().stream()
                .filter(e -> !e.getKey().isBefore(LocalDate.of(2026, 1, 27)) && e.getKey().isBefore(LocalDate.of(2026, 2, 17)))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(preTet / 21.0).isGreaterThan(1.3 * mean);
    }

    @Test
    void everyOrderReferencesACustomerAndProductsThatExistOnItsDateAtThatDaysPrice() {
        List<ObjectNode> orders = CLEAN.orders(AS_OF);
        Map<LocalDate, List<ObjectNode>> byDay = orders.stream()
                .collect(Collectors.groupingBy(VnMarketSimulatorTest::day, TreeMap::new, Collectors.toList()));
        for (Map.Entry<LocalDate, List<ObjectNode>> entry : byDay.entrySet()) {
            Map<String, ObjectNode> products = byId(CLEAN.products(entry.getKey()));
            Set<String> customers = byId(CLEAN.customers(entry.getKey())).keySet();
            for (ObjectNode order : entry.getValue()) {
                assertThat(customers).contains(order.get("customer_id").asString());
                for (JsonNode line : order.get("lines")) {
                    ObjectNode product = products.get(line.get("product_id").asString());
                    assertThat(product).as("product %s of %s", line.get("product_id"), order.get("id")).isNotNull();
                    assertThat(product.get("status").asString()).isEqualTo("active");
                    assertThat(line.get("unit_price_vnd").asLong()).isEqualTo(product.get("price_vnd").asLong());
                    assertThat(line.get("discount_vnd").asLong())
                            .isBetween(0L, line.get("unit_price_vnd").asLong() * line.get("quantity").asLong());
                }
            }
        }
    }

    @Test
    void cleanDataIsMessyButValid() {
        Set<String> spellings = VietnamGeography.acceptedSpellings();
        List<ObjectNode> products = CLEAN.products(AS_OF);
        assertThat(products).hasSizeBetween(280, 300);
        assertThat(products).allSatisfy(p -> {
            assertThat(p.get("price_vnd").asLong() % 1000).isZero();
            assertThat(p.get("price_vnd").asLong()).isPositive().isLessThanOrEqualTo(p.get("original_price_vnd").asLong());
            assertThat(OffsetDateTime.parse(p.get("created_at").asString()).toLocalDate()).isBeforeOrEqualTo(AS_OF);
        });
        assertThat(products).extracting(p -> p.get("status").asString()).contains("active", "out_of_stock");
        assertThat(products).extracting(p -> p.get("platform").asString()).contains("shopee", "lazada", "tiki", "sendo", "tiktokshop");
        List<ObjectNode> customers = CLEAN.customers(AS_OF);
        assertThat(customers).allSatisfy(c -> {
            assertThat(VALID_PHONE.matcher(c.get("phone").asString().replaceAll("[\\s.+()-]", "")).matches())
                    .as(c.get("phone").asString()).isTrue();
            assertThat(spellings).contains(c.get("city").asString());
        });
        Set<String> names = customers.stream().map(c -> c.get("full_name").asString()).collect(Collectors.toSet());
        assertThat(names).anyMatch(n -> !n.equals(n.strip()) || n.contains("  "));
        assertThat(CLEAN.defects(AS_OF).total()).isZero();
    }

    @Test
    void dirtyModeInjectsExactlyWhatTheLedgerRecords() {
        VnMarketSimulator dirty = new VnMarketSimulator(VnMarketSettings.defaults().withDirty(DirtyRates.defaults()));
        DefectLedger ledger = dirty.defects(AS_OF);
        Set<String> spellings = VietnamGeography.acceptedSpellings();
        Map<DefectType, Set<String>> seen = new HashMap<>();
        for (DefectType type : DefectType.values()) {
            seen.put(type, new HashSet<>());
        }
        for (MarketEntity entity : MarketEntity.values()) {
            Set<String> emitted = new HashSet<>();
            for (ObjectNode record : dirty.list(entity, AS_OF)) {
                String id = record.get("id").asString();
                if (!emitted.add(id)) {
                    seen.get(DefectType.DUPLICATE).add(id);
                    continue;
                }
                switch (entity) {
                    case PRODUCTS -> {
                        if (record.get("name").isNull() || record.get("price_vnd").isNull()) {
                            seen.get(DefectType.MISSING_FIELD).add(id);
                        } else if (record.get("price_vnd").asLong() < 0) {
                            seen.get(DefectType.NEGATIVE_PRICE).add(id);
                        }
                        if (ProductCatalogue.STOREFRONT_CATEGORIES.contains(record.get("category").asString())) {
                            seen.get(DefectType.UNKNOWN_CATEGORY).add(id);
                        }
                    }
                    case CUSTOMERS -> {
                        if (!VALID_PHONE.matcher(record.get("phone").asString().replaceAll("[\\s.+()-]", "")).matches()) {
                            seen.get(DefectType.PHONE_FORMAT).add(id);
                        }
                        if (!spellings.contains(record.get("city").asString())) {
                            seen.get(DefectType.CITY_SPELLING).add(id);
                        }
                        if (record.get("full_name").isNull()) {
                            seen.get(DefectType.MISSING_FIELD).add(id);
                        }
                    }
                    case ORDERS -> {
                        if (!spellings.contains(record.get("shipping_city").asString())) {
                            seen.get(DefectType.CITY_SPELLING).add(id);
                        }
                        if (!record.has("customer_id")) {
                            seen.get(DefectType.MISSING_FIELD).add(id);
                        }
                        if (record.get("lines").get(0).get("unit_price_vnd").asLong() < 0) {
                            seen.get(DefectType.NEGATIVE_PRICE).add(id);
                        }
                    }
                }
            }
        }
        for (DefectType type : DefectType.values()) {
            assertThat(seen.get(type)).as(type.name()).containsExactlyInAnyOrderElementsOf(ledger.ids(type));
            assertThat(ledger.count(type)).as(type.name()).isPositive();
        }
        assertThat(ledger.count(DefectType.DUPLICATE)).isBetween(100, 300); // ~5% of ~3,900 records
        assertThat(dirty.defects(AS_OF)).isEqualTo(ledger);
    }

    private static LocalDate day(JsonNode order) {
        return OffsetDateTime.parse(order.get("order_date").asString()).toLocalDate();
    }

    private static Map<String, ObjectNode> byId(List<ObjectNode> records) {
        return records.stream().collect(Collectors.toMap(r -> r.get("id").asString(), Function.identity()));
    }
}
