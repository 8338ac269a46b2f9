package vn.ecomdss.lake;

import org.bson.Document;

/** An accepted raw envelope read back from the lake for transformation, with when it was first fetched. */
public record LakeRecord(String envelopeId, String source, String entity, String naturalId, Document payload,
                         java.time.Instant fetchedAt) {

    public LakeRecord(String envelopeId, String source, String entity, String naturalId, Document payload) {
        this(envelopeId, source, entity, naturalId, payload, null);
    }
}
