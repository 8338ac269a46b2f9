package vn.ecomdss.stream;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What one message becomes in the warehouse: an order line, a price, a stock count or an order's payment or
 * delivery event. Each carries its event time, which the stream's watermark and lateness are judged by.
 */
sealed interface RealtimeEvent {

    String eventId();

    /** The source the event is of; the stream's watermark and lateness are per source. */
    String source();

    Instant eventTime();

    /**
     * An order line at the grain of {@code dw.fact_sales}. {@code version} orders the updates of one line (event time
     * or LSN, as fixed-width text); {@code status} {@code deleted} is the shop's delete, kept so a replay cannot bring
     * the line back.
     */
    record SaleLine(String eventId, Instant eventTime, String source, String orderId, int lineNumber, Instant orderTs,
                    String customerId, String productId, String platform, String provinceCode, String region,
                    String paymentMethod, String status, int quantity, BigDecimal unitPrice, BigDecimal discount,
                    String version) implements RealtimeEvent {

        BigDecimal netAmount() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity)).subtract(discount).max(BigDecimal.ZERO);
        }
    }

    record PriceChange(String eventId, Instant eventTime, String source, String productId, String type,
                       BigDecimal oldPrice, BigDecimal newPrice, BigDecimal discountPercent, String voucher)
            implements RealtimeEvent {
    }

    record StockCount(String eventId, Instant eventTime, String source, String productId, int stock, Integer change,
                      String warehouse, String provinceCode, String reason) implements RealtimeEvent {
    }

    record OrderEvent(String eventId, Instant eventTime, String source, String orderId, String type, BigDecimal amount,
                      String paymentMethod, String provinceCode, String region) implements RealtimeEvent {
    }
}
