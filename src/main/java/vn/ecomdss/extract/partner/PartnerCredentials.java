package vn.ecomdss.extract.partner;

import java.util.List;
import java.util.Locale;

/**
 * What an operator configures for one partner API, from {@code dss.sources.<name>.*} (e.g.
 * {@code DSS_SOURCES_LAZADA_APP_KEY}): the app's key and secret, the one-time authorization code a seller's consent
 * gives (exchanged for the first tokens), optionally where the platform's token endpoints answer, and for an OAuth
 * 2.0 platform the redirect URI registered for the app, which the code exchange must repeat.
 */
public record PartnerCredentials(String appKey, String appSecret, String authCode, String authUrl,
                                 String redirectUri) {

    public static final List<String> KEYS = List.of("app-key", "app-secret", "auth-code");

    /** The credentials of a platform whose code exchange names no redirect URI (Lazada). */
    public PartnerCredentials(String appKey, String appSecret, String authCode, String authUrl) {
        this(appKey, appSecret, authCode, authUrl, null);
    }

    public boolean complete() {
        return present(appKey) && present(appSecret);
    }

    /** {@code DSS_SOURCES_LAZADA_APP_KEY, ...}: the environment variables a source's credentials come from. */
    public static String variables(String source) {
        return String.join(", ", KEYS.stream().map(key -> variable(source, key)).toList());
    }

    /** {@code DSS_SOURCES_TIKI_APP_SECRET} for {@code ("tiki", "app-secret")}: the variable of one setting. */
    public static String variable(String source, String key) {
        return ("DSS_SOURCES_" + source + "_" + key).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "PartnerCredentials[appKey=" + appKey + ", secret and code hidden]";
    }
}
