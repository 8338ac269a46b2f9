package vn.ecomdss.extract.sendo;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import vn.ecomdss.extract.http.JsonHttpClient;
import vn.ecomdss.extract.partner.PartnerApi;
import vn.ecomdss.extract.partner.PartnerApiException;
import vn.ecomdss.extract.partner.PartnerConnection;
import vn.ecomdss.extract.partner.PartnerCredentials;
import vn.ecomdss.extract.partner.PartnerResponse;
import vn.ecomdss.extract.partner.PartnerToken;

/**
 * Sendo Open API over HTTP. {@code POST /login} with the shop key and secret key gives a token for eight hours and
 * no refresh token ("Registration api", help-seller.sendo.vn/hc/vi/articles/17990422078361), so the first token
 * and every renewal are a login, and no seller's authorization code is needed. Every other call is a POST of a JSON
 * body with {@code Authorization: bearer <token>}. Sendo answers in one envelope,
 * {@code {"result": ..., "success": true, "error": null, "status_code": 200}}, and on a refusal the HTTP status
 * equals {@code status_code}: 401 for a wrong key or a bad or expired token, 400 for bad parameters, 429 past the
 * hourly quota, 500 when it fails. The HTTP client underneath waits out 429 (honouring {@code Retry-After}) and
 * retries 5xx before an answer reaches here; a 401 is the session's to renew the token for.
 */
final class SendoOpenApi implements PartnerApi {

    static final String LOGIN = "/login";
    /** What the documentation gives a token when a login's answer says no expiry. */
    private static final Duration TOKEN_VALIDITY = Duration.ofHours(8);

    private final URI baseUri;
    private final PartnerConnection connection;
    private final String source;

    SendoOpenApi(URI baseUri, PartnerConnection connection) {
        this.baseUri = baseUri;
        this.connection = connection;
        this.source = connection.source();
    }

    @Override
    public String platform() {
        return "Sendo";
    }

    @Override
    public boolean needsAuthCode() {
        return false;
    }

    /** The first token and every renewal: the shop key and secret key log in. */
    @Override
    public Optional<PartnerToken> authorizeWithoutCode() {
        return Optional.of(login());
    }

    /**
     * Sendo has no seller's consent to exchange, so the session never asks ({@link #needsAuthCode} is false); a
     * login all the same.
     */
    @Override
    public PartnerToken exchangeCode(String authCode) {
        return login();
    }

    /**
     * Sendo issues no refresh token, so the session never asks (a token without one is renewed by
     * {@link #authorizeWithoutCode}); a login all the same.
     */
    @Override
    public PartnerToken refresh(String refreshToken) {
        return login();
    }

    @Override
    public PartnerResponse call(String apiPath, Map<String, ?> params, String accessToken) {
        return post(apiPath, params, accessToken);
    }

    private PartnerToken login() {
        PartnerCredentials credentials = connection.credentials();
        PartnerResponse response = post(LOGIN, Map.of("shop_key", credentials.appKey(),
                "secret_key", credentials.appSecret()), null);
        if (response.outcome() != PartnerResponse.Outcome.OK) {
            throw new PartnerApiException(source + ": Sendo refused POST " + LOGIN + ": " + response.describe()
                    + "; check the shop key and secret key (" + PartnerCredentials.variables(source,
                    PartnerCredentials.LOGIN_KEYS) + ")");
        }
        JsonNode result = response.body().path("result");
        String token = result.path("token").asString("");
        if (token.isBlank()) {
            throw new PartnerApiException(source + ": POST " + LOGIN + " answered success without a token");
        }
        return PartnerToken.withoutRefresh(token, expiry(result.path("expires").asString("")));
    }

    /** The login's {@code expires} (ISO-8601); eight hours from now when it is missing or unreadable. */
    private Instant expiry(String expires) {
        try {
            return expires.isBlank() ? connection.clock().instant().plus(TOKEN_VALIDITY) : Instant.parse(expires);
        } catch (DateTimeParseException e) {
            return connection.clock().instant().plus(TOKEN_VALIDITY);
        }
    }

    private PartnerResponse post(String apiPath, Map<String, ?> body, String accessToken) {
        URI target = PartnerConnection.uri(baseUri, apiPath, Map.of());
        Map<String, String> headers = accessToken == null ? Map.of() : Map.of("Authorization", "bearer " + accessToken);
        JsonHttpClient.Page page = connection.http().post(target, "application/json",
                connection.json().writeValueAsBytes(body), "application/json", headers, connection.onRetry());
        JsonNode answer = connection.body("POST " + target, page);
        int status = answer.path("status_code").asInt(page.status());
        String message = answer.path("error").path("message").asString(null);
        PartnerResponse.Outcome outcome;
        if (page.status() == 200 && status == 200 && answer.path("success").asBoolean(true)) {
            outcome = PartnerResponse.Outcome.OK;
        } else if (status == 401 || page.status() == 401) {
            outcome = PartnerResponse.Outcome.TOKEN_REJECTED;
        } else if (status == 429) {
            // Only an envelope saying 429 under HTTP 200 gets here (the client waits out an HTTP 429): back off.
            outcome = PartnerResponse.Outcome.RATE_LIMITED;
        } else {
            outcome = PartnerResponse.Outcome.FAILED;
            message = "POST " + target + " answered " + page.status() + ": "
                    + (message == null ? PartnerConnection.snippet(page.text()) : message);
        }
        return new PartnerResponse(outcome, answer, Integer.toString(status), message, null, page.body().length);
    }
}
