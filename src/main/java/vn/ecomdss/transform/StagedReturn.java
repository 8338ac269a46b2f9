package vn.ecomdss.transform;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One buyer's return or refund request as it lands in {@code staging.product_return}, its refund in the source's currency. */
public record StagedReturn(String runId, String source, String returnId, String orderId, String productId,
                           Integer quantity, BigDecimal refundAmount, String currency, String reason,
                           String reasonText, String status, OffsetDateTime returnedAt, OffsetDateTime changedAt,
                           String envelopeId) {
}
