package vn.ecomdss.extract.shopee;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import vn.ecomdss.extract.http.JsonHttpClient;
import vn.ecomdss.extract.partner.PartnerApi;
import vn.ecomdss.extract.partner.PartnerApiException;
import vn.ecomdss.extract.partner.PartnerConnection;
import vn.ecomdss.extract.partner.PartnerCredentials;
import vn.ecomdss.extract.partner.PartnerResponse;
import vn.ecomdss.extract.partner.PartnerToken;

/**
 * Shopee Open Platform v2 over HTTP for one shop. Every call carries {@code partner_id}, {@code timestamp} (seconds)
 * and its {@link ShopeeSignature}; a shop's calls ({@code GET}) add the access token and {@code shop_id}, the token
 * calls ({@code POST /api/v2/auth/token/get}, {@code /api/v2/auth/access_token/get}) send the code or refresh token
 * with the partner and shop ids in a JSON body. Shopee answers {@code {"error": "", "message": "", "response": ...,
 * "request_id": ...}}, an empty {@code error} meaning success, and refusals as {@code error_sign},
 * {@code invalid_access_token}, {@code error_auth}, {@code error_param} or {@code error_too_many_request}. The HTTP
 * client underneath already waits out 429 and 5xx answers.
 */
final class ShopeeApi implements PartnerApi {

    static final String TOKEN_GET = "/api/v2/auth/token/get";
    static final String ACCESS_TOKEN_GET = "/api/v2/auth/access_token/get";
    /** The token answer gives the access token's life ({@code expire_in}); the refresh token's 30 days are documented. */
    static final Duration REFRESH_TOKEN_LIFE = Duration.ofDays(30);

    private final URI apiUri;
    private final URI authUri;
    private final PartnerConnection connection;
    private final String source;
    private final String partnerKey;
    private final long partnerId;
    private final long shopId;

    /**
     * @throws PartnerApiException naming the variable when the app key (the partner id) or the shop id is not a
     *                             number, before any call is signed with it
     */
    ShopeeApi(URI apiUri, URI authUri, PartnerConnection connection) {
        this.apiUri = apiUri;
        this.authUri = authUri;
        this.connection = connection;
        this.source = connection.source();
        PartnerCredentials credentials = connection.credentials();
        this.partnerKey = credentials.appSecret();
        this.partnerId = number(source, credentials.appKey(), "app-key", "the app's partner_id");
        this.shopId = number(source, credentials.shopId(), PartnerCredentials.SHOP_ID, "the authorized shop's shop_id");
    }

    @Override
    public String platform() {
        return "Shopee";
    }

    @Override
    public PartnerToken exchangeCode(String authCode) {
        return token(TOKEN_GET, "code", authCode);
    }

    @Override
    public PartnerToken refresh(String refreshToken) {
        return token(ACCESS_TOKEN_GET, "refresh_token", refreshToken);
    }

    @Override
    public PartnerResponse call(String apiPath, Map<String, ?> params, String accessToken) {
        long timestamp = connection.clock().instant().getEpochSecond();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("partner_id", Long.toString(partnerId));
        query.put("timestamp", Long.toString(timestamp));
        query.put("access_token", accessToken);
        query.put("shop_id", Long.toString(shopId));
        query.put("sign", ShopeeSignature.shop(partnerKey, partnerId, apiPath, timestamp, accessToken, shopId));
        query.putAll(PartnerApi.query(params));
        URI target = PartnerConnection.uri(apiUri, apiPath, query);
        return classify("GET " + apiUri + apiPath, connection.http().fetch(target, "application/json",
                connection.onRetry()));
    }

    /** A token call; the new pair's expiries are counted from when Shopee answered. */
    private PartnerToken token(String apiPath, String grantField, String grant) {
        long timestamp = connection.clock().instant().getEpochSecond();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("partner_id", Long.toString(partnerId));
        query.put("timestamp", Long.toString(timestamp));
        query.put("sign", ShopeeSignature.auth(partnerKey, partnerId, apiPath, timestamp));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(grantField, grant);
        body.put("partner_id", partnerId);
        body.put("shop_id", shopId);
        JsonHttpClient.Page page = connection.http().post(PartnerConnection.uri(authUri, apiPath, query),
                "application/json", connection.json().writeValueAsBytes(body), "application/json", Map.of(),
                connection.onRetry());
        PartnerResponse response = classify("POST " + authUri + apiPath, page);
        if (response.outcome() != PartnerResponse.Outcome.OK) {
            throw new PartnerApiException(source + ": " + apiPath + " refused: " + response.describe()
                    + (response.outcome() == PartnerResponse.Outcome.SIGNATURE_REJECTED
                    ? "; check the app secret, the partner key (" + PartnerCredentials.variable(source, "app-secret")
                    + ")" : ""));
        }
        JsonNode answer = response.body();
        String access = answer.path("access_token").asString("");
        String refresh = answer.path("refresh_token").asString("");
        long expiresIn = answer.path("expire_in").asLong(0);
        if (access.isEmpty() || refresh.isEmpty() || expiresIn <= 0) {
            throw new PartnerApiException(source + ": " + apiPath + " answered without access_token, refresh_token and "
                    + "expire_in: request_id " + answer.path("request_id").asString(""));
        }
        Instant now = connection.clock().instant();
        return new PartnerToken(access, now.plusSeconds(expiresIn), refresh,
                now.plus(REFRESH_TOKEN_LIFE));
    }

    private PartnerResponse classify(String where, JsonHttpClient.Page page) {
        JsonNode body = connection.body(where, page);
        String error = body.path("error").asString("");
        String message = body.path("message").asString(null);
        String requestId = body.path("request_id").asString("");
        PartnerResponse.Outcome outcome;
        if (error.isEmpty() && page.status() == 200) {
            outcome = PartnerResponse.Outcome.OK;
        } else if (error.equals("invalid_access_token")
                || (error.equals("error_auth") && message != null && message.contains("access_token"))) {
            // An unknown token (error_auth) is renewed like an expired one: a refresh is the one remedy either way.
            outcome = PartnerResponse.Outcome.TOKEN_REJECTED;
        } else if (error.equals("error_sign")) {
            outcome = PartnerResponse.Outcome.SIGNATURE_REJECTED;
        } else if (error.equals("error_too_many_request")) {
            outcome = PartnerResponse.Outcome.RATE_LIMITED;
        } else {
            outcome = PartnerResponse.Outcome.FAILED;
            String hint = message != null && message.contains("timestamp")
                    ? "; Shopee accepts timestamps within 5 minutes of its clock: check this machine's clock" : "";
            message = where + " answered " + page.status() + ": "
                    + (message == null ? PartnerConnection.snippet(page.text()) : message) + " (request_id " + requestId + ")" + hint;
        }
        return new PartnerResponse(outcome, body, error.isEmpty() ? Integer.toString(page.status()) : error, message,
                null, page.body().length);
    }

    private static long number(String source, String value, String setting, String what) {
        if (value == null || !value.trim().matches("\\d{1,18}")) {
            throw new PartnerApiException(source + ": " + PartnerCredentials.variable(source, setting) + " must be "
                    + what + ", a number, got '" + value + "'");
        }
        return Long.parseLong(value.trim());
    }
}
