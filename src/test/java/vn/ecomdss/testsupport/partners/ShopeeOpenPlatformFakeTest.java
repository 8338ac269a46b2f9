package vn.ecomdss.testsupport.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.ecomdss.testsupport.partners.PartnerHttp.Answer;

class ShopeeOpenPlatformFakeTest {

    private ShopeeOpenPlatformFake shopee;
    private ShopeeOpenPlatformFake.Credentials credentials;
    private final PartnerHttp http = new PartnerHttp();

    @BeforeEach
    void start() {
        shopee = ShopeeOpenPlatformFake.start();
        credentials = shopee.credentials();
    }

    @AfterEach
    void stop() {
        shopee.close();
    }

    @Test
    void authorizationCodeBuysFourHourAccessTokenAndIsSingleUse() {
        String code = shopee.authorizeShop();
        Answer first = tokenGet(code);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("error").asString()).isEmpty();
        assertThat(first.body().path("access_token").asString()).hasSize(32);
        assertThat(first.body().path("refresh_token").asString()).hasSize(32);
        assertThat(first.body().path("expire_in").asLong()).isEqualTo(4 * 3600);
        assertThat(first.body().path("request_id").asString()).isNotEmpty();

        Answer again = tokenGet(code);
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.body().path("error").asString()).isEqualTo("error_auth");
    }

    @Test
    void signedItemListAnswersTheDocumentedShape() {
        String token = accessToken();
        Answer page = shopApi(ShopeeOpenPlatformFake.GET_ITEM_LIST, token,
                params("offset", "0", "page_size", "10", "item_status", "NORMAL,UNLIST"));
        assertThat(page.status()).isEqualTo(200);
        JsonNode body = page.body();
        assertThat(body.path("error").asString()).isEmpty();
        assertThat(body.path("request_id").asString()).isNotEmpty();
        JsonNode response = body.path("response");
        assertThat(response.path("item")).hasSize(10);
        assertThat(response.path("item").get(0).has("item_id")).isTrue();
        assertThat(response.path("item").get(0).path("item_status").asString()).isIn("NORMAL", "UNLIST");
        assertThat(response.path("total_count").asInt()).isEqualTo(30);
        assertThat(response.path("has_next_page").asBoolean()).isTrue();
        assertThat(response.path("next_offset").asInt()).isEqualTo(10);
        assertThat(shopee.requestCount(ShopeeOpenPlatformFake.GET_ITEM_LIST)).isEqualTo(1);
    }

    @Test
    void itemBaseInfoCarriesVietnameseNamesAndVndPrices() {
        String token = accessToken();
        List<Long> ids = shopee.itemIds().subList(0, 3);
        Answer info = shopApi(ShopeeOpenPlatformFake.GET_ITEM_BASE_INFO, token, params("item_id_list", join(ids)));
        JsonNode items = info.body().path("response").path("item_list");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).path("item_name").asString()).startsWith("Điện thoại Samsung");
        assertThat(items.get(0).path("price_info").get(0).path("currency").asString()).isEqualTo("VND");
        assertThat(items.get(0).path("price_info").get(0).path("current_price").asLong()).isEqualTo(4_990_000L);
        assertThat(info.body().path("warning").asString()).isEmpty();
    }

    @Test
    void wrongSignatureIsRefusedWithErrorSign() {
        String token = accessToken();
        Map<String, String> query = signedQuery(ShopeeOpenPlatformFake.GET_ITEM_LIST, token);
        query.put("sign", PartnerHttp.hmacSha256Hex("not-the-partner-key", "anything"));
        query.putAll(params("page_size", "10", "item_status", "NORMAL"));
        Answer refused = http.get(uri(ShopeeOpenPlatformFake.GET_ITEM_LIST, query), Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("error").asString()).isEqualTo("error_sign");
        assertThat(refused.body().path("message").asString()).isEqualTo("Wrong sign.");
        assertThat(refused.body().path("request_id").asString()).isNotEmpty();
    }

    @Test
    void timestampMoreThanFiveMinutesOffIsRefused() {
        String token = accessToken();
        long stale = shopee.timestamp() - 301;
        Map<String, String> query = signedQuery(ShopeeOpenPlatformFake.GET_ITEM_LIST, token, stale);
        query.putAll(params("page_size", "10", "item_status", "NORMAL"));
        Answer refused = http.get(uri(ShopeeOpenPlatformFake.GET_ITEM_LIST, query), Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("message").asString()).isEqualTo("Invalid timestamp.");
    }

    @Test
    void expiredAccessTokenIsRefusedWhetherForcedOrAged() {
        String token = accessToken();
        shopee.expireAccessTokens();
        Answer forced = shopApi(ShopeeOpenPlatformFake.GET_ITEM_LIST, token, params("page_size", "10", "item_status", "NORMAL"));
        assertThat(forced.status()).isEqualTo(403);
        assertThat(forced.body().path("error").asString()).isEqualTo("invalid_access_token");

        String fresh = accessToken();
        shopee.advanceClock(Duration.ofHours(4).plusSeconds(1));
        Answer aged = shopApi(ShopeeOpenPlatformFake.GET_ITEM_LIST, fresh, params("page_size", "10", "item_status", "NORMAL"));
        assertThat(aged.body().path("error").asString()).isEqualTo("invalid_access_token");

        Answer unknown = shopApi(ShopeeOpenPlatformFake.GET_ITEM_LIST, "0".repeat(32), params("page_size", "10", "item_status", "NORMAL"));
        assertThat(unknown.body().path("error").asString()).isEqualTo("error_auth");
    }

    @Test
    void rateLimitAnswersTooManyRequestsThenRecovers() {
        String token = accessToken();
        shopee.answerRateLimitNext(1);
        Answer limited = shopApi(ShopeeOpenPlatformFake.GET_ITEM_LIST, token, params("page_size", "10", "item_status", "NORMAL"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().path("error").asString()).isEqualTo("error_too_many_request");
        Answer next = shopApi(ShopeeOpenPlatformFake.GET_ITEM_LIST, token, params("page_size", "10", "item_status", "NORMAL"));
        assertThat(next.status()).isEqualTo(200);
    }

    @Test
    void oversizedPagesAndIdListsAreErrorParam() {
        String token = accessToken();
        Answer page = shopApi(ShopeeOpenPlatformFake.GET_ITEM_LIST, token, params("page_size", "101", "item_status", "NORMAL"));
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body().path("error").asString()).isEqualTo("error_param");

        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            ids.add(shopee.itemIds().get(i % 30));
        }
        Answer tooMany = shopApi(ShopeeOpenPlatformFake.GET_ITEM_BASE_INFO, token, params("item_id_list", join(ids)));
        assertThat(tooMany.body().path("error").asString()).isEqualTo("error_param");

        long now = shopee.timestamp();
        Answer wide = shopApi(ShopeeOpenPlatformFake.GET_ORDER_LIST, token, params("time_range_field", "update_time",
                "time_from", Long.toString(now - 16 * 86_400), "time_to", Long.toString(now), "page_size", "50"));
        assertThat(wide.body().path("error").asString()).isEqualTo("error_param");
    }

    @Test
    void itemsMissingFromABatchAreNamedInTheWarning() {
        String token = accessToken();
        List<Long> ids = shopee.itemIds().subList(0, 4);
        shopee.withholdItems(ids.get(1));
        Answer info = shopApi(ShopeeOpenPlatformFake.GET_ITEM_BASE_INFO, token,
                params("item_id_list", join(ids) + ",22999999999"));
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.body().path("error").asString()).isEmpty();
        assertThat(info.body().path("response").path("item_list")).hasSize(3);
        assertThat(info.body().path("warning").asString()).contains(ids.get(1).toString()).contains("22999999999");
    }

    @Test
    void anOrderWithheldOnceIsMissingFromOneDetailCallOnlyAndServeEverythingEndsWithholding() {
        String token = accessToken();
        List<String> sns = shopee.orderSns().subList(0, 3);
        shopee.withholdOrdersOnce(sns.get(0));
        shopee.withholdOrders(sns.get(1));
        Map<String, String> query = params("order_sn_list", String.join(",", sns));

        JsonNode first = shopApi(ShopeeOpenPlatformFake.GET_ORDER_DETAIL, token, query).body();
        JsonNode second = shopApi(ShopeeOpenPlatformFake.GET_ORDER_DETAIL, token, query).body();
        shopee.serveEverything();
        JsonNode third = shopApi(ShopeeOpenPlatformFake.GET_ORDER_DETAIL, token, query).body();

        assertThat(first.path("warning").asString()).contains(sns.get(0)).contains(sns.get(1));
        assertThat(second.path("warning").asString()).doesNotContain(sns.get(0)).contains(sns.get(1));
        assertThat(third.path("warning").asString()).isEmpty();
        assertThat(third.path("response").path("order_list")).hasSize(3);
    }

    @Test
    void itemPagingWalksEveryItemExactlyOnce() {
        String token = accessToken();
        List<Long> seen = new ArrayList<>();
        int offset = 0;
        boolean more = true;
        while (more) {
            JsonNode response = shopApi(ShopeeOpenPlatformFake.GET_ITEM_LIST, token, params("offset", Integer.toString(offset),
                    "page_size", "7", "item_status", "NORMAL,UNLIST")).body().path("response");
            response.path("item").forEach(i -> seen.add(i.path("item_id").asLong()));
            more = response.path("has_next_page").asBoolean();
            offset = response.path("next_offset").asInt();
        }
        assertThat(seen).containsExactlyElementsOf(shopee.itemIds());
    }

    @Test
    void orderPagingByCursorWalksEveryOrderExactlyOnce() {
        String token = accessToken();
        long now = shopee.timestamp();
        List<String> seen = new ArrayList<>();
        String cursor = "";
        boolean more = true;
        while (more) {
            JsonNode response = shopApi(ShopeeOpenPlatformFake.GET_ORDER_LIST, token, params("time_range_field", "update_time",
                    "time_from", Long.toString(now - 15 * 86_400), "time_to", Long.toString(now), "page_size", "25",
                    "cursor", cursor, "response_optional_fields", "order_status")).body().path("response");
            response.path("order_list").forEach(o -> seen.add(o.path("order_sn").asString()));
            assertThat(response.path("order_list").get(0).has("order_status")).isTrue();
            more = response.path("more").asBoolean();
            cursor = response.path("next_cursor").asString();
        }
        assertThat(seen).containsExactlyElementsOf(shopee.orderSns());
    }

    @Test
    void updateTimeFilterReturnsOnlyTheChangedRecords() {
        String token = accessToken();
        long before = shopee.timestamp();
        List<Long> items = List.of(shopee.itemIds().get(3), shopee.itemIds().get(17));
        List<String> orders = List.of(shopee.orderSns().get(5), shopee.orderSns().get(40), shopee.orderSns().get(59));
        shopee.advanceClock(Duration.ofMinutes(1));
        shopee.updateItems(items.get(0), items.get(1));
        shopee.updateOrders(orders.toArray(String[]::new));
        long now = shopee.timestamp();

        JsonNode itemPage = shopApi(ShopeeOpenPlatformFake.GET_ITEM_LIST, token, params("page_size", "100",
                "item_status", "NORMAL,UNLIST", "update_time_from", Long.toString(before + 1),
                "update_time_to", Long.toString(now))).body().path("response");
        Set<Long> changedItems = new HashSet<>();
        itemPage.path("item").forEach(i -> changedItems.add(i.path("item_id").asLong()));
        assertThat(changedItems).containsExactlyInAnyOrderElementsOf(items);

        JsonNode orderPage = shopApi(ShopeeOpenPlatformFake.GET_ORDER_LIST, token, params("time_range_field", "update_time",
                "time_from", Long.toString(before + 1), "time_to", Long.toString(now), "page_size", "100")).body().path("response");
        List<String> changedOrders = new ArrayList<>();
        orderPage.path("order_list").forEach(o -> changedOrders.add(o.path("order_sn").asString()));
        assertThat(changedOrders).containsExactlyInAnyOrderElementsOf(orders);
    }

    @Test
    void orderDetailAddsTheOptionalFieldsAskedFor() {
        String token = accessToken();
        String sn = shopee.orderSns().get(2);
        JsonNode order = shopApi(ShopeeOpenPlatformFake.GET_ORDER_DETAIL, token, params("order_sn_list", sn,
                "response_optional_fields", "recipient_address,item_list,total_amount")).body()
                .path("response").path("order_list").get(0);
        assertThat(order.path("order_sn").asString()).isEqualTo(sn);
        assertThat(order.path("currency").asString()).isEqualTo("VND");
        assertThat(order.path("recipient_address").path("phone").asString()).isNotEmpty();
        assertThat(order.path("recipient_address").path("city").asString()).isNotEmpty();
        assertThat(order.path("item_list").size()).isBetween(1, 4);
        long lines = 0;
        for (JsonNode item : order.path("item_list")) {
            lines += item.path("model_discounted_price").asLong() * item.path("model_quantity_purchased").asLong();
        }
        assertThat(order.path("total_amount").asLong()).isGreaterThanOrEqualTo(lines);
        assertThat(order.has("buyer_username")).isFalse();
    }

    @Test
    void returnListShowsTheSeededReturns() {
        String token = accessToken();
        JsonNode response = shopApi(ShopeeOpenPlatformFake.GET_RETURN_LIST, token, params("page_no", "0", "page_size", "10"))
                .body().path("response");
        assertThat(response.path("return")).hasSize(2);
        assertThat(response.path("more").asBoolean()).isFalse();
        assertThat(shopee.orderSns()).contains(response.path("return").get(0).path("order_sn").asString());
    }

    @Test
    void refreshRotatesAndTheOldRefreshTokenDiesOnceTheNewOneIsUsed() {
        JsonNode first = tokenGet(shopee.authorizeShop()).body();
        String r1 = first.path("refresh_token").asString();

        JsonNode second = refresh(r1).body();
        String r2 = second.path("refresh_token").asString();
        assertThat(second.path("access_token").asString()).isNotEqualTo(first.path("access_token").asString());
        assertThat(r2).isNotEqualTo(r1);
        assertThat(second.path("expire_in").asLong()).isEqualTo(14_400);
        assertThat(second.path("shop_id").asLong()).isEqualTo(credentials.shopId());

        String r3 = refresh(r2).body().path("refresh_token").asString();
        assertThat(r3).hasSize(32);
        Answer old = refresh(r1);
        assertThat(old.status()).isEqualTo(403);
        assertThat(old.body().path("error").asString()).isEqualTo("error_auth");

        String access = refresh(r3).body().path("access_token").asString();
        assertThat(shopApi(ShopeeOpenPlatformFake.GET_ITEM_LIST, access, params("page_size", "1", "item_status", "NORMAL"))
                .status()).isEqualTo(200);
    }

    @Test
    void refreshTokenLapsesAfterThirtyDays() {
        String r1 = tokenGet(shopee.authorizeShop()).body().path("refresh_token").asString();
        shopee.advanceClock(Duration.ofDays(30).plusSeconds(1));
        assertThat(refresh(r1).body().path("error").asString()).isEqualTo("error_auth");
    }

    @Test
    void getCommentAnswersTheDocumentedShapeNewestFirstPagedByCursorAndByItem() {
        String token = accessToken();
        List<ShopeeOpenPlatformFake.Comment> seeded = shopee.comments();
        assertThat(seeded).hasSizeGreaterThanOrEqualTo(5);
        assertThat(seeded.stream().map(ShopeeOpenPlatformFake.Comment::itemId).distinct().count())
                .as("a subset of the products").isBetween(2L, 29L);
        assertThat(seeded).anyMatch(ShopeeOpenPlatformFake.Comment::hidden);
        assertThat(seeded).allMatch(c -> c.created().isBefore(shopee.now().minus(Duration.ofHours(25))));

        Answer first = shopApi(ShopeeOpenPlatformFake.GET_COMMENT, token, params("cursor", "", "page_size", "2"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("error").asString()).isEmpty();
        JsonNode response = first.body().path("response");
        assertThat(response.path("more").asBoolean()).isTrue();
        JsonNode newest = response.path("item_comment_list").get(0);
        ShopeeOpenPlatformFake.Comment last = seeded.get(seeded.size() - 1);
        assertThat(newest.path("comment_id").asLong()).isEqualTo(last.commentId());
        assertThat(newest.path("comment").asString()).isEqualTo(last.text());
        assertThat(newest.path("rating_star").asInt()).isBetween(1, 5);
        assertThat(newest.path("create_time").asLong()).isEqualTo(last.created().getEpochSecond());
        assertThat(newest.path("media").path("image_url_list").isArray()).isTrue();
        assertThat(newest.has("buyer_username") && newest.has("order_sn") && newest.has("editable")).isTrue();

        List<Long> walked = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = shopApi(ShopeeOpenPlatformFake.GET_COMMENT, token,
                    params("cursor", cursor, "page_size", "2")).body().path("response");
            page.path("item_comment_list").forEach(c -> walked.add(c.path("comment_id").asLong()));
            cursor = page.path("more").asBoolean() ? page.path("next_cursor").asString() : null;
        } while (cursor != null);
        assertThat(walked).hasSize(seeded.size()).doesNotHaveDuplicates();

        ShopeeOpenPlatformFake.Comment added = shopee.addComment(seeded.get(0).itemId(), 4, "Đã nhận hàng hôm nay, ổn áp!");
        assertThat(added.created()).isAfter(shopee.now().minus(Duration.ofMinutes(1)));
        JsonNode item = shopApi(ShopeeOpenPlatformFake.GET_COMMENT, token,
                params("item_id", Long.toString(added.itemId()), "cursor", "", "page_size", "100")).body();
        assertThat(item.path("response").path("item_comment_list")).allMatch(c -> c.path("item_id").asLong() == added.itemId());
        assertThat(item.path("response").path("item_comment_list").get(0).path("comment").asString())
                .isEqualTo("Đã nhận hàng hôm nay, ổn áp!");
        Answer tooLarge = shopApi(ShopeeOpenPlatformFake.GET_COMMENT, token, params("cursor", "", "page_size", "101"));
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.body().path("error").asString()).isEqualTo("error_param");
    }

    // ---- the client side of the protocol --------------------------------------------------------------------

    private String accessToken() {
        return tokenGet(shopee.authorizeShop()).body().path("access_token").asString();
    }

    private Answer tokenGet(String code) {
        Map<String, Object> body = Map.of("code", code, "partner_id", credentials.partnerId(), "shop_id", credentials.shopId());
        return http.postJson(uri(ShopeeOpenPlatformFake.TOKEN_GET, publicQuery(ShopeeOpenPlatformFake.TOKEN_GET)), Map.of(), body);
    }

    private Answer refresh(String refreshToken) {
        Map<String, Object> body = Map.of("refresh_token", refreshToken, "partner_id", credentials.partnerId(),
                "shop_id", credentials.shopId());
        return http.postJson(uri(ShopeeOpenPlatformFake.ACCESS_TOKEN_GET, publicQuery(ShopeeOpenPlatformFake.ACCESS_TOKEN_GET)),
                Map.of(), body);
    }

    private Answer shopApi(String path, String accessToken, Map<String, String> params) {
        Map<String, String> query = signedQuery(path, accessToken);
        query.putAll(params);
        return http.get(uri(path, query), Map.of());
    }

    private Map<String, String> publicQuery(String path) {
        long timestamp = shopee.timestamp();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("partner_id", Long.toString(credentials.partnerId()));
        query.put("timestamp", Long.toString(timestamp));
        query.put("sign", PartnerHttp.hmacSha256Hex(credentials.partnerKey(), credentials.partnerId() + path + timestamp));
        return query;
    }

    private Map<String, String> signedQuery(String path, String accessToken) {
        return signedQuery(path, accessToken, shopee.timestamp());
    }

    private Map<String, String> signedQuery(String path, String accessToken, long timestamp) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("partner_id", Long.toString(credentials.partnerId()));
        query.put("timestamp", Long.toString(timestamp));
        query.put("access_token", accessToken);
        query.put("shop_id", Long.toString(credentials.shopId()));
        query.put("sign", PartnerHttp.hmacSha256Hex(credentials.partnerKey(),
                credentials.partnerId() + path + timestamp + accessToken + credentials.shopId()));
        return query;
    }

    private URI uri(String path, Map<String, String> query) {
        return shopee.baseUri().resolve(path + "?" + PartnerHttp.query(query));
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }

    private static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
