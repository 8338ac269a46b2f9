package vn.ecomdss.extract.partner;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * What an operator configures for one partner API, from {@code dss.sources.<name>.*} (e.g.
 * {@code DSS_SOURCES_LAZADA_APP_KEY}): the app's key and secret, the one-time authorization code a seller's consent
 * gives (exchanged for the first tokens), optionally where the platform's token endpoints answer, for an OAuth 2.0
 * platform the redirect URI registered for the app, which the code exchange must repeat, and for a platform whose
 * tokens and calls belong to one shop of the seller (Shopee) that shop's id. A platform whose app logs in with its
 * key and secret alone (Sendo's shop key and secret key) needs no code.
 */
public record PartnerCredentials(String appKey, String appSecret, String authCode, String authUrl,
                                 String redirectUri, String shopId) {

    /** What an OAuth platform needs: the first tokens come from a seller's authorization code. */
    public static final List<String> KEYS = List.of("app-key", "app-secret", "auth-code");
    /** What a platform whose app logs in with its own key and secret needs. */
    public static final List<String> LOGIN_KEYS = List.of("app-key", "app-secret");
    /** The setting a per-shop platform needs besides its other keys. */
    public static final String SHOP_ID = "shop-id";

    /** The credentials of a platform that names no redirect URI and authorizes the seller as a whole (Lazada). */
    public PartnerCredentials(String appKey, String appSecret, String authCode, String authUrl) {
        this(appKey, appSecret, authCode, authUrl, null, null);
    }

    /** Where the token calls go: the operator's {@code auth-url} when set, otherwise {@code platformDefault}. */
    public URI authUri(URI platformDefault) {
        return authUrl != null ? URI.create(authUrl) : platformDefault;
    }

    public boolean complete() {
        return present(appKey) && present(appSecret);
    }

    /** {@code DSS_SOURCES_LAZADA_APP_KEY, ...}: the environment variables an OAuth source's credentials come from. */
    public static String variables(String source) {
        return variables(source, KEYS);
    }

    /**
     * The environment variables of {@code keys} of {@code source}, comma-separated: {@link #LOGIN_KEYS} for a
     * platform that logs in, {@link #KEYS} and {@link #SHOP_ID} for a per-shop one.
     */
    public static String variables(String source, List<String> keys) {
        return String.join(", ", keys.stream().map(key -> variable(source, key)).toList());
    }

    /**
     * The environment variable of one setting: {@code ("tiki", "app-secret")} gives
     * {@code DSS_SOURCES_TIKI_APP_SECRET}, {@code ("sendo-open", "app-key")} {@code DSS_SOURCES_SENDO_OPEN_APP_KEY}.
     * Spring's relaxed binding reads a dash of the property's name as an underscore of the variable's (its legacy
     * form), so this name binds to {@code dss.sources.sendo-open.app-key} (as PartnerSettingsTest checks with a
     * system-environment property source).
     */
    public static String variable(String source, String key) {
        return ("DSS_SOURCES_" + source + "_" + key).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "PartnerCredentials[appKey=" + appKey + (shopId == null ? "" : ", shopId=" + shopId)
                + ", secret and code hidden]";
    }
}
