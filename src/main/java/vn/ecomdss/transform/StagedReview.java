package vn.ecomdss.transform;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One product review as it lands in {@code staging.review}, numbered by its position in the product's list. */
public record StagedReview(String runId, String source, String productId, int reviewNumber, BigDecimal rating,
                           String comment, OffsetDateTime reviewedAt, String reviewerName, String reviewerEmail,
                           String envelopeId) {
}
