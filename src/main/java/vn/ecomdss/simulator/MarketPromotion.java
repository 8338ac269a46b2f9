package vn.ecomdss.simulator;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One promotion of one listing over whole Vietnamese days, {@code startsOn} to {@code endsOn} inclusive, as the
 * marketplace announces it {@code announcedOn}. A discount is a percentage, an amount in VND, or neither (free
 * shipping).
 */
record MarketPromotion(String id, String productId, String type, String name, LocalDate startsOn,
                       LocalDate endsOn, BigDecimal discountPercent, Long discountVnd, LocalDate announcedOn) {
}
