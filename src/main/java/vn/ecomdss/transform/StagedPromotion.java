package vn.ecomdss.transform;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One promotion of one product as it lands in {@code staging.promotion}: its Vietnamese days {@code startDate} to
 * {@code endDate} inclusive, a percentage off and/or an amount off in the source's currency.
 */
public record StagedPromotion(String runId, String source, String promotionId, String productId, String type,
                              String name, LocalDate startDate, LocalDate endDate, BigDecimal discountPercent,
                              BigDecimal discountAmount, String currency, OffsetDateTime announcedAt,
                              String envelopeId) {
}
