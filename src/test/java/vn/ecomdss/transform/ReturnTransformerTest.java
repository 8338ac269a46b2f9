package vn.ecomdss.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.ecomdss.transform.RawRecords.RUN;
import static vn.ecomdss.transform.RawRecords.entity;
import static vn.ecomdss.transform.RawRecords.record;
import static vn.ecomdss.transform.RawRecords.sameNames;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import vn.ecomdss.pipeline.EntityDefinition;

class ReturnTransformerTest {

    private static final EntityDefinition RETURNS = entity("returns", "return", sameNames("order_id", "product_id",
            "quantity", "refund_amount", "reason", "reason_text", "status", "returned_at", "changed_at"));
    private static final String WHERE = "source shop, entity returns, id R1 (envelope env-R1)";

    private final ReturnTransformer transformer = new ReturnTransformer();

    @Test
    void aReturnBecomesOneRowInTheSourcesCurrency() {
        assertThat(transformer.transform(record("returns", "R1", """
                {"order_id": "240611A3K9QZ", "product_id": 22000000003, "quantity": 2, "refund_amount": 1380000,
                 "reason": "WRONG_ITEM", "reason_text": " Giao sai màu ", "status": "ACCEPTED",
                 "returned_at": "2026-02-20T03:00:00Z", "changed_at": "2026-02-20T06:00:00Z"}
                """), RETURNS, "VND", RUN)).containsExactly(new StagedReturn("run-7", "shop", "R1", "240611A3K9QZ",
                "22000000003", 2, new BigDecimal("1380000"), "VND", "WRONG_ITEM", "Giao sai màu", "accepted",
                OffsetDateTime.parse("2026-02-20T03:00:00Z"), OffsetDateTime.parse("2026-02-20T06:00:00Z"), "env-R1"));
    }

    @Test
    void aReturnWithoutItsDateIsStampedWithTheRunsLogicalDate() {
        assertThat(transformer.transform(record("returns", "R1", "{\"order_id\": \"O1\"}"), RETURNS, "VND", RUN))
                .singleElement().extracting(StagedReturn::returnedAt).isEqualTo(RUN.logicalStart());
    }

    @Test
    void aReturnWithoutItsOrderNamesTheRecordAndPointer() {
        assertThatThrownBy(() -> transformer.transform(record("returns", "R1", "{\"quantity\": 1}"), RETURNS, "VND", RUN))
                .isInstanceOf(TransformException.class)
                .hasMessage(WHERE + ": order_id [/order_id] is required: a return belongs to an order");
    }

    @Test
    void aQuantityBelowOneOrANegativeRefundIsRefused() {
        assertThatThrownBy(() -> transformer.transform(record("returns", "R1",
                "{\"order_id\": \"O1\", \"quantity\": 0}"), RETURNS, "VND", RUN))
                .hasMessage(WHERE + ": quantity must be at least 1, got 0");
        assertThatThrownBy(() -> transformer.transform(record("returns", "R1",
                "{\"order_id\": \"O1\", \"refund_amount\": -5}"), RETURNS, "VND", RUN))
                .hasMessage(WHERE + ": refund_amount must not be negative, got -5");
    }

    @Test
    void aRefundThatIsNotANumberNamesTheField() {
        assertThatThrownBy(() -> transformer.transform(record("returns", "R1",
                "{\"order_id\": \"O1\", \"refund_amount\": \"nhiều\"}"), RETURNS, "VND", RUN))
                .hasMessage(WHERE + ": field refund_amount [/refund_amount] is not a number: 'nhiều'");
    }
}
