package vn.ecomdss.extract.partner;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM over a token: a fresh 12-byte nonce per value, stored in front of the ciphertext and its 128-bit tag. The
 * source's name is the associated data, so a token copied onto another source's row does not decrypt.
 */
public final class TokenCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private TokenCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * @param base64Key 16, 24 or 32 bytes in base64 ({@code openssl rand -base64 32})
     * @throws IllegalStateException naming {@code DSS_TOKEN_KEY} when the key is missing or malformed
     */
    public static TokenCipher of(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalStateException("no token key: partner API tokens are stored encrypted; set DSS_TOKEN_KEY "
                    + "to a base64 AES key, e.g. the output of `openssl rand -base64 32`");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("DSS_TOKEN_KEY is not base64: " + e.getMessage(), e);
        }
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalStateException("DSS_TOKEN_KEY decodes to " + key.length
                    + " bytes; an AES key is 16, 24 or 32 bytes (`openssl rand -base64 32`)");
        }
        return new TokenCipher(key);
    }

    public byte[] encrypt(String source, String token) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, source);
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the " + source + " token", e);
        }
    }

    public String decrypt(String source, byte[] stored) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(stored, NONCE_BYTES), source);
            return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the stored " + source + " token: DSS_TOKEN_KEY is not the "
                    + "key it was stored under (set the old key, or delete the row of ops.partner_token and authorize "
                    + "again)", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String source) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(source.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
