package vn.ecomdss.transform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A 64-bit warehouse key for a natural key: the first 64 bits of SHA-256 over its parts joined by the unit
 * separator (U+001F), as {@code dw.sales_line_key} and {@code dw.user_event_key} compute it in SQL.
 */
public final class WarehouseKey {

    private WarehouseKey() {
    }

    public static long of(Object... parts) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                text.append('\u001f');
            }
            text.append(parts[i]);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
