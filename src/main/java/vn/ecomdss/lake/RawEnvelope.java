package vn.ecomdss.lake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import org.bson.Document;

/**
 * One raw record as fetched: where it came from, its natural id, the payload as received and the SHA-256 of the
 * payload's canonical JSON. Its id is derived from (source, entity, natural id, payload hash), so storing the
 * same payload twice stores it once.
 */
public record RawEnvelope(String id, String source, String entity, String naturalId, Document payload,
                          String payloadHash, String runId, Instant fetchedAt) {

    public static RawEnvelope of(String source, String entity, String naturalId, Document payload,
                                 String canonicalJson, String runId, Instant fetchedAt) {
        String payloadHash = sha256(canonicalJson);
        String id = sha256(source + '\u0000' + entity + '\u0000' + naturalId + '\u0000' + payloadHash);
        return new RawEnvelope(id, source, entity, naturalId, payload, payloadHash, runId, fetchedAt);
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
