package vn.ecomdss.extract.tiki;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
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
 * Tiki Open API over HTTP, following open.tiki.vn's "OAuth 2.0 / Auth flows" and "Order API v2" as the local fake
 * and its README record them: the token endpoint {@code POST /sc/oauth2/token} authenticates the app by HTTP Basic
 * (client id = app key, client secret = app secret) and grants {@code authorization_code} (with the registered
 * {@code redirect_uri}), {@code refresh_token} (single use: each answer carries the successor) and
 * {@code client_credentials} (no refresh token; taken here as the grant of a seller's own in-house app). The
 * listings take {@code Authorization: Bearer}. Refusals are RFC 6749/6750 bodies,
 * {@code {"error": "invalid_token", "error_description": ...}}. A 429 ({@code too_many_requests}, with
 * {@code Retry-After}) or a 5xx never reaches the classification here: the HTTP client underneath waits them out
 * and asks again, and fails with the last answer once {@code max-retries} are spent.
 */
final class TikiApi implements PartnerApi {

    static final String TOKEN_PATH = "/sc/oauth2/token";
    /**
     * How long a refresh token is kept when Tiki's answer does not say: it is presented until Tiki refuses it, so
     * this bound is only far enough that the connector never gives it up first.
     */
    private static final Duration UNSTATED_REFRESH_LIFETIME = Duration.ofDays(365);

    private final URI apiUri;
    private final URI tokenUri;
    private final PartnerConnection connection;
    private final String source;
    private final PartnerCredentials credentials;

    /**
     * @param apiUri   where the listings answer ({@code https://api.tiki.vn})
     * @param tokenUri where the token endpoint answers; the API host unless the operator says otherwise
     */
    TikiApi(URI apiUri, URI tokenUri, PartnerConnection connection) {
        this.apiUri = apiUri;
        this.tokenUri = tokenUri;
        this.connection = connection;
        this.source = connection.source();
        this.credentials = connection.credentials();
    }

    @Override
    public String platform() {
        return "Tiki";
    }

    @Override
    public PartnerToken exchangeCode(String authCode) {
        if (credentials.redirectUri() == null) {
            throw new PartnerApiException(source + ": exchanging the authorization code needs the redirect URI "
                    + "registered for the app; set " + PartnerCredentials.variable(source, "redirect-uri"));
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", authCode);
        form.put("redirect_uri", credentials.redirectUri());
        return token(form, "the authorization code (" + PartnerCredentials.variable(source, "auth-code")
                + ", redirect URI " + PartnerCredentials.variable(source, "redirect-uri") + ")");
    }

    @Override
    public PartnerToken refresh(String refreshToken) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), "the refresh token");
    }

    /** An in-house app's grant: a client-credentials token acts for the seller who owns the app. */
    @Override
    public Optional<PartnerToken> authorizeWithoutCode() {
        return Optional.of(token(Map.of("grant_type", "client_credentials"), "the client credentials"));
    }

    @Override
    public PartnerResponse call(String apiPath, Map<String, ?> params, String accessToken) {
        URI target = PartnerConnection.uri(apiUri, apiPath, PartnerApi.query(params));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).header("Accept", "application/json")
                .header("Authorization", "Bearer " + accessToken).GET();
        return classified("GET " + PartnerConnection.base(apiUri) + apiPath,
                connection.http().send(request, connection.onRetry()));
    }

    /** A grant of the token endpoint; {@code what} names what the seller or operator gave, for a refusal. */
    private PartnerToken token(Map<String, String> grant, String what) {
        String basic = Base64.getEncoder().encodeToString((credentials.appKey() + ":" + credentials.appSecret())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(PartnerConnection.base(tokenUri) + TOKEN_PATH))
                .header("Accept", "application/json").header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(PartnerConnection.form(grant)));
        String where = "POST " + PartnerConnection.base(tokenUri) + TOKEN_PATH + " (" + grant.get("grant_type") + ")";
        PartnerResponse response = classified(where, connection.http().send(request, connection.onRetry()));
        switch (response.outcome()) {
            case OK -> {
                return parsed(response.body(), where);
            }
            case SIGNATURE_REJECTED -> throw new PartnerApiException(source + ": Tiki refused the app's credentials at "
                    + where + ": " + response.describe() + "; check the client secret "
                    + PartnerCredentials.variable(source, "app-secret") + " and the client id "
                    + PartnerCredentials.variable(source, "app-key"));
            default -> throw new PartnerApiException(source + ": Tiki refused " + what + " at " + where + ": "
                    + response.describe() + hint(response.code()));
        }
    }

    /** What to do about a refused grant, where the OAuth error says. */
    private String hint(String error) {
        return "invalid_grant".equals(error) ? "; have the seller authorize the app again and set a new "
                + PartnerCredentials.variable(source, "auth-code") : "";
    }

    private PartnerToken parsed(JsonNode body, String where) {
        String access = body.path("access_token").asString("");
        long expiresIn = body.path("expires_in").asLong(0);
        if (access.isEmpty() || expiresIn <= 0) {
            throw new PartnerApiException(source + ": " + where + " answered no access_token and expires_in: "
                    + PartnerConnection.snippet(body.toString()));
        }
        Instant now = connection.clock().instant();
        String refresh = body.path("refresh_token").asString("");
        if (refresh.isEmpty()) {
            return PartnerToken.withoutRefresh(access, now.plusSeconds(expiresIn));
        }
        Duration refreshLifetime = body.has("refresh_expires_in")
                ? Duration.ofSeconds(body.path("refresh_expires_in").asLong()) : UNSTATED_REFRESH_LIFETIME;
        return new PartnerToken(access, now.plusSeconds(expiresIn), refresh, now.plus(refreshLifetime));
    }

    /** Tiki's answer as {@link vn.ecomdss.extract.partner.PartnerSession} handles it, by its OAuth error code. */
    private PartnerResponse classified(String where, JsonHttpClient.Page page) {
        JsonNode body = connection.body(where, page);
        if (page.status() == 200) {
            return new PartnerResponse(PartnerResponse.Outcome.OK, body, "200", null, null, page.body().length);
        }
        String error = body.path("error").asString("HTTP " + page.status());
        String description = body.path("error_description").asString(PartnerConnection.snippet(page.text()));
        PartnerResponse.Outcome outcome = switch (error) {
            case "invalid_token" -> PartnerResponse.Outcome.TOKEN_REJECTED;
            case "invalid_client" -> PartnerResponse.Outcome.SIGNATURE_REJECTED;
            default -> PartnerResponse.Outcome.FAILED;
        };
        return new PartnerResponse(outcome, body, error, "HTTP " + page.status() + ": " + description, null,
                page.body().length);
    }
}
