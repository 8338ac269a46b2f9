package vn.ecomdss.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ecomdss.transform.RawRecords.RUN;
import static vn.ecomdss.transform.RawRecords.entity;
import static vn.ecomdss.transform.RawRecords.order;
import static vn.ecomdss.transform.RawRecords.record;
import static vn.ecomdss.transform.RawRecords.reviewed;
import static vn.ecomdss.transform.RawRecords.sameNames;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import vn.ecomdss.pipeline.CopyWriter;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.SourceDefinition;

/** Which entities feed which staging table, which transformer makes its rows and how they map onto its columns. */
class StagingTargetsTest {

    private static final SourceDefinition SHOP = new SourceDefinition("sources/shop.yml", "shop", "http-json", null,
            null, "VND", null, null, 0, Map.of(), null, null, null, null);
    private static final BigDecimal RATING = new BigDecimal("4.5");

    private final List<StagingTarget<?>> targets = List.of(new CustomerStaging(null), new ProductStaging(null),
            new SalesLineStaging(null), new PlatformStaging(null), new ReviewStaging(null),
            new ActivityEventStaging(null), new ReturnStaging(null), new PromotionStaging(null));

    @Test
    void eachTargetNamesItsStagingTable() {
        assertThat(targets).extracting(StagingTarget::name)
                .containsExactly("customers", "products", "sales", "platforms", "reviews", "activity", "returns",
                        "promotions");
        assertThat(targets).extracting(StagingTarget::table).containsExactly("staging.customer", "staging.product",
                "staging.sales_line", "staging.platform", "staging.review", "staging.activity_event",
                "staging.product_return", "staging.promotion");
    }

    @Test
    void eachEntityFeedsTheTargetOfItsKindAndReviewsComeFromProductsThatCarryThem() {
        EntityDefinition customers = entity("customers", "customer", sameNames("email"));
        EntityDefinition products = entity("products", "product", sameNames("title"));
        EntityDefinition reviewedProducts = reviewed("/reviews", sameNames("rating"));
        EntityDefinition orders = order(sameNames("customer_id"), "/lines", sameNames("product_id"));
        EntityDefinition platforms = entity("platforms", "platform", sameNames("name"));
        EntityDefinition clicks = entity("clicks", "activity", sameNames("event_type"));
        EntityDefinition returns = entity("returns", "return", sameNames("order_id"));
        EntityDefinition promotions = entity("promotions", "promotion", sameNames("product_id"));
        EntityDefinition raw = entity("categories", "raw", Map.of());
        List<EntityDefinition> all = List.of(customers, products, reviewedProducts, orders, platforms, clicks, returns,
                promotions, raw);

        assertThat(readBy(new CustomerStaging(null), all)).containsExactly(customers);
        assertThat(readBy(new ProductStaging(null), all)).containsExactly(products, reviewedProducts);
        assertThat(readBy(new SalesLineStaging(null), all)).containsExactly(orders);
        assertThat(readBy(new PlatformStaging(null), all)).containsExactly(platforms);
        assertThat(readBy(new ReviewStaging(null), all)).containsExactly(reviewedProducts);
        assertThat(readBy(new ActivityEventStaging(null), all)).containsExactly(clicks);
        assertThat(readBy(new ReturnStaging(null), all)).containsExactly(returns);
        assertThat(readBy(new PromotionStaging(null), all)).containsExactly(promotions);
    }

    @Test
    void eachTargetTransformsWithItsOwnTransformer() {
        assertThat(new CustomerStaging(null).transformation().transform(record("customers", "C1",
                "{\"email\": \"A@B.VN\"}"), entity("customers", "customer", sameNames("email")), SHOP, RUN))
                .singleElement().extracting(StagedCustomer::email).isEqualTo("a@b.vn");
        assertThat(new PlatformStaging(null).transformation().transform(record("platforms", "Tiki", "{}"),
                entity("platforms", "platform", sameNames("name")), SHOP, RUN))
                .singleElement().extracting(StagedPlatform::platformCode).isEqualTo("tiki");
        assertThat(new ReviewStaging(null).transformation().transform(record("products", "P1",
                "{\"reviews\": [{\"rating\": 4}, {\"rating\": 3}]}"), reviewed("/reviews", sameNames("rating")), SHOP,
                RUN)).extracting(StagedReview::reviewNumber).containsExactly(1, 2);
        assertThat(new ActivityEventStaging(null).transformation().transform(record("clicks", "E1",
                "{\"event_type\": \"click\", \"occurred_at\": \"2026-03-01\", \"customer_id\": \"C1\"}"),
                entity("clicks", "activity", sameNames("event_type", "occurred_at", "customer_id")), SHOP, RUN))
                .singleElement().extracting(StagedActivityEvent::eventType).isEqualTo("click");
        assertThat(new ReturnStaging(null).transformation().transform(record("returns", "R1",
                "{\"order_id\": \"O1\", \"refund_amount\": 5}"), entity("returns", "return",
                sameNames("order_id", "refund_amount")), SHOP, RUN))
                .singleElement().extracting(StagedReturn::currency).isEqualTo("VND");
        assertThat(new PromotionStaging(null).transformation().transform(record("promotions", "PR1",
                "{\"product_id\": \"P1\", \"start_date\": \"2026-03-01\", \"end_date\": \"2026-03-02\"}"),
                entity("promotions", "promotion", sameNames("product_id", "start_date", "end_date")), SHOP, RUN))
                .singleElement().extracting(StagedPromotion::currency).isEqualTo("VND");
    }

    @Test
    void eachTargetCopiesIntoItsTableOneValuePerNamedColumn() {
        OffsetDateTime at = OffsetDateTime.parse("2026-03-01T10:00+07:00");
        RecordingWriter writer = new RecordingWriter();

        new CustomerStaging(writer).write(List.of(new StagedCustomer("r", "shop", "C1", "An", "a@b.vn", "Huế",
                "Hue", "loyal", "high", "46", "CENTRAL", "0912", "+84912", "VINAPHONE", "male", 1990, at, true, "e1")));
        assertThat(writer.row("staging.customer")).containsEntry("customer_id", "C1")
                .containsEntry("city_raw", "Hue").containsEntry("province_code", "46")
                .containsEntry("phone_e164", "+84912").containsEntry("birth_year", 1990)
                .containsEntry("is_deleted", true).containsEntry("envelope_id", "e1").hasSize(19);

        new ProductStaging(writer).write(List.of(new StagedProduct("r", "shop", "P1", "Nồi", "Gia dụng", "Sunhouse",
                BigDecimal.TEN, "in_stock", "VND", BigDecimal.ONE, 3, RATING, "SKU", "d", "tiki", at, false,
                "e2")));
        assertThat(writer.row("staging.product")).containsEntry("price", BigDecimal.TEN)
                .containsEntry("availability_status", "in_stock").containsEntry("original_price", BigDecimal.ONE)
                .containsEntry("rating", RATING).containsEntry("platform", "tiki")
                .containsEntry("changed_at", at).containsEntry("envelope_id", "e2")
                .containsEntry("mapped_category_code", null).containsEntry("mapped_category_name", null).hasSize(20);

        StagedSalesLine line = new StagedSalesLine("r", "shop", "O1", 2, "C1", "P1", at, "shop", "COD", "paid",
                "Huế", 3, BigDecimal.TEN, BigDecimal.ONE, "VND", "e3", at);
        new SalesLineStaging(writer).write(List.of(line));
        assertThat(writer.row("staging.sales_line")).containsEntry("line_number", 2)
                .containsEntry("order_ts", at).containsEntry("quantity", 3).containsEntry("unit_price", BigDecimal.TEN)
                .containsEntry("discount_amount", BigDecimal.ONE).containsEntry("fetched_at", at)
                .containsEntry("sales_line_key", line.salesLineKey()).containsEntry("order_date", line.orderDate())
                .hasSize(19);

        new PlatformStaging(writer).write(List.of(new StagedPlatform("r", "shop", "tiki", "Tiki", "marketplace",
                BigDecimal.ONE, at, false, "e4")));
        assertThat(writer.row("staging.platform")).containsEntry("platform_code", "tiki")
                .containsEntry("platform_type", "marketplace").containsEntry("commission_rate", BigDecimal.ONE)
                .containsEntry("envelope_id", "e4").hasSize(9);

        new ReviewStaging(writer).write(List.of(new StagedReview("r", "shop", "P1", 2, RATING, "tốt", at,
                "Lan", "lan@b.vn", "e5")));
        assertThat(writer.row("staging.review")).containsEntry("review_number", 2)
                .containsEntry("comment", "tốt").containsEntry("review_ts", at).containsEntry("reviewer_email", "lan@b.vn")
                .containsEntry("envelope_id", "e5").hasSize(10);

        StagedActivityEvent event = new StagedActivityEvent("r", "shop", "E1", "click", at, "vnmarket", "C1", "S1",
                "P1", "tiki", "e6", at);
        new ActivityEventStaging(writer).write(List.of(event));
        assertThat(writer.row("staging.activity_event")).containsEntry("event_key", event.eventKey())
                .containsEntry("customer_source", "vnmarket").containsEntry("session_id", "S1")
                .containsEntry("platform", "tiki").containsEntry("fetched_at", at).hasSize(13);

        new ReturnStaging(writer).write(List.of(new StagedReturn("r", "shop", "R1", "O1", "P1", 2, BigDecimal.TEN,
                "VND", "WRONG_ITEM", "sai màu", "accepted", at, at, "e7")));
        assertThat(writer.row("staging.product_return")).containsEntry("return_id", "R1")
                .containsEntry("order_id", "O1").containsEntry("quantity", 2).containsEntry("refund_amount", BigDecimal.TEN)
                .containsEntry("reason_text", "sai màu").containsEntry("returned_at", at)
                .containsEntry("envelope_id", "e7").hasSize(14);

        LocalDate day = LocalDate.parse("2026-03-03");
        new PromotionStaging(writer).write(List.of(new StagedPromotion("r", "shop", "PR1", "P1", "flash_sale",
                "Sale 3.3", day, day.plusDays(1), BigDecimal.TEN, BigDecimal.ONE, "VND", at, "e8")));
        assertThat(writer.row("staging.promotion")).containsEntry("promotion_id", "PR1")
                .containsEntry("product_id", "P1").containsEntry("promotion_type", "flash_sale")
                .containsEntry("name", "Sale 3.3").containsEntry("start_date", day)
                .containsEntry("end_date", day.plusDays(1)).containsEntry("discount_percent", BigDecimal.TEN)
                .containsEntry("discount_amount", BigDecimal.ONE).containsEntry("currency", "VND")
                .containsEntry("announced_at", at).containsEntry("envelope_id", "e8").hasSize(13);
    }

    @Test
    void aProductIsStagedInItsSourcesCurrency() {
        List<StagedProduct> rows = new ProductStaging(null).transformation().transform(
                record("products", "P1", "{\"price\": 10}"), entity("products", "product", sameNames("price")), SHOP,
                RUN);

        assertThat(rows).singleElement().extracting(StagedProduct::currency).isEqualTo("VND");
    }

    @Test
    void anOrderIsStagedLineByLineInItsSourcesCurrency() {
        List<StagedSalesLine> rows = new SalesLineStaging(null).transformation().transform(
                record("orders", "O1", "{\"lines\": [{\"product_id\": \"P1\", \"quantity\": 1, \"unit_price\": 5}]}"),
                order(Map.of(), "/lines", sameNames("product_id", "quantity", "unit_price")), SHOP, RUN);

        assertThat(rows).singleElement().extracting(StagedSalesLine::currency).isEqualTo("VND");
    }

    /** Keeps what a target asks to copy instead of sending it, to compare the statement's columns with the values. */
    private static final class RecordingWriter extends CopyWriter {

        private static final Pattern COPY = Pattern.compile("copy (\\S+) \\(([^)]*)\\) from stdin\\s*");
        private final Map<String, Map<String, Object>> rows = new LinkedHashMap<>();

        RecordingWriter() {
            super(null);
        }

        @Override
        public <T> void copy(String table, String copy, List<? extends T> rows, Function<? super T, Object[]> values) {
            Matcher statement = COPY.matcher(copy);
            assertThat(statement.matches()).as(copy).isTrue();
            assertThat(statement.group(1)).isEqualTo(table);
            String[] columns = statement.group(2).trim().split(",\\s*");
            Object[] row = values.apply(rows.get(0));
            assertThat(row).as("values for " + table).hasSameSizeAs(columns);
            Map<String, Object> named = new LinkedHashMap<>();
            for (int i = 0; i < columns.length; i++) {
                named.put(columns[i], row[i]);
            }
            assertThat(named).containsEntry("run_id", "r").containsEntry("source", "shop");
            this.rows.put(table, named);
        }

        Map<String, Object> row(String table) {
            return rows.get(table);
        }
    }

    private static List<EntityDefinition> readBy(StagingTarget<?> target, List<EntityDefinition> entities) {
        return entities.stream().filter(target::reads).toList();
    }
}
