package vn.ecomdss.extract.partner;

import java.util.Map;

/**
 * One marketplace's partner API as {@link PartnerSession} uses it: the token calls and an authorized call. An
 * implementation knows its platform's signature, its endpoints and how it spells its errors; nothing else.
 *
 * <p>Two ways to a token fit here: OAuth, where a seller's authorization code gives the first tokens and a refresh
 * token renews them (Lazada), and a login with the app's own key and secret that gives an access token and no
 * refresh token (Sendo), for which {@link #needsAuthCode} is false and both token calls log in.
 */
public interface PartnerApi {

    /** The platform's name, for messages. */
    String platform();

    /** Whether the first token needs a seller's authorization code; a platform whose app logs in says false. */
    default boolean needsAuthCode() {
        return true;
    }

    /**
     * The first tokens: the one-time authorization code of a seller's consent exchanged for them, or for a platform
     * that needs no code, a login ({@code authCode} is then whatever the operator set, usually null, and unused).
     */
    PartnerToken exchangeCode(String authCode);

    /**
     * Renews the tokens; the platform keeps accepting {@code refreshToken} until the new one is used. For a token
     * issued without a refresh token, {@code refreshToken} is null and the platform logs in again.
     */
    PartnerToken refresh(String refreshToken);

    /**
     * A call of {@code apiPath} with {@code params} (a signed query for Lazada, a JSON body for Sendo, so values
     * keep their JSON types), authorized by {@code accessToken}.
     */
    PartnerResponse call(String apiPath, Map<String, ?> params, String accessToken);
}
