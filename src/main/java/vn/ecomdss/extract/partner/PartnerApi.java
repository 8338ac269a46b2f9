package vn.ecomdss.extract.partner;

import java.util.Map;
import java.util.Optional;

/**
 * One marketplace's partner API as {@link PartnerSession} uses it: the token calls and a signed call. An
 * implementation knows its platform's signature, its endpoints and how it spells its errors; nothing else.
 */
public interface PartnerApi {

    /** The platform's name, for messages. */
    String platform();

    /** Exchanges the one-time authorization code of a seller's consent for the first tokens. */
    PartnerToken exchangeCode(String authCode);

    /**
     * Renews the tokens. Some platforms keep accepting {@code refreshToken} until the new one is used (Lazada),
     * others spend it at once (Tiki: single-use refresh tokens).
     */
    PartnerToken refresh(String refreshToken);

    /**
     * Tokens without a seller's authorization code, for a platform where an app may act for the seller who owns it
     * (OAuth 2.0 client credentials): asked for when no code is configured and again whenever such a token, which
     * comes without a refresh token, is due. Empty where a seller's consent is the only way in.
     */
    default Optional<PartnerToken> authorizeWithoutCode() {
        return Optional.empty();
    }

    /** A signed call of {@code apiPath} with {@code params}, authorized by {@code accessToken}. */
    PartnerResponse call(String apiPath, Map<String, String> params, String accessToken);
}
