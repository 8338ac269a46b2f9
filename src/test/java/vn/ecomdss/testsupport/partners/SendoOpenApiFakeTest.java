package vn.ecomdss.testsupport.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.ecomdss.testsupport.partners.PartnerHttp.Answer;

class SendoOpenApiFakeTest {

    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private SendoOpenApiFake sendo;
    private final PartnerHttp http = new PartnerHttp();

    @BeforeEach
    void start() {
        sendo = SendoOpenApiFake.start();
    }

    @AfterEach
    void stop() {
        sendo.close();
    }

    @Test
    void loginGivesATokenForEightHours() {
        java.time.Instant before = sendo.now();
        Answer login = login(sendo.credentials().shopKey(), sendo.credentials().secretKey());
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body().path("success").asBoolean()).isTrue();
        assertThat(login.body().path("status_code").asInt()).isEqualTo(200);
        JsonNode result = login.body().path("result");
        assertThat(result.path("token").asString()).isNotEmpty();
        java.time.Instant expires = java.time.Instant.parse(result.path("expires").asString());
        assertThat(expires).isBetween(before.plus(Duration.ofHours(8)), sendo.now().plus(Duration.ofHours(8)));
    }

    @Test
    void wrongSecretKeyIsRefusedInTheEnvelope() {
        Answer refused = login(sendo.credentials().shopKey(), "wrong");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().path("success").asBoolean()).isFalse();
        assertThat(refused.body().path("error").path("message").asString()).isNotEmpty();
        assertThat(refused.body().path("status_code").asInt()).isEqualTo(401);
    }

    @Test
    void authorisedOrderSearchAnswersTheDocumentedShape() {
        Answer page = search(SendoOpenApiFake.ORDER_SEARCH, token(), Map.of("page_size", 5,
                "order_date_from", sendo.today().minusDays(30).format(SLASHED), "order_date_to", sendo.today().format(SLASHED)));
        assertThat(page.status()).isEqualTo(200);
        JsonNode result = page.body().path("result");
        assertThat(result.path("data")).hasSize(5);
        JsonNode order = result.path("data").get(0);
        assertThat(order.path("sales_order").path("order_number").asString()).isEqualTo(sendo.orderNumbers().get(0));
        assertThat(order.path("sales_order").path("buyer_region").asString()).isNotEmpty();
        assertThat(order.path("sku_details").size()).isBetween(1, 4);
        assertThat(result.path("total_records").asInt()).isEqualTo(60);
        assertThat(result.path("next_token").asString()).isNotEmpty();
        assertThat(result.path("previous_token").isNull()).isTrue();
        assertThat(sendo.requestCount(SendoOpenApiFake.ORDER_SEARCH)).isEqualTo(1);
    }

    @Test
    void expiredOrUnknownTokensAreRefused() {
        String token = token();
        sendo.expireTokens();
        Answer forced = search(SendoOpenApiFake.PRODUCT_SEARCH, token, Map.of());
        assertThat(forced.status()).isEqualTo(401);
        assertThat(forced.body().path("success").asBoolean()).isFalse();

        String fresh = token();
        sendo.advanceClock(Duration.ofHours(8));
        assertThat(search(SendoOpenApiFake.PRODUCT_SEARCH, fresh, Map.of()).status()).isEqualTo(401);
        assertThat(search(SendoOpenApiFake.PRODUCT_SEARCH, "nope", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void rateLimitAnswers429InTheEnvelope() {
        String token = token();
        sendo.exhaustRateLimit();
        Answer limited = search(SendoOpenApiFake.PRODUCT_SEARCH, token, Map.of());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().path("status_code").asInt()).isEqualTo(429);
        assertThat(limited.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(SendoOpenApiFake.REQUESTS_PER_HOUR).isEqualTo(500);

        sendo.advanceClock(Duration.ofHours(1));
        assertThat(search(SendoOpenApiFake.PRODUCT_SEARCH, token, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void aQuotaSpentAtTheNextRequestIsRefusedForTheHourLeftHoweverLateTheRequestComes() {
        sendo.exhaustRateLimitAtNextRequest(Duration.ofSeconds(2));
        // Later than the hour would have ended had the clock been moved when the switch was set.
        sendo.advanceClock(Duration.ofHours(2));
        try {
            Answer limited = login(sendo.credentials().shopKey(), sendo.credentials().secretKey());
            assertThat(limited.status()).isEqualTo(429);
            assertThat(Long.parseLong(limited.raw().headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(1L, 2L);
            SendoOpenApiFake.Answered refused = sendo.answered().get(0);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(3600 - refused.at().toEpochMilli() % 3_600_000 / 1000.0).as("seconds left in the hour")
                    .isBetween(0.0, 2.0);

            sendo.advanceClock(Duration.ofSeconds(2));
            assertThat(login(sendo.credentials().shopKey(), sendo.credentials().secretKey()).status())
                    .as("the next hour's quota").isEqualTo(200);
            assertThat(sendo.answered()).extracting(SendoOpenApiFake.Answered::status).containsExactly(429, 200);
        } finally {
            sendo.advanceClock(Duration.ofHours(-2).minusSeconds(2));
            sendo.rewindRateLimitClock();
        }
    }

    @Test
    void pageSizeAboveFiftyAndWideStatusDateRangesAreRefused() {
        String token = token();
        assertThat(search(SendoOpenApiFake.PRODUCT_SEARCH, token, Map.of("page_size", 51)).status()).isEqualTo(400);
        Answer wide = search(SendoOpenApiFake.ORDER_SEARCH, token, Map.of(
                "order_status_date_from", sendo.today().minusDays(3).format(SLASHED),
                "order_status_date_to", sendo.today().format(SLASHED)));
        assertThat(wide.status()).isEqualTo(400);
        assertThat(wide.body().path("error").path("message").asString()).contains("3 ngày");
    }

    @Test
    void pageTokensWalkEveryRecordExactlyOnceThroughAFailedPage() {
        String token = token();
        assertThat(walk(SendoOpenApiFake.PRODUCT_SEARCH, token, Map.of("page_size", 7), r -> r.path("id").asString()))
                .containsExactlyElementsOf(sendo.productIds().stream().map(String::valueOf).toList());
        sendo.failNextSearches(1);
        Map<String, Object> allOrders = Map.of("page_size", 8,
                "order_date_from", sendo.today().minusDays(30).format(SLASHED), "order_date_to", sendo.today().format(SLASHED));
        assertThat(walk(SendoOpenApiFake.ORDER_SEARCH, token, allOrders, r -> r.path("sales_order").path("order_number").asString()))
                .containsExactlyElementsOf(sendo.orderNumbers());
    }

    @Test
    void updateDateFiltersReturnOnlyTheChangedRecords() {
        String token = token();
        sendo.updateProducts(sendo.productIds().get(8), sendo.productIds().get(21));
        sendo.updateOrders(sendo.orderNumbers().get(10), sendo.orderNumbers().get(58));
        String today = sendo.today().format(SLASHED);
        assertThat(walk(SendoOpenApiFake.PRODUCT_SEARCH, token, Map.of("date_from", today, "date_to", today),
                r -> r.path("id").asString()))
                .containsExactly(sendo.productIds().get(8).toString(), sendo.productIds().get(21).toString());
        assertThat(walk(SendoOpenApiFake.ORDER_SEARCH, token, Map.of("order_status_date_from", today, "order_status_date_to", today),
                r -> r.path("sales_order").path("order_number").asString()))
                .containsExactly(sendo.orderNumbers().get(10), sendo.orderNumbers().get(58));
    }

    @Test
    void loggingInAgainGivesANewTokenAndTheOldOneLapsesOnItsOwnTime() {
        String first = token();
        sendo.advanceClock(Duration.ofHours(7));
        String second = token();
        assertThat(second).isNotEqualTo(first);
        sendo.advanceClock(Duration.ofHours(1));
        assertThat(search(SendoOpenApiFake.PRODUCT_SEARCH, first, Map.of()).status()).isEqualTo(401);
        assertThat(search(SendoOpenApiFake.PRODUCT_SEARCH, second, Map.of()).status()).isEqualTo(200);
    }

    private List<String> walk(String path, String token, Map<String, Object> criteria, java.util.function.Function<JsonNode, String> id) {
        List<String> seen = new ArrayList<>();
        Map<String, Object> body = new HashMap<>(criteria);
        body.put("token", "");
        while (true) {
            Answer answer = search(path, token, body);
            if (answer.status() == 500) {
                continue;
            }
            JsonNode result = answer.body().path("result");
            result.path("data").forEach(r -> seen.add(id.apply(r)));
            if (result.path("next_token").isNull()) {
                return seen;
            }
            body = Map.of("token", result.path("next_token").asString());
        }
    }

    private String token() {
        return login(sendo.credentials().shopKey(), sendo.credentials().secretKey()).body().path("result").path("token").asString();
    }

    private Answer login(String shopKey, String secretKey) {
        return http.postJson(sendo.baseUri().resolve(SendoOpenApiFake.LOGIN), Map.of(),
                Map.of("shop_key", shopKey, "secret_key", secretKey));
    }

    private Answer search(String path, String token, Map<String, Object> body) {
        return http.postJson(sendo.baseUri().resolve(path), Map.of("Authorization", "bearer " + token), body);
    }
}
