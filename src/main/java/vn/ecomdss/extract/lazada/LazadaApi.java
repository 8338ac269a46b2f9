package vn.ecomdss.extract.lazada;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import vn.ecomdss.extract.http.JsonHttpClient;
import vn.ecomdss.extract.partner.PartnerApi;
import vn.ecomdss.extract.partner.PartnerApiException;
import vn.ecomdss.extract.partner.PartnerConnection;
import vn.ecomdss.extract.partner.PartnerResponse;
import vn.ecomdss.extract.partner.PartnerToken;

/**
 * Lazada Open Platform over HTTP: every call carries {@code app_key}, {@code timestamp} (ms), {@code sign_method=sha256},
 * the access token and its {@link LazadaSignature}; the token calls ({@code /auth/token/create},
 * {@code /auth/token/refresh}) go to the auth host without a token. Lazada answers errors as
 * {@code {"code": "IllegalAccessToken", "type": "ISV", "message": ..., "request_id": ...}} with {@code code "0"} on
 * success (see the SDKs' samples, e.g. github.com/branch8/lazada-open-platform-sdk examples/generateAccessToken.js).
 * The HTTP client underneath already waits out 429 and 5xx answers, honouring {@code Retry-After}.
 */
final class LazadaApi implements PartnerApi {

    static final String DEFAULT_AUTH_URL = "https://auth.lazada.com/rest";
    private static final Set<String> TOKEN_CODES = Set.of("IllegalAccessToken", "InvalidAccessToken", "AccessTokenExpired");
    private static final Set<String> SIGNATURE_CODES = Set.of("IncompleteSignature", "InvalidSignature");
    /** ApiCallLimit's message says how long the ban lasts ("This ban will last 1 seconds"). */
    private static final int TOKEN_RETRIES = 4;
    private static final Pattern BAN = Pattern.compile("ban will last (\\d+) seconds?");

    private final URI apiUri;
    private final URI authUri;
    private final PartnerConnection connection;

    LazadaApi(URI apiUri, URI authUri, PartnerConnection connection) {
        this.apiUri = apiUri;
        this.authUri = authUri;
        this.connection = connection;
    }

    @Override
    public String platform() {
        return "Lazada";
    }

    @Override
    public PartnerToken exchangeCode(String authCode) {
        return token("/auth/token/create", Map.of("code", authCode));
    }

    @Override
    public PartnerToken refresh(String refreshToken) {
        return token("/auth/token/refresh", Map.of("refresh_token", refreshToken));
    }

    @Override
    public PartnerResponse call(String apiPath, Map<String, ?> params, String accessToken) {
        return send(apiUri, apiPath, PartnerApi.query(params), accessToken);
    }

    /** A token call, waiting out ApiCallLimit like any other call: losing a refresh to a rate limit would stop the run. */
    private PartnerToken token(String apiPath, Map<String, String> params) {
        PartnerResponse response = send(authUri, apiPath, params, null);
        for (int attempt = 0; response.outcome() == PartnerResponse.Outcome.RATE_LIMITED && attempt < TOKEN_RETRIES;
             attempt++) {
            connection.onRetry().accept(attempt + 1);
            Duration wait = response.retryAfter() == null ? Duration.ofSeconds(1L << attempt) : response.retryAfter();
            try {
                Thread.sleep(Math.min(wait.toMillis(), 60_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PartnerApiException("lazada: " + apiPath + " interrupted while waiting out a rate limit", e);
            }
            response = send(authUri, apiPath, params, null);
        }
        if (response.outcome() != PartnerResponse.Outcome.OK) {
            throw new PartnerApiException("lazada: " + apiPath + " refused: " + response.describe()
                    + (response.outcome() == PartnerResponse.Outcome.SIGNATURE_REJECTED
                    ? "; check the app secret (DSS_SOURCES_LAZADA_APP_SECRET)" : ""));
        }
        JsonNode body = response.body();
        Instant now = connection.clock().instant();
        // expires_in and refresh_expires_in are seconds from now (e.g. 30 and 180 days for a seller-center app).
        return new PartnerToken(body.path("access_token").asString(),
                now.plusSeconds(body.path("expires_in").asLong()),
                body.path("refresh_token").asString(),
                now.plusSeconds(body.path("refresh_expires_in").asLong()));
    }

    private PartnerResponse send(URI base, String apiPath, Map<String, String> business, String accessToken) {
        Map<String, String> params = new LinkedHashMap<>(business);
        params.put("app_key", connection.credentials().appKey());
        params.put("timestamp", Long.toString(connection.clock().millis()));
        params.put("sign_method", "sha256");
        if (accessToken != null) {
            params.put("access_token", accessToken);
        }
        params.put("sign", LazadaSignature.sign(apiPath, params, connection.credentials().appSecret()));
        JsonHttpClient.Page page = connection.http().fetch(PartnerConnection.uri(base, apiPath, params),
                "application/json", connection.onRetry());
        String where = "GET " + base + apiPath;
        JsonNode body = connection.body(where, page);
        String code = body.path("code").asString(page.status() == 200 ? "0" : Integer.toString(page.status()));
        String message = body.path("message").asString(null);
        PartnerResponse.Outcome outcome;
        Duration retryAfter = null;
        if (code.equals("0") && page.status() == 200) {
            outcome = PartnerResponse.Outcome.OK;
        } else if (TOKEN_CODES.contains(code)) {
            outcome = PartnerResponse.Outcome.TOKEN_REJECTED;
        } else if (SIGNATURE_CODES.contains(code)) {
            outcome = PartnerResponse.Outcome.SIGNATURE_REJECTED;
        } else if (code.equals("ApiCallLimit")) {
            outcome = PartnerResponse.Outcome.RATE_LIMITED;
            Matcher ban = BAN.matcher(message == null ? "" : message);
            retryAfter = ban.find() ? Duration.ofSeconds(Long.parseLong(ban.group(1))) : null;
        } else {
            outcome = PartnerResponse.Outcome.FAILED;
            message = where + " answered " + page.status() + ": "
                    + (message == null ? PartnerConnection.snippet(page.text()) : message);
        }
        return new PartnerResponse(outcome, body, code, message, retryAfter, page.body().length);
    }
}
