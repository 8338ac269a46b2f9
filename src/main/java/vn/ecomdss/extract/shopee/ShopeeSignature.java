package vn.ecomdss.extract.shopee;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopee Open Platform v2's request signature: HMAC-SHA256, under the partner key, of the partner id, the API path
 * and the timestamp (seconds), followed for a shop's calls by the access token and the shop id, in lower-case hex.
 * Parameters other than these are not signed. As the v2 documentation's "sign" base string gives it (mirrored in
 * the fake's README beside {@code testsupport/partners/ShopeeOpenPlatformFake}).
 */
public final class ShopeeSignature {

    private ShopeeSignature() {
    }

    /** The sign of an auth call ({@code /api/v2/auth/...}), which carries neither token nor shop. */
    public static String auth(String partnerKey, long partnerId, String apiPath, long timestamp) {
        return hmac(partnerKey, partnerId + apiPath + timestamp);
    }

    /** The sign of a call on behalf of a shop. */
    public static String shop(String partnerKey, long partnerId, String apiPath, long timestamp, String accessToken,
                              long shopId) {
        return hmac(partnerKey, partnerId + apiPath + timestamp + accessToken + shopId);
    }

    private static String hmac(String partnerKey, String base) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(partnerKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
