package vn.ecomdss.extract.partner;

import java.util.Map;

/**
 * One marketplace's partner API as {@link PartnerSession} uses it: the token calls and a signed call. An
 * implementation knows its platform's signature, its endpoints and how it spells its errors; nothing else.
 */
public interface PartnerApi {

    /** The platform's name, for messages. */
    String platform();

    /** Exchanges the one-time authorization code of a seller's consent for the first tokens. */
    PartnerToken exchangeCode(String authCode);

    /** Renews the tokens; the platform keeps accepting {@code refreshToken} until the new one is used. */
    PartnerToken refresh(String refreshToken);

    /** A signed call of {@code apiPath} with {@code params}, authorized by {@code accessToken}. */
    PartnerResponse call(String apiPath, Map<String, String> params, String accessToken);
}
