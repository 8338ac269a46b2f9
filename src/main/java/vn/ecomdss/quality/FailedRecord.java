package vn.ecomdss.quality;

/** One record that failed one rule, with the reason; {@code envelopeId} is set for lake records. */
public record FailedRecord(String rule, String target, String recordKey, Severity severity, String reason,
                           String envelopeId) {
}
