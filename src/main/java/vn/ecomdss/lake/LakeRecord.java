package vn.ecomdss.lake;

import org.bson.Document;

/** An accepted raw envelope read back from the lake for transformation. */
public record LakeRecord(String envelopeId, String source, String entity, String naturalId, Document payload) {
}
