package vn.ecomdss.extract.partner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One marketplace's partner API as {@link PartnerSession} uses it: the token calls and an authorized call. An
 * implementation knows its platform's signature, its endpoints and how it spells its errors; nothing else.
 *
 * <p>Three ways to a token fit here: OAuth, where a seller's authorization code gives the first tokens and a refresh
 * token renews them (Lazada, Shopee, Tiki's public app); OAuth 2.0 client credentials, where an in-house app is
 * granted tokens without a code and without a refresh token (Tiki, when no code is configured); and a login with the
 * app's own key and secret that gives an access token and no refresh token (Sendo), for which {@link #needsAuthCode}
 * is false. The last two are {@link #authorizeWithoutCode}, asked again whenever such a token is due.
 */
public interface PartnerApi {

    /** The platform's name, for messages. */
    String platform();

    /**
     * Whether a seller's authorization code has a part in the platform's tokens. A platform whose app logs in with
     * its own key and secret (Sendo) says false: its first token and every renewal come from
     * {@link #authorizeWithoutCode}, a code the operator may have set is not used, and messages name only the key
     * and secret.
     */
    default boolean needsAuthCode() {
        return true;
    }

    /** Exchanges the one-time authorization code of a seller's consent for the first tokens. */
    PartnerToken exchangeCode(String authCode);

    /**
     * Renews the tokens. Some platforms keep accepting {@code refreshToken} until the new one is used (Lazada),
     * others spend it at once (Tiki: single-use refresh tokens). Only asked for a token that came with a refresh
     * token; one that came without is renewed by {@link #authorizeWithoutCode}.
     */
    PartnerToken refresh(String refreshToken);

    /**
     * Tokens without a seller's authorization code, for a platform where an app may act for the seller who owns it
     * (OAuth 2.0 client credentials) or logs in with its own key and secret (Sendo): asked for when no code is
     * configured (always, where {@link #needsAuthCode} is false) and again whenever such a token, which comes
     * without a refresh token, is due. Empty where a seller's consent is the only way in.
     */
    default Optional<PartnerToken> authorizeWithoutCode() {
        return Optional.empty();
    }

    /**
     * A call of {@code apiPath} with {@code params} (a signed query for Lazada and Shopee, a query for Tiki, a JSON
     * body for Sendo, so values keep their JSON types), authorized by {@code accessToken}.
     */
    PartnerResponse call(String apiPath, Map<String, ?> params, String accessToken);

    /** {@code params} as the text values of a query string, in their order, for a platform whose calls take one. */
    static Map<String, String> query(Map<String, ?> params) {
        Map<String, String> query = new LinkedHashMap<>();
        params.forEach((name, value) -> query.put(name, String.valueOf(value)));
        return query;
    }
}
