package vn.ecomdss.simulator;

import java.time.LocalDateTime;
import java.util.List;

record MarketOrder(String id, String customerId, LocalDateTime orderDate, String platform, String paymentMethod,
                   String status, String shippingCity, String voucherCode, long shippingFeeVnd, List<Line> lines) {

    record Line(int lineNumber, String productId, int quantity, long unitPriceVnd, long discountVnd) {
    }
}
