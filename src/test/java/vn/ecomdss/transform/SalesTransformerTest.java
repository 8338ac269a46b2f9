package vn.ecomdss.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.ecomdss.transform.RawRecords.FETCHED;
import static vn.ecomdss.transform.RawRecords.RUN;
import static vn.ecomdss.transform.RawRecords.order;
import static vn.ecomdss.transform.RawRecords.record;
import static vn.ecomdss.transform.RawRecords.sameNames;
import static vn.ecomdss.transform.RawRecords.unfetched;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.ecomdss.pipeline.EntityDefinition;

class SalesTransformerTest {

    private static final EntityDefinition ORDERS = order(
            sameNames("customer_id", "order_ts", "platform", "payment_method", "status", "shipping_city"), "/items",
            sameNames("product_id", "quantity", "unit_price", "discount", "discount_percent"));
    private static final EntityDefinition NUMBERED = order(sameNames("customer_id"), "/items",
            sameNames("product_id", "quantity", "unit_price", "line_number"));
    private static final String WHERE = "source shop, entity orders, id O1 (envelope env-O1)";

    private final SalesTransformer transformer = new SalesTransformer();

    private List<StagedSalesLine> lines(String json) {
        return transformer.transform(record("orders", "O1", json), ORDERS, "VND", RUN);
    }

    @Test
    void anOrderBecomesOneLinePerItemCarryingTheOrder() {
        List<StagedSalesLine> lines = lines("""
                {"customer_id": "C1", "order_ts": "2026-03-01T23:30:00+07:00", "platform": "Shopee",
                 "payment_method": "Thanh toán khi nhận hàng", "status": "DELIVERED", "shipping_city": "Đà Nẵng",
                 "items": [{"product_id": "P1", "quantity": 2, "unit_price": 150000, "discount": "10000"},
                           {"product_id": "P2", "quantity": "1", "unit_price": "99000.50"}]}
                """);

        OffsetDateTime ordered = OffsetDateTime.parse("2026-03-01T23:30:00+07:00");
        OffsetDateTime fetched = FETCHED.atOffset(ZoneOffset.UTC);
        assertThat(lines).containsExactly(
                new StagedSalesLine("run-7", "shop", "O1", 1, "C1", "P1", ordered, "shopee", "COD", "delivered",
                        "Đà Nẵng", 2, new BigDecimal("150000"), new BigDecimal("10000"), "VND", "env-O1", fetched),
                new StagedSalesLine("run-7", "shop", "O1", 2, "C1", "P2", ordered, "shopee", "COD", "delivered",
                        "Đà Nẵng", 1, new BigDecimal("99000.50"), BigDecimal.ZERO, "VND", "env-O1", fetched));
        assertThat(lines.get(0).orderDate()).isEqualTo(LocalDate.parse("2026-03-01"));
    }

    @Test
    void anOrderWithoutDatePlatformOrPaymentIsStampedWithTheRunAndItsSource() {
        StagedSalesLine line = transformer.transform(unfetched("orders", "O1",
                "{\"items\": [{\"product_id\": \"P1\", \"quantity\": 1, \"unit_price\": 5}]}"), ORDERS, "USD", RUN)
                .get(0);

        assertThat(line.orderTs()).isEqualTo(OffsetDateTime.parse("2026-03-02T00:00+07:00"));
        assertThat(line.platform()).isEqualTo("shop");
        assertThat(line.paymentMethod()).isNull();
        assertThat(line.orderStatus()).isNull();
        assertThat(line.customerId()).isNull();
        assertThat(line.shippingCity()).isNull();
        assertThat(line.currency()).isEqualTo("USD");
        assertThat(line.fetchedAt()).isNull();
    }

    @Test
    void paymentLabelsBecomeTheirMethodAndAnUnknownLabelIsKeptToBeReported() {
        String item = ", \"items\": [{\"product_id\": \"P1\", \"quantity\": 1, \"unit_price\": 5}]}";

        assertThat(lines("{\"payment_method\": \"Ví MoMo\"" + item).get(0).paymentMethod()).isEqualTo("MOMO");
        assertThat(lines("{\"payment_method\": \"Chuyển khoản\"" + item).get(0).paymentMethod())
                .isEqualTo("BANK_TRANSFER");
        assertThat(lines("{\"payment_method\": \"barter\"" + item).get(0).paymentMethod()).isEqualTo("barter");
    }

    @Test
    void aPercentDiscountIsOfTheLineTotalRoundedHalfUpToTwoDecimals() {
        StagedSalesLine line = lines("""
                {"items": [{"product_id": "P1", "quantity": 3, "unit_price": "19999", "discount_percent": 12.5}]}
                """).get(0);

        assertThat(line.discountAmount()).isEqualTo(new BigDecimal("7499.63"));
    }

    @Test
    void anAbsoluteDiscountWinsOverAPercentage() {
        StagedSalesLine line = lines("""
                {"items": [{"product_id": "P1", "quantity": 3, "unit_price": 100, "discount": 7,
                            "discount_percent": 50}]}
                """).get(0);

        assertThat(line.discountAmount()).isEqualTo(new BigDecimal("7"));
    }

    @Test
    void aCartHoldingTheSameProductTwiceKeepsBothLines() {
        List<StagedSalesLine> lines = lines("""
                {"items": [{"product_id": "P1", "quantity": 1, "unit_price": 10},
                           {"product_id": "P1", "quantity": 1, "unit_price": 10}]}
                """);

        assertThat(lines).extracting(StagedSalesLine::lineNumber).containsExactly(1, 2);
        assertThat(lines.get(0).salesLineKey()).isNotEqualTo(lines.get(1).salesLineKey());
    }

    @Test
    void aMappedLineNumberIsTheSourcesOwn() {
        List<StagedSalesLine> lines = transformer.transform(record("orders", "O1", """
                {"items": [{"product_id": "P1", "quantity": 1, "unit_price": 10, "line_number": 20},
                           {"product_id": "P2", "quantity": 1, "unit_price": 10, "line_number": 10}]}
                """), NUMBERED, "VND", RUN);

        assertThat(lines).extracting(StagedSalesLine::lineNumber).containsExactly(20, 10);
    }

    @Test
    void aMappedLineNumberThatIsMissingRefusesTheOrder() {
        assertThatThrownBy(() -> transformer.transform(record("orders", "O1",
                "{\"items\": [{\"product_id\": \"P1\", \"quantity\": 1, \"unit_price\": 10}]}"), NUMBERED, "VND", RUN))
                .isInstanceOf(TransformException.class)
                .hasMessage(WHERE + ", line 1: product_id, quantity and unit_price are required");
    }

    @Test
    void aLineWithoutProductQuantityOrPriceNamesTheLine() {
        String required = ": product_id, quantity and unit_price are required";

        assertThatThrownBy(() -> lines("""
                {"items": [{"product_id": "P1", "quantity": 1, "unit_price": 10}, {"quantity": 1, "unit_price": 10}]}
                """)).isInstanceOf(TransformException.class).hasMessage(WHERE + ", line 2" + required);
        assertThatThrownBy(() -> lines("{\"items\": [{\"product_id\": \"P1\", \"unit_price\": 10}]}"))
                .hasMessage(WHERE + ", line 1" + required);
        assertThatThrownBy(() -> lines("{\"items\": [{\"product_id\": \"P1\", \"quantity\": 1}]}"))
                .hasMessage(WHERE + ", line 1" + required);
    }

    @Test
    void linesThatAreNotAnArrayNameTheOrderAndPointer() {
        assertThatThrownBy(() -> lines("{\"items\": {\"product_id\": \"P1\"}}"))
                .isInstanceOf(TransformException.class)
                .hasMessage(WHERE + ": /items is not an array of order lines");
        assertThatThrownBy(() -> lines("{}")).hasMessage(WHERE + ": /items is not an array of order lines");
    }

    @Test
    void anOrderWithNoLinesStagesNothing() {
        assertThat(lines("{\"items\": []}")).isEmpty();
    }

    @Test
    void aQuantityThatIsNotWholeNamesTheLineAndField() {
        assertThatThrownBy(() -> lines("{\"items\": [{\"product_id\": \"P1\", \"quantity\": 1.5, \"unit_price\": 1}]}"))
                .isInstanceOf(TransformException.class)
                .hasMessage(WHERE + ", line 1: field quantity [/quantity] is not an integer: '1.5'");
    }
}
