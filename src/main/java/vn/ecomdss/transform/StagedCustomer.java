package vn.ecomdss.transform;

import java.time.OffsetDateTime;

/** A cleaned customer as it lands in {@code staging.customer}. */
public record StagedCustomer(String runId, String source, String customerId, String fullName, String email,
                             String city, String cityRaw, String customerSegment, String incomeLevel,
                             String provinceCode, String region, String phoneRaw, String phoneE164,
                             String phoneCarrier, String gender, Integer birthYear, OffsetDateTime changedAt,
                             boolean deleted, String envelopeId) {
}
