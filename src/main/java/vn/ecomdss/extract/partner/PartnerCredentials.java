package vn.ecomdss.extract.partner;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What an operator configures for one partner API, from {@code dss.sources.<name>.*} (e.g.
 * {@code DSS_SOURCES_LAZADA_APP_KEY}): the app's key and secret, the one-time authorization code a seller's consent
 * gives (exchanged for the first tokens), optionally where the platform's token endpoints answer, for an OAuth 2.0
 * platform the redirect URI registered for the app, which the code exchange must repeat, and for a platform whose
 * tokens and calls belong to one shop of the seller (Shopee) that shop's id.
 */
public record PartnerCredentials(String appKey, String appSecret, String authCode, String authUrl,
                                 String redirectUri, String shopId) {

    public static final List<String> KEYS = List.of("app-key", "app-secret", "auth-code");
    /** The setting a per-shop platform needs besides {@link #KEYS}. */
    public static final String SHOP_ID = "shop-id";

    /** The credentials of a platform that names no redirect URI and authorizes the seller as a whole (Lazada). */
    public PartnerCredentials(String appKey, String appSecret, String authCode, String authUrl) {
        this(appKey, appSecret, authCode, authUrl, null, null);
    }

    public boolean complete() {
        return present(appKey) && present(appSecret);
    }

    /** {@code DSS_SOURCES_LAZADA_APP_KEY, ...}: the environment variables a source's credentials come from. */
    public static String variables(String source) {
        return variables(source, false);
    }

    /** The variables of {@link #variables(String)}, and {@code DSS_SOURCES_X_SHOP_ID} for a per-shop platform. */
    public static String variables(String source, boolean withShopId) {
        Stream<String> keys = withShopId ? Stream.concat(KEYS.stream(), Stream.of(SHOP_ID)) : KEYS.stream();
        return String.join(", ", keys.map(key -> variable(source, key)).toList());
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
        return "PartnerCredentials[appKey=" + appKey + (shopId == null ? "" : ", shopId=" + shopId)
                + ", secret and code hidden]";
    }
}
