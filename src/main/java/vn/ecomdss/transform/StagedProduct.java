package vn.ecomdss.transform;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A cleaned product as it lands in {@code staging.product}; prices stay in the source's currency. {@code category}
 * is the source's own; {@code mappedCategoryCode} and {@code mappedCategoryName} are its category in the Vietnamese
 * tree, null when the tree maps no such category.
 */
public record StagedProduct(String runId, String source, String productId, String title, String category,
                            String brand, BigDecimal price, String availabilityStatus, String currency,
                            BigDecimal originalPrice, Integer stock, BigDecimal rating, String sku,
                            String description, String platform, OffsetDateTime changedAt, boolean deleted,
                            String envelopeId, String mappedCategoryCode, String mappedCategoryName) {

    /** A product whose category is not mapped. */
    public StagedProduct(String runId, String source, String productId, String title, String category, String brand,
                         BigDecimal price, String availabilityStatus, String currency, BigDecimal originalPrice,
                         Integer stock, BigDecimal rating, String sku, String description, String platform,
                         OffsetDateTime changedAt, boolean deleted, String envelopeId) {
        this(runId, source, productId, title, category, brand, price, availabilityStatus, currency, originalPrice,
                stock, rating, sku, description, platform, changedAt, deleted, envelopeId, null, null);
    }
}
