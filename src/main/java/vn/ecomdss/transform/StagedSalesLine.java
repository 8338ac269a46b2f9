package vn.ecomdss.transform;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One order line as it lands in {@code staging.sales_line}, with its warehouse key: the first 64 bits of SHA-256
 * over source, order id and line number (as {@code dw.sales_line_key} computes it in SQL), and its order date in
 * Vietnam, the fact table's partition key.
 */
public record StagedSalesLine(String runId, String source, String orderId, int lineNumber, String customerId,
                              String productId, OffsetDateTime orderTs, String platform, String paymentMethod,
                              String orderStatus, String shippingCity, int quantity, BigDecimal unitPrice,
                              BigDecimal discountAmount, String currency, String envelopeId,
                              java.time.OffsetDateTime fetchedAt) {

    private static final java.time.ZoneId VIETNAM = java.time.ZoneId.of("Asia/Ho_Chi_Minh");

    public java.time.LocalDate orderDate() {
        return orderTs.atZoneSameInstant(VIETNAM).toLocalDate();
    }

    public long salesLineKey() {
        return WarehouseKey.of(source, orderId, lineNumber);
    }
}
