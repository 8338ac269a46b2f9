package vn.ecomdss.extract.lazada;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Lazada Open Platform's request signature: HMAC-SHA256, under the app secret, of the API path followed by every
 * parameter but {@code sign} as name and value, sorted by name, in upper-case hex. As documented in "Signature
 * algorithm" (open.lazada.com, mirrored at https://open.alitrip.com/docs/doc.htm?articleId=108068&docType=1&treeId=499)
 * and its worked example "HTTP request sample" (articleId=108069).
 */
public final class LazadaSignature {

    private LazadaSignature() {
    }

    public static String sign(String apiPath, Map<String, String> params, String appSecret) {
        StringBuilder text = new StringBuilder(apiPath);
        new TreeMap<>(params).forEach((name, value) -> {
            if (!name.equals("sign") && value != null && !value.isEmpty()) {
                text.append(name).append(value);
            }
        });
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().withUpperCase().formatHex(mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
