package vn.ecomdss.testsupport.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.ecomdss.testsupport.partners.PartnerHttp.Answer;

class TikiOpenApiFakeTest {

    private TikiOpenApiFake tiki;
    private TikiOpenApiFake.Credentials credentials;
    private final PartnerHttp http = new PartnerHttp();

    @BeforeEach
    void start() {
        tiki = TikiOpenApiFake.start();
        credentials = tiki.credentials();
    }

    @AfterEach
    void stop() {
        tiki.close();
    }

    @Test
    void clientCredentialsGrantGivesABearerTokenWithoutRefresh() {
        Answer token = tokenRequest(basic(), Map.of("grant_type", "client_credentials"));
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.body().path("token_type").asString()).isEqualTo("bearer");
        assertThat(token.body().path("expires_in").asLong()).isEqualTo(3600);
        assertThat(token.body().has("refresh_token")).isFalse();
    }

    @Test
    void clientSecretInTheFormAuthenticatesToo() {
        Answer token = tokenRequest(Map.of(), Map.of("grant_type", "client_credentials",
                "client_id", credentials.clientId(), "client_secret", credentials.clientSecret()));
        assertThat(token.status()).isEqualTo(200);
    }

    @Test
    void wrongClientSecretIsInvalidClient() {
        String wrong = Base64.getEncoder().encodeToString((credentials.clientId() + ":nope").getBytes(StandardCharsets.UTF_8));
        Answer refused = tokenRequest(Map.of("Authorization", "Basic " + wrong), Map.of("grant_type", "client_credentials"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().path("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void authorisedListingAnswersTheDocumentedShape() {
        Answer page = list(TikiOpenApiFake.ORDERS, clientToken(), params("page", "1", "limit", "10"));
        assertThat(page.status()).isEqualTo(200);
        JsonNode body = page.body();
        assertThat(body.path("data")).hasSize(10);
        JsonNode order = body.path("data").get(0);
        assertThat(order.path("code").asString()).isEqualTo(tiki.orderCodes().get(0));
        assertThat(order.path("shipping").path("address").path("full_name").asString()).isNotEmpty();
        assertThat(order.path("items").size()).isBetween(1, 4);
        assertThat(order.path("invoice").path("grand_total").asLong()).isPositive();
        assertThat(body.path("paging").path("total").asInt()).isEqualTo(60);
        assertThat(body.path("paging").path("last_page").asInt()).isEqualTo(6);
        assertThat(tiki.requestCount(TikiOpenApiFake.ORDERS)).isEqualTo(1);
    }

    @Test
    void missingUnknownAndExpiredTokensAreRefused() {
        assertThat(list(TikiOpenApiFake.PRODUCTS, null, params()).status()).isEqualTo(401);
        Answer unknown = list(TikiOpenApiFake.PRODUCTS, "not-a-token", params());
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body().path("error").asString()).isEqualTo("invalid_token");

        String token = clientToken();
        tiki.expireAccessTokens();
        assertThat(list(TikiOpenApiFake.PRODUCTS, token, params()).status()).isEqualTo(401);

        String fresh = clientToken();
        tiki.advanceClock(Duration.ofHours(1));
        Answer aged = list(TikiOpenApiFake.PRODUCTS, fresh, params());
        assertThat(aged.status()).isEqualTo(401);
        assertThat(aged.body().path("error_description").asString()).contains("expired");
    }

    @Test
    void rateLimitAnswers429WithRetryAfterUntilTheHourTurns() {
        String token = clientToken();
        tiki.exhaustRateLimit();
        Answer limited = list(TikiOpenApiFake.PRODUCTS, token, params());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().path("error").asString()).isEqualTo("too_many_requests");
        long retryAfter = Long.parseLong(limited.raw().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L);

        tiki.advanceClock(Duration.ofSeconds(retryAfter));
        assertThat(list(TikiOpenApiFake.PRODUCTS, token, params()).status()).isEqualTo(200);
    }

    @Test
    void theHourlyQuotaCountsEveryRequest() {
        tiki.limitRequestsPerHour(3);
        String token = clientToken();
        assertThat(list(TikiOpenApiFake.PRODUCTS, token, params()).status()).isEqualTo(200);
        assertThat(list(TikiOpenApiFake.PRODUCTS, token, params()).status()).isEqualTo(200);
        assertThat(list(TikiOpenApiFake.PRODUCTS, token, params()).status()).isEqualTo(429);
        assertThat(TikiOpenApiFake.REQUESTS_PER_HOUR).isEqualTo(800);
    }

    @Test
    void pagingWalksEveryProductAndOrderExactlyOnceThroughAFailedPage() {
        String token = clientToken();
        assertThat(walk(TikiOpenApiFake.PRODUCTS, token, params(), "product_id")).containsExactlyElementsOf(
                tiki.productIds().stream().map(String::valueOf).toList());
        tiki.failNextListings(1);
        assertThat(walk(TikiOpenApiFake.ORDERS, token, params(), "code")).containsExactlyElementsOf(tiki.orderCodes());
    }

    @Test
    void updatedWindowReturnsOnlyTheChangedRecords() {
        String token = clientToken();
        LocalDateTime before = LocalDateTime.ofInstant(tiki.now(), TikiOpenApiFake.VIETNAM);
        tiki.advanceClock(Duration.ofMinutes(1));
        tiki.updateProducts(tiki.productIds().get(4), tiki.productIds().get(29));
        tiki.updateOrders(tiki.orderCodes().get(0), tiki.orderCodes().get(33));
        Map<String, String> window = params("updated_from_date", TikiOpenApiFake.TIME.format(before.plusSeconds(1)),
                "updated_to_date", TikiOpenApiFake.TIME.format(LocalDateTime.ofInstant(tiki.now(), TikiOpenApiFake.VIETNAM)));
        assertThat(walk(TikiOpenApiFake.PRODUCTS, token, window, "product_id"))
                .containsExactly(tiki.productIds().get(4).toString(), tiki.productIds().get(29).toString());
        assertThat(walk(TikiOpenApiFake.ORDERS, token, window, "code"))
                .containsExactly(tiki.orderCodes().get(0), tiki.orderCodes().get(33));
    }

    @Test
    void refreshTokenRotatesAndIsSingleUse() {
        String code = tiki.authorizeSeller();
        Answer first = tokenRequest(basic(), Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", credentials.redirectUri()));
        assertThat(first.status()).isEqualTo(200);
        String r1 = first.body().path("refresh_token").asString();
        assertThat(r1).isNotEmpty();

        Answer second = tokenRequest(basic(), Map.of("grant_type", "refresh_token", "refresh_token", r1,
                "client_id", credentials.clientId()));
        assertThat(second.status()).isEqualTo(200);
        String r2 = second.body().path("refresh_token").asString();
        assertThat(r2).isNotEqualTo(r1);
        assertThat(second.body().path("access_token").asString()).isNotEqualTo(first.body().path("access_token").asString());

        Answer reused = tokenRequest(basic(), Map.of("grant_type", "refresh_token", "refresh_token", r1));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.body().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(list(TikiOpenApiFake.ORDERS, second.body().path("access_token").asString(), params()).status()).isEqualTo(200);

        Answer codeAgain = tokenRequest(basic(), Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", credentials.redirectUri()));
        assertThat(codeAgain.body().path("error").asString()).isEqualTo("invalid_grant");
    }

    private List<String> walk(String path, String token, Map<String, String> filter, String idField) {
        List<String> seen = new ArrayList<>();
        int page = 1;
        int lastPage = 1;
        while (page <= lastPage) {
            Map<String, String> query = new LinkedHashMap<>(filter);
            query.put("page", Integer.toString(page));
            query.put("limit", "8");
            Answer answer = list(path, token, query);
            if (answer.status() == 500) {
                continue;
            }
            answer.body().path("data").forEach(r -> seen.add(r.path(idField).asString()));
            lastPage = answer.body().path("paging").path("last_page").asInt();
            page++;
        }
        return seen;
    }

    private String clientToken() {
        return tokenRequest(basic(), Map.of("grant_type", "client_credentials")).body().path("access_token").asString();
    }

    private Map<String, String> basic() {
        String pair = credentials.clientId() + ":" + credentials.clientSecret();
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    private Answer tokenRequest(Map<String, String> headers, Map<String, String> form) {
        return http.postForm(tiki.baseUri().resolve(TikiOpenApiFake.TOKEN), headers, form);
    }

    private Answer list(String path, String token, Map<String, String> query) {
        URI uri = tiki.baseUri().resolve(query.isEmpty() ? path : path + "?" + PartnerHttp.query(query));
        return http.get(uri, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }
}
