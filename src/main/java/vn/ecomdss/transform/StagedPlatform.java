package vn.ecomdss.transform;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A platform (marketplace) and its commission rate as it lands in {@code staging.platform}. */
public record StagedPlatform(String runId, String source, String platformCode, String platformName,
                             String platformType, BigDecimal commissionRate, OffsetDateTime changedAt, boolean deleted,
                             String envelopeId) {
}
