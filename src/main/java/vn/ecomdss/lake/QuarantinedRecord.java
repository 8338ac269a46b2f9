package vn.ecomdss.lake;

/** A raw record set aside by a quality rule, with the rule and a reason a person can act on. */
public record QuarantinedRecord(String envelopeId, String runId, String source, String entity, String naturalId,
                                String rule, String reason) {
}
