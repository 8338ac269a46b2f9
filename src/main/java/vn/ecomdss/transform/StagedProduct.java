package vn.ecomdss.transform;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A cleaned product as it lands in {@code staging.product}; prices stay in the source's currency. */
public record StagedProduct(String runId, String source, String productId, String title, String category,
                            String brand, BigDecimal price, String availabilityStatus, String currency,
                            BigDecimal originalPrice, Integer stock, BigDecimal rating, String sku,
                            String description, String platform, OffsetDateTime changedAt, boolean deleted,
                            String envelopeId) {
}
