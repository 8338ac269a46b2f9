package vn.ecomdss.extract.partner;

import java.util.List;
import java.util.Locale;

/**
 * What an operator configures for one partner API, from {@code dss.sources.<name>.*} (e.g.
 * {@code DSS_SOURCES_LAZADA_APP_KEY}): the app's key and secret, the one-time authorization code a seller's consent
 * gives (exchanged for the first tokens), and optionally where the platform's token endpoints answer.
 */
public record PartnerCredentials(String appKey, String appSecret, String authCode, String authUrl) {

    public static final List<String> KEYS = List.of("app-key", "app-secret", "auth-code");

    public boolean complete() {
        return present(appKey) && present(appSecret);
    }

    /** {@code DSS_SOURCES_LAZADA_APP_KEY, ...}: the environment variables a source's credentials come from. */
    public static String variables(String source) {
        String prefix = "DSS_SOURCES_" + source.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
        return String.join(", ", KEYS.stream().map(key -> prefix + key.toUpperCase(Locale.ROOT).replace('-', '_'))
                .toList());
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "PartnerCredentials[appKey=" + appKey + ", secret and code hidden]";
    }
}
