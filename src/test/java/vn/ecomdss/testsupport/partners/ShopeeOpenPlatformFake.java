package vn.ecomdss.testsupport.partners;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vn.ecomdss.embedded.LoopbackHttpServer;

/**
 * Shopee Open Platform v2 on 127.0.0.1, for one VN shop: the auth endpoints, product, order and return listings in
 * the documented shapes, and the checks the real service makes (HMAC-SHA256 {@code sign}, a timestamp within five
 * minutes, the access token and shop id). See {@code README.md} beside this class for the documentation followed and
 * the assumptions made where it is silent.
 */
public final class ShopeeOpenPlatformFake extends PartnerFake {

    public static final String TOKEN_GET = "/api/v2/auth/token/get";
    public static final String ACCESS_TOKEN_GET = "/api/v2/auth/access_token/get";
    public static final String GET_ITEM_LIST = "/api/v2/product/get_item_list";
    public static final String GET_ITEM_BASE_INFO = "/api/v2/product/get_item_base_info";
    public static final String GET_ORDER_LIST = "/api/v2/order/get_order_list";
    public static final String GET_ORDER_DETAIL = "/api/v2/order/get_order_detail";
    public static final String GET_RETURN_LIST = "/api/v2/returns/get_return_list";
    public static final String GET_COMMENT = "/api/v2/product/get_comment";

    public static final Duration ACCESS_TOKEN_VALIDITY = Duration.ofHours(4);
    public static final Duration REFRESH_TOKEN_VALIDITY = Duration.ofDays(30);
    public static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(5);
    /** The authorization code a shop's consent redirect carries is single-use and short-lived. */
    public static final Duration CODE_VALIDITY = Duration.ofMinutes(10);
    public static final int MAX_PAGE_SIZE = 100;
    public static final int MAX_IDS_PER_CALL = 50;
    public static final Duration MAX_ORDER_TIME_RANGE = Duration.ofDays(15);
    /** get_comment serves "up to 1000 comments". */
    public static final int MAX_COMMENTS = 1000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long ITEM_ID_BASE = 22_000_000_000L;
    private static final DateTimeFormatter SN_DATE = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final String SN_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public record Credentials(long partnerId, String partnerKey, long shopId) {
    }

    /** A buyer's rating of an item as get_comment serves it; {@code reply} is the seller's answer, or null. */
    public record Comment(long commentId, long itemId, String orderSn, String buyerUsername, String text,
                          int ratingStar, Instant created, boolean hidden, String reply) {
    }

    /** What buyers write, by the stars they give (index 0 is one star). */
    private static final String[][] COMMENT_TEXTS = {
            {"Hàng giao sai màu, đóng gói cẩu thả, rất thất vọng.", "Dùng được hai ngày thì hỏng, không nên mua."},
            {"Chất lượng không giống mô tả, giao hàng chậm.", "Sản phẩm tạm được nhưng giá hơi đắt so với chất lượng."},
            {"Bình thường, đúng như giá tiền.", "Giao hàng hơi lâu nhưng sản phẩm ổn."},
            {"Hàng tốt, đóng gói cẩn thận, sẽ ủng hộ shop tiếp.", "Sản phẩm đẹp, giao nhanh, shop tư vấn nhiệt tình."},
            {"Tuyệt vời! Hàng chính hãng, giao hàng siêu nhanh ở Hà Nội.", "Rất hài lòng, chất lượng vượt mong đợi, cảm ơn shop nhiều!"},
    };

    private record AccessToken(Instant expires) {
    }

    /** {@code predecessor} is the refresh token this one replaced; it dies when this one is first used. */
    private record RefreshToken(String predecessor, Instant expires) {
    }

    /** A refusal in Shopee's envelope; {@code status} is the HTTP status it is answered with. */
    private static final class ShopeeError extends RuntimeException {
        final int status;
        final String error;

        ShopeeError(int status, String error, String message) {
            super(message);
            this.status = status;
            this.error = error;
        }
    }

    private final Credentials credentials = new Credentials(2_001_887L,
            "4a6f686e5368656e674c6f6e674b65794d6f636b5061727469636970616e7431", 880_042_117L);
    private final Map<String, Instant> codes = new ConcurrentHashMap<>();
    private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new ConcurrentHashMap<>();
    private final AtomicInteger rateLimitedAnswers = new AtomicInteger();
    private final Set<Long> withheldItems = ConcurrentHashMap.newKeySet();
    private final Set<String> withheldOrders = ConcurrentHashMap.newKeySet();
    private final Set<String> withheldOnce = ConcurrentHashMap.newKeySet();
    private final AtomicLong requestIds = new AtomicLong(0x5e3d_0000L);
    private final List<Comment> comments = new ArrayList<>();

    private ShopeeOpenPlatformFake() {
        super("shopee-fake", 17_001L);
        seedComments();
    }

    public static ShopeeOpenPlatformFake start() {
        return new ShopeeOpenPlatformFake();
    }

    public Credentials credentials() {
        return credentials;
    }

    /** A fresh code, as the shop's authorisation redirect would deliver it, to exchange at {@link #TOKEN_GET}. */
    public String authorizeShop() {
        String code = hex32();
        codes.put(code, clock.now().plus(CODE_VALIDITY));
        return code;
    }

    /** The fake's clock in Unix seconds, for signing: it runs ahead of the wall clock after {@link #advanceClock}. */
    public long timestamp() {
        return clock.now().getEpochSecond();
    }

    /** Every access token issued so far expires now; refresh tokens stay usable. */
    public void expireAccessTokens() {
        Instant past = clock.now().minusSeconds(1);
        accessTokens.replaceAll((token, access) -> new AccessToken(past));
    }

    /** The next {@code times} requests, whatever their path, are refused as over the rate limit. */
    public void answerRateLimitNext(int times) {
        rateLimitedAnswers.set(times);
    }

    /** These items exist but are answered as not found by get_item_base_info, as in a partial failure. */
    public void withholdItems(long... itemIds) {
        Arrays.stream(itemIds).forEach(withheldItems::add);
    }

    /** These orders exist but are answered as not found by get_order_detail. */
    public void withholdOrders(String... orderSns) {
        withheldOrders.addAll(List.of(orderSns));
    }

    /** These orders are answered as not found by the next get_order_detail that asks for them, then served again. */
    public void withholdOrdersOnce(String... orderSns) {
        withheldOnce.addAll(List.of(orderSns));
    }

    /** Ends every withholding: each item and order is served again. */
    public void serveEverything() {
        withheldItems.clear();
        withheldOrders.clear();
        withheldOnce.clear();
    }

    /** Item ids in the order get_item_list walks them. */
    public List<Long> itemIds() {
        return shop.products().stream().map(ShopeeOpenPlatformFake::itemId).toList();
    }

    public List<String> orderSns() {
        return shop.orders().stream().map(ShopeeOpenPlatformFake::orderSn).toList();
    }

    /** Lines over every order, what a full load of the shop's orders makes fact rows of. */
    public int orderLines() {
        return shop.orders().stream().mapToInt(o -> o.lines().size()).sum();
    }

    /** Marks the items changed now (stock moves by one), so an incremental read by update_time finds them. */
    public void updateItems(long... itemIds) {
        for (long itemId : itemIds) {
            shop.touchProduct(productIndex(itemId), clock.nextChangeTime());
        }
    }

    /** Marks the orders changed now: each moves one status along, its update_time is now. */
    public void updateOrders(String... orderSns) {
        for (String sn : orderSns) {
            shop.touchOrder(orderIndex(sn), clock.nextChangeTime());
        }
    }

    /** Every comment, seeded and added, oldest first. */
    public synchronized List<Comment> comments() {
        return List.copyOf(comments);
    }

    /** A buyer rates the item now: the one comment of the shop written "today". */
    public synchronized Comment addComment(long itemId, int ratingStar, String text) {
        PartnerShop.Product p = shop.product(productIndex(itemId));
        Comment comment = new Comment(nextCommentId(), itemId(p), "", "khachhang.moi", text, ratingStar,
                clock.nextChangeTime(), false, null);
        comments.add(comment);
        return comment;
    }

    /**
     * The comments of shipped and completed orders' first lines, written 20 hours after the order and before
     * the shop's latest seeded product change, so that only a comment a test adds is newer than a products
     * watermark. The 1-star comment on the first such order is hidden, the 5-star ones have the seller's reply.
     */
    private void seedComments() {
        Instant before = shop.products().stream().map(PartnerShop.Product::updated).max(Instant::compareTo)
                .orElseThrow().minus(Duration.ofHours(1));
        for (PartnerShop.Order o : shop.orders()) {
            Instant written = o.created().plus(Duration.ofHours(20));
            boolean received = o.status() == PartnerShop.Status.COMPLETED || o.status() == PartnerShop.Status.SHIPPED;
            if (!received || !written.isBefore(before)) {
                continue;
            }
            int stars = 1 + (o.index() * 7 + 3) % 5;
            PartnerShop.Line line = o.lines().get(0);
            boolean hidden = stars == 1 && comments.stream().noneMatch(Comment::hidden);
            comments.add(new Comment(nextCommentId(), itemId(shop.product(line.productIndex())), orderSn(o),
                    VietnameseText.ascii(o.buyer().name()).toLowerCase().replace(" ", "") + o.index(),
                    COMMENT_TEXTS[stars - 1][o.index() % 2], stars, written.truncatedTo(ChronoUnit.SECONDS),
                    hidden, stars == 5 ? "Cảm ơn bạn đã tin tưởng và ủng hộ shop ạ!" : null));
        }
    }

    private long nextCommentId() {
        return 7_300_000_000L + comments.size() + 1;
    }

    @Override
    protected void handle(LoopbackHttpServer.Exchange exchange) throws IOException {
        String path = exchange.path();
        requests.record(path);
        String requestId = Long.toHexString(requestIds.incrementAndGet());
        try {
            if (rateLimitedAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new ShopeeError(429, "error_too_many_request", "Too many requests, please try again later.");
            }
            ObjectNode answer = switch (path) {
                case TOKEN_GET -> tokenGet(exchange);
                case ACCESS_TOKEN_GET -> accessTokenGet(exchange);
                case GET_ITEM_LIST, GET_ITEM_BASE_INFO, GET_ORDER_LIST, GET_ORDER_DETAIL, GET_RETURN_LIST, GET_COMMENT ->
                        shopApi(exchange, path);
                default -> throw new ShopeeError(404, "error_not_found", "Unknown API path " + path + ".");
            };
            answer.put("request_id", requestId);
            exchange.json(200, answer);
        } catch (ShopeeError e) {
            exchange.json(e.status, JSON.createObjectNode().put("error", e.error).put("message", e.getMessage())
                    .put("request_id", requestId));
        }
    }

    // ---- auth -----------------------------------------------------------------------------------------------

    private ObjectNode tokenGet(LoopbackHttpServer.Exchange exchange) throws IOException {
        requirePost(exchange);
        checkSignature(exchange.query(), TOKEN_GET, null);
        JsonNode body = jsonBody(exchange);
        String code = body.path("code").asString("");
        checkBodyIds(body);
        Instant expires = codes.remove(code);
        if (expires == null || clock.now().isAfter(expires)) {
            throw new ShopeeError(403, "error_auth", "Invalid code.");
        }
        return issueTokens(null);
    }

    private ObjectNode accessTokenGet(LoopbackHttpServer.Exchange exchange) throws IOException {
        requirePost(exchange);
        checkSignature(exchange.query(), ACCESS_TOKEN_GET, null);
        JsonNode body = jsonBody(exchange);
        String refreshToken = body.path("refresh_token").asString("");
        checkBodyIds(body);
        RefreshToken refresh = refreshTokens.get(refreshToken);
        if (refresh == null || clock.now().isAfter(refresh.expires())) {
            throw new ShopeeError(403, "error_auth", "Invalid refresh_token.");
        }
        if (refresh.predecessor() != null) {
            // The rotation: the token this one replaced is dead from its successor's first use.
            refreshTokens.remove(refresh.predecessor());
        }
        ObjectNode answer = issueTokens(refreshToken);
        answer.put("partner_id", credentials.partnerId()).put("shop_id", credentials.shopId());
        return answer;
    }

    private ObjectNode issueTokens(String predecessor) {
        String access = hex32();
        String refresh = hex32();
        Instant now = clock.now();
        accessTokens.put(access, new AccessToken(now.plus(ACCESS_TOKEN_VALIDITY)));
        refreshTokens.put(refresh, new RefreshToken(predecessor, now.plus(REFRESH_TOKEN_VALIDITY)));
        return JSON.createObjectNode().put("error", "").put("message", "")
                .put("access_token", access).put("refresh_token", refresh)
                .put("expire_in", ACCESS_TOKEN_VALIDITY.toSeconds());
    }

    private void checkBodyIds(JsonNode body) {
        if (body.path("partner_id").asLong(-1) != credentials.partnerId()) {
            throw new ShopeeError(400, "error_param", "partner_id in the body does not match the request.");
        }
        if (body.path("shop_id").asLong(-1) != credentials.shopId()) {
            throw new ShopeeError(403, "error_auth", "Invalid shop_id.");
        }
    }

    /** The checks of every call: common parameters, the partner, the timestamp window, then the signature. */
    private void checkSignature(Map<String, String> query, String path, String shopSuffix) {
        String partnerId = required(query, "partner_id");
        String timestamp = required(query, "timestamp");
        String sign = required(query, "sign");
        if (!partnerId.equals(Long.toString(credentials.partnerId()))) {
            throw new ShopeeError(403, "error_auth", "Invalid partner_id.");
        }
        long seconds = parseLong(timestamp, "timestamp");
        if (Math.abs(clock.now().getEpochSecond() - seconds) > TIMESTAMP_TOLERANCE.toSeconds()) {
            throw new ShopeeError(403, "error_param", "Invalid timestamp.");
        }
        String base = partnerId + path + timestamp + (shopSuffix == null ? "" : shopSuffix);
        if (!sign.equals(hmacSha256Hex(credentials.partnerKey(), base))) {
            throw new ShopeeError(403, "error_sign", "Wrong sign.");
        }
    }

    private ObjectNode shopApi(LoopbackHttpServer.Exchange exchange, String path) {
        if (!exchange.method().equals("GET")) {
            throw new ShopeeError(405, "error_method", "Use GET for " + path + ".");
        }
        Map<String, String> query = exchange.query();
        String accessToken = required(query, "access_token");
        String shopId = required(query, "shop_id");
        checkSignature(query, path, accessToken + shopId);
        if (!shopId.equals(Long.toString(credentials.shopId()))) {
            throw new ShopeeError(403, "error_auth", "Invalid shop_id.");
        }
        AccessToken token = accessTokens.get(accessToken);
        if (token == null) {
            throw new ShopeeError(403, "error_auth", "Invalid access_token.");
        }
        if (!clock.now().isBefore(token.expires())) {
            throw new ShopeeError(403, "invalid_access_token", "Invalid access_token.");
        }
        ObjectNode envelope = JSON.createObjectNode().put("error", "").put("message", "");
        ObjectNode response = JSON.createObjectNode();
        List<String> missing = switch (path) {
            case GET_ITEM_LIST -> itemList(query, response);
            case GET_ITEM_BASE_INFO -> itemBaseInfo(query, response);
            case GET_ORDER_LIST -> orderList(query, response);
            case GET_ORDER_DETAIL -> orderDetail(query, response);
            case GET_COMMENT -> comment(query, response);
            default -> returnList(query, response);
        };
        envelope.put("warning", missing.isEmpty() ? "" : "These ids are not found: " + String.join(",", missing));
        envelope.set("response", response);
        return envelope;
    }

    // ---- product --------------------------------------------------------------------------------------------

    private List<String> itemList(Map<String, String> query, ObjectNode response) {
        int offset = intParam(query, "offset", 0, 0, Integer.MAX_VALUE);
        int pageSize = intParam(query, "page_size", null, 1, MAX_PAGE_SIZE);
        Set<String> statuses = new LinkedHashSet<>(List.of(required(query, "item_status").split(",")));
        Long from = optionalLong(query, "update_time_from");
        Long to = optionalLong(query, "update_time_to");
        if (from != null && to != null && from > to) {
            throw new ShopeeError(400, "error_param", "update_time_from must not be after update_time_to.");
        }
        List<PartnerShop.Product> matching = shop.products().stream()
                .filter(p -> statuses.contains(itemStatus(p)))
                .filter(within(from, to, p -> p.updated().getEpochSecond()))
                .toList();
        List<PartnerShop.Product> page = page(matching, offset, pageSize);
        ArrayNode items = response.putArray("item");
        page.forEach(p -> items.addObject().put("item_id", itemId(p)).put("item_status", itemStatus(p))
                .put("update_time", p.updated().getEpochSecond()));
        boolean more = offset + page.size() < matching.size();
        response.put("total_count", matching.size()).put("has_next_page", more).put("next_offset", offset + page.size());
        return List.of();
    }

    private List<String> itemBaseInfo(Map<String, String> query, ObjectNode response) {
        List<String> ids = idList(query, "item_id_list");
        ArrayNode list = response.putArray("item_list");
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            long itemId = parseLong(id, "item_id_list");
            int index = (int) (itemId - ITEM_ID_BASE);
            if (index < 0 || index >= PartnerShop.PRODUCTS || withheldItems.contains(itemId)) {
                missing.add(id);
                continue;
            }
            PartnerShop.Product p = shop.product(index);
            ObjectNode item = list.addObject().put("item_id", itemId).put("category_id", 100_000 + p.category().length())
                    .put("item_name", p.name()).put("item_sku", p.sku())
                    .put("create_time", p.created().getEpochSecond()).put("update_time", p.updated().getEpochSecond())
                    .put("item_status", itemStatus(p)).put("condition", "NEW").put("has_model", false)
                    .put("weight", "0.5");
            item.putArray("price_info").addObject().put("currency", "VND")
                    .put("original_price", p.priceVnd()).put("current_price", p.priceVnd());
            item.putObject("stock_info_v2").putObject("summary_info").put("total_available_stock", p.stock());
            item.putObject("brand").put("brand_id", 0).put("original_brand_name", p.brand());
        }
        return missing;
    }

    /**
     * The shop's comments, or one item's, or one comment, newest first, paged by {@code cursor} (an offset written
     * as text); at most the newest 1000 are served, as documented.
     */
    private List<String> comment(Map<String, String> query, ObjectNode response) {
        int pageSize = intParam(query, "page_size", null, 1, MAX_PAGE_SIZE);
        String cursor = query.getOrDefault("cursor", "");
        int offset = cursor.isEmpty() ? 0 : intParam(Map.of("cursor", cursor), "cursor", 0, 0, Integer.MAX_VALUE);
        Long itemId = optionalLong(query, "item_id");
        Long commentId = optionalLong(query, "comment_id");
        List<Comment> newestFirst = new ArrayList<>(comments());
        Collections.reverse(newestFirst);
        List<Comment> matching = newestFirst.stream()
                .filter(c -> itemId == null || c.itemId() == itemId)
                .filter(c -> commentId == null || c.commentId() == commentId)
                .limit(MAX_COMMENTS)
                .toList();
        List<Comment> page = page(matching, offset, pageSize);
        ArrayNode list = response.putArray("item_comment_list");
        for (Comment c : page) {
            ObjectNode entry = list.addObject().put("comment_id", c.commentId()).put("comment", c.text())
                    .put("buyer_username", c.buyerUsername()).put("order_sn", c.orderSn()).put("item_id", c.itemId())
                    .put("model_id", 0).put("create_time", c.created().getEpochSecond())
                    .put("rating_star", c.ratingStar()).put("editable", "EDITABLE").put("hidden", c.hidden());
            ObjectNode media = entry.putObject("media");
            media.putArray("image_url_list");
            media.putArray("video_url_list");
            if (c.reply() != null) {
                entry.putObject("comment_reply").put("reply", c.reply()).put("hidden", false)
                        .put("create_time", c.created().plus(Duration.ofHours(2)).getEpochSecond());
            }
        }
        boolean more = offset + page.size() < matching.size();
        response.put("more", more).put("next_cursor", more ? Integer.toString(offset + page.size()) : "");
        return List.of();
    }

    // ---- order ----------------------------------------------------------------------------------------------

    private List<String> orderList(Map<String, String> query, ObjectNode response) {
        String field = required(query, "time_range_field");
        if (!field.equals("create_time") && !field.equals("update_time")) {
            throw new ShopeeError(400, "error_param", "time_range_field must be create_time or update_time.");
        }
        long from = parseLong(required(query, "time_from"), "time_from");
        long to = parseLong(required(query, "time_to"), "time_to");
        if (from > to || to - from > MAX_ORDER_TIME_RANGE.toSeconds()) {
            throw new ShopeeError(400, "error_param", "time_from and time_to must be in order and at most 15 days apart.");
        }
        int pageSize = intParam(query, "page_size", null, 1, MAX_PAGE_SIZE);
        String cursor = query.getOrDefault("cursor", "");
        int offset = cursor.isEmpty() ? 0 : intParam(Map.of("cursor", cursor), "cursor", 0, 0, Integer.MAX_VALUE);
        String status = query.get("order_status");
        boolean withStatus = optionalFields(query).contains("order_status");
        List<PartnerShop.Order> matching = shop.orders().stream()
                .filter(o -> status == null || status.equals(o.status().name()))
                .filter(within(from, to, o -> (field.equals("create_time") ? o.created() : o.updated()).getEpochSecond()))
                .toList();
        List<PartnerShop.Order> page = page(matching, offset, pageSize);
        ArrayNode list = response.putArray("order_list");
        for (PartnerShop.Order o : page) {
            ObjectNode entry = list.addObject().put("order_sn", orderSn(o));
            if (withStatus) {
                entry.put("order_status", o.status().name());
            }
        }
        boolean more = offset + page.size() < matching.size();
        response.put("more", more).put("next_cursor", more ? Integer.toString(offset + page.size()) : "");
        return List.of();
    }

    private List<String> orderDetail(Map<String, String> query, ObjectNode response) {
        List<String> sns = idList(query, "order_sn_list");
        Set<String> optional = optionalFields(query);
        ArrayNode list = response.putArray("order_list");
        List<String> missing = new ArrayList<>();
        for (String sn : sns) {
            Integer index = findOrder(sn);
            if (index == null || withheldOrders.contains(sn) || withheldOnce.remove(sn)) {
                missing.add(sn);
                continue;
            }
            PartnerShop.Order o = shop.order(index);
            ObjectNode order = list.addObject().put("order_sn", sn).put("region", "VN").put("currency", "VND")
                    .put("cod", o.paymentMethod().equals("COD")).put("order_status", o.status().name())
                    .put("create_time", o.created().getEpochSecond()).put("update_time", o.updated().getEpochSecond())
                    .put("days_to_ship", 2).put("ship_by_date", o.created().plus(Duration.ofDays(2)).getEpochSecond())
                    .put("message_to_seller", "");
            if (optional.contains("buyer_username")) {
                order.put("buyer_user_id", 900_000 + o.index()).put("buyer_username",
                        VietnameseText.ascii(o.buyer().name()).toLowerCase().replace(" ", "") + o.index());
            }
            if (optional.contains("recipient_address")) {
                order.putObject("recipient_address").put("name", o.buyer().name()).put("phone", o.buyer().phone())
                        .put("town", o.buyer().ward()).put("district", o.buyer().district())
                        .put("city", o.buyer().province()).put("state", o.buyer().province()).put("region", "VN")
                        .put("zipcode", "").put("full_address", o.buyer().fullAddress());
            }
            if (optional.contains("item_list")) {
                ArrayNode items = order.putArray("item_list");
                for (PartnerShop.Line line : o.lines()) {
                    PartnerShop.Product p = shop.product(line.productIndex());
                    items.addObject().put("item_id", itemId(p)).put("item_name", line.productName())
                            .put("item_sku", line.sku()).put("model_id", 0).put("model_name", "").put("model_sku", "")
                            .put("model_quantity_purchased", line.quantity())
                            .put("model_original_price", p.priceVnd()).put("model_discounted_price", line.unitPriceVnd());
                }
            }
            if (optional.contains("total_amount")) {
                order.put("total_amount", o.totalVnd());
            }
            if (optional.contains("estimated_shipping_fee")) {
                order.put("estimated_shipping_fee", o.shippingFeeVnd());
            }
            if (optional.contains("payment_method")) {
                order.put("payment_method", o.paymentMethod().equals("COD") ? "Cash on Delivery" : o.paymentMethod());
            }
            if (optional.contains("pay_time") && o.status() != PartnerShop.Status.UNPAID) {
                order.put("pay_time", o.created().plusSeconds(120).getEpochSecond());
            }
        }
        return missing;
    }

    // ---- returns --------------------------------------------------------------------------------------------

    private List<String> returnList(Map<String, String> query, ObjectNode response) {
        int pageNo = intParam(query, "page_no", null, 0, Integer.MAX_VALUE);
        int pageSize = intParam(query, "page_size", null, 1, MAX_PAGE_SIZE);
        Long createFrom = optionalLong(query, "create_time_from");
        Long createTo = optionalLong(query, "create_time_to");
        Long updateFrom = optionalLong(query, "update_time_from");
        Long updateTo = optionalLong(query, "update_time_to");
        String status = query.get("status");
        List<PartnerShop.Return> matching = shop.returns().stream()
                .filter(r -> status == null || status.equals(r.status()))
                .filter(within(createFrom, createTo, r -> r.created().getEpochSecond()))
                .filter(within(updateFrom, updateTo, r -> r.updated().getEpochSecond()))
                .toList();
        long offset = (long) pageNo * pageSize;
        List<PartnerShop.Return> page = page(matching, (int) Math.min(offset, Integer.MAX_VALUE), pageSize);
        ArrayNode list = response.putArray("return");
        for (PartnerShop.Return r : page) {
            PartnerShop.Order o = shop.order(r.orderIndex());
            PartnerShop.Line line = o.lines().get(0);
            ObjectNode entry = list.addObject().put("return_sn", "2" + SN_DATE.format(r.created()) + "%07d".formatted(r.index() + 1))
                    .put("order_sn", orderSn(o)).put("status", r.status()).put("reason", r.reason())
                    .put("text_reason", r.textReason()).put("refund_amount", r.refundVnd()).put("currency", "VND")
                    .put("create_time", r.created().getEpochSecond()).put("update_time", r.updated().getEpochSecond());
            entry.putArray("item").addObject().put("item_id", itemId(shop.product(line.productIndex())))
                    .put("name", line.productName()).put("item_sku", line.sku()).put("amount", line.quantity())
                    .put("item_price", line.unitPriceVnd());
            entry.putObject("user").put("username", VietnameseText.ascii(o.buyer().name()).toLowerCase().replace(" ", ""));
        }
        response.put("more", offset + page.size() < matching.size());
        return List.of();
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    static long itemId(PartnerShop.Product p) {
        return ITEM_ID_BASE + p.index();
    }

    /** yyMMdd of the order's creation and six characters from its index, like 240611A3K9QZ. */
    static String orderSn(PartnerShop.Order o) {
        StringBuilder tail = new StringBuilder();
        long n = 1_000_003L * (o.index() + 1) + 7_777_777L;
        for (int i = 0; i < 8; i++) {
            tail.append(SN_ALPHABET.charAt((int) (n % SN_ALPHABET.length())));
            n /= SN_ALPHABET.length();
        }
        return SN_DATE.format(o.created()) + tail;
    }

    private static String itemStatus(PartnerShop.Product p) {
        return p.listed() ? "NORMAL" : "UNLIST";
    }

    private int productIndex(long itemId) {
        long index = itemId - ITEM_ID_BASE;
        if (index < 0 || index >= PartnerShop.PRODUCTS) {
            throw new IllegalArgumentException("no Shopee item " + itemId + " in the fake; see itemIds()");
        }
        return (int) index;
    }

    private int orderIndex(String sn) {
        Integer index = findOrder(sn);
        if (index == null) {
            throw new IllegalArgumentException("no Shopee order " + sn + " in the fake; see orderSns()");
        }
        return index;
    }

    private Integer findOrder(String sn) {
        for (PartnerShop.Order o : shop.orders()) {
            if (orderSn(o).equals(sn)) {
                return o.index();
            }
        }
        return null;
    }

    private static <T> Predicate<T> within(Long from, Long to, java.util.function.ToLongFunction<T> time) {
        return t -> (from == null || time.applyAsLong(t) >= from) && (to == null || time.applyAsLong(t) <= to);
    }

    private static <T> List<T> page(List<T> matching, int offset, int size) {
        int from = Math.min(offset, matching.size());
        return matching.subList(from, (int) Math.min((long) from + size, matching.size()));
    }

    private static Set<String> optionalFields(Map<String, String> query) {
        String fields = query.getOrDefault("response_optional_fields", "");
        Set<String> set = new LinkedHashSet<>();
        Arrays.stream(fields.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(set::add);
        return set;
    }

    private static List<String> idList(Map<String, String> query, String name) {
        List<String> ids = Arrays.stream(required(query, name).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (ids.isEmpty() || ids.size() > MAX_IDS_PER_CALL) {
            throw new ShopeeError(400, "error_param", name + " must hold between 1 and " + MAX_IDS_PER_CALL + " ids, got " + ids.size() + ".");
        }
        return ids;
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new ShopeeError(400, "error_param", "Missing required parameter: " + name + ".");
        }
        return value;
    }

    private static int intParam(Map<String, String> query, String name, Integer fallback, int min, int max) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new ShopeeError(400, "error_param", "Missing required parameter: " + name + ".");
            }
            return fallback;
        }
        long parsed = parseLong(value, name);
        if (parsed < min || parsed > max) {
            throw new ShopeeError(400, "error_param", name + " must be between " + min + " and " + max + ", got " + value + ".");
        }
        return (int) parsed;
    }

    private static Long optionalLong(Map<String, String> query, String name) {
        String value = query.get(name);
        return value == null || value.isBlank() ? null : parseLong(value, name);
    }

    private static long parseLong(String value, String name) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ShopeeError(400, "error_param", name + " must be an integer, got " + value + ".");
        }
    }

    private static void requirePost(LoopbackHttpServer.Exchange exchange) {
        if (!exchange.method().equals("POST")) {
            throw new ShopeeError(405, "error_method", "Use POST for " + exchange.path() + ".");
        }
    }

    private static JsonNode jsonBody(LoopbackHttpServer.Exchange exchange) throws IOException {
        try {
            JsonNode body = JSON.readTree(RequestBodies.bytes(exchange));
            if (body == null || !body.isObject()) {
                throw new ShopeeError(400, "error_param", "The body must be a JSON object.");
            }
            return body;
        } catch (JacksonException e) {
            throw new ShopeeError(400, "error_param", "The body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String hex32() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static String hmacSha256Hex(String key, String base) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
