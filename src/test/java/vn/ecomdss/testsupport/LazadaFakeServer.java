package vn.ecomdss.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import vn.ecomdss.embedded.LoopbackHttpServer;

/**
 * A local Lazada Open Platform for one seller, checking what the real one checks: the app key, the HMAC-SHA256
 * signature (computed here independently of the connector, after the documented algorithm), a timestamp within
 * 7200 s of now, the access token's validity and expiry, one-time authorization codes, and refresh tokens, of which
 * the previous one keeps working until the new one is used. It pages {@code /products/get} and {@code /orders/get}
 * with offset/limit, filters them by {@code update_after} ("updated after or on"), serves
 * {@code /orders/items/get}, and answers {@code ApiCallLimit} (or a 429 with {@code Retry-After}) when told to or
 * when more calls than allowed come within a second. Answers have the documented shapes:
 * {@code {"code":"0","data":...,"request_id":...}} and {@code {"code":"IllegalAccessToken","type":"ISV",...}}.
 */
public final class LazadaFakeServer implements AutoCloseable {

    public static final String APP_KEY = "112233";
    public static final String APP_SECRET = "fake-lazada-secret";
    public static final String AUTH_CODE = "0_112233_fakeAuthCode";
    public static final int PRODUCTS = 12;
    public static final int ORDERS = 8;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter LAZADA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx");
    private static final Instant FIRST_UPDATE = Instant.parse("2026-10-01T02:00:00Z");
    private static final Duration ACCESS_LIFETIME = Duration.ofDays(30);
    private static final Duration REFRESH_LIFETIME = Duration.ofDays(180);

    private record RefreshToken(Instant expiresAt, String successor) {
    }

    private final LoopbackHttpServer server;
    private final Map<Long, ObjectNode> products = new ConcurrentHashMap<>();
    private final Map<Long, ObjectNode> orders = new ConcurrentHashMap<>();
    private final Map<Long, ArrayNode> orderItems = new ConcurrentHashMap<>();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new ConcurrentHashMap<>();
    private final Set<String> usedCodes = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Instant> recentCalls = new ConcurrentLinkedQueue<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger apiCallLimits = new AtomicInteger();
    private final AtomicInteger tooManyRequests = new AtomicInteger();
    private volatile int callsPerSecond;
    private volatile Long itemlessOrder;
    private volatile HeldRefresh heldRefresh;

    /**
     * A refresh Lazada has answered (its new pair issued, the presented refresh token still valid until the new one
     * is used) whose reply is held back: the moment a client killed during its refresh loses the answer.
     */
    public static final class HeldRefresh {
        private final CountDownLatch issued = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Waits until the platform has issued the new pair; false if no refresh came within {@code timeout}. */
        public boolean awaitIssued(Duration timeout) throws InterruptedException {
            return issued.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Lets the held reply go (to a client that may be gone). */
        public void release() {
            released.countDown();
        }
    }

    private LazadaFakeServer() {
        reset();
        this.server = LoopbackHttpServer.start("lazada-fake", 0, 4, this::handle);
    }

    public static LazadaFakeServer start() {
        return new LazadaFakeServer();
    }

    public java.net.URI baseUri() {
        return server.baseUri();
    }

    /** The seller's catalogue and orders as first served, no token issued, no fault pending. */
    public synchronized void reset() {
        products.clear();
        orders.clear();
        orderItems.clear();
        accessTokens.clear();
        refreshTokens.clear();
        usedCodes.clear();
        requests.clear();
        recentCalls.clear();
        refreshes.set(0);
        apiCallLimits.set(0);
        tooManyRequests.set(0);
        callsPerSecond = 0;
        itemlessOrder = null;
        heldRefresh = null;
        for (int i = 1; i <= PRODUCTS; i++) {
            products.put(productId(i), product(i, FIRST_UPDATE.plus(Duration.ofHours(i))));
        }
        for (int i = 1; i <= ORDERS; i++) {
            long orderId = orderId(i);
            Instant created = FIRST_UPDATE.plus(Duration.ofHours(i * 2L));
            orders.put(orderId, order(i, created, created.plus(Duration.ofMinutes(30))));
            ArrayNode items = JSON.createArrayNode();
            for (int line = 1; line <= 1 + i % 3; line++) {
                items.add(orderItem(orderId, line, productId(1 + (i + line) % PRODUCTS)));
            }
            orderItems.put(orderId, items);
        }
    }

    public static long productId(int n) {
        return 2_100_000_000L + n;
    }

    public static long orderId(int n) {
        return 560_000_000_000L + n;
    }

    /** How many order lines (order items) the seller's orders hold. */
    public int orderLines() {
        return orderItems.values().stream().mapToInt(ArrayNode::size).sum();
    }

    /** The seller edits a product at {@code at}: its price and its update time change. */
    public void updateProduct(int n, Instant at) {
        ObjectNode product = products.get(productId(n));
        product.put("updated_time", Long.toString(at.toEpochMilli()));
        ((ObjectNode) product.get("skus").get(0)).put("price", 123_000);
    }

    /** An order changes status at {@code at}. */
    public void updateOrder(int n, Instant at) {
        ObjectNode order = orders.get(orderId(n));
        order.put("updated_at", lazadaTime(at));
        order.set("statuses", JSON.createArrayNode().add("delivered"));
    }

    /** Every access token issued so far stops working, as if it had expired at Lazada before its announced end. */
    public void expireAccessTokens() {
        accessTokens.replaceAll((token, expiry) -> Instant.EPOCH);
    }

    /** The next {@code times} calls are refused with ApiCallLimit and a one-second ban. */
    public void limitNextCalls(int times) {
        apiCallLimits.set(times);
    }

    /** The next {@code times} calls answer HTTP 429 with {@code Retry-After: 1}. */
    public void tooManyRequestsNext(int times) {
        tooManyRequests.set(times);
    }

    /** At most {@code calls} a second, beyond which Lazada answers ApiCallLimit; 0 for no limit. */
    public void allowCallsPerSecond(int calls) {
        callsPerSecond = calls;
    }

    /** /orders/items/get leaves out the items of order {@code n}, as a partly failed batch call does. */
    public void loseItemsOf(int n) {
        itemlessOrder = orderId(n);
    }

    /** Holds the reply to the next successful refresh until {@link HeldRefresh#release}. */
    public HeldRefresh holdNextRefresh() {
        HeldRefresh held = new HeldRefresh();
        heldRefresh = held;
        return held;
    }

    private static void awaitRelease(HeldRefresh held) {
        try {
            if (!held.released.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a held refresh was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int refreshes() {
        return refreshes.get();
    }

    /** Each request as path and decoded query, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(LoopbackHttpServer.Exchange exchange) throws IOException {
        Map<String, String> query = exchange.query();
        String path = exchange.path().replaceFirst("^/rest", "");
        requests.add(path + "?" + new TreeMap<>(query));
        if (tooManyRequests.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.setHeader("Retry-After", "1");
            exchange.json(429, error("ApiCallLimit", "ISV", "Too many requests"));
            return;
        }
        if (!APP_KEY.equals(query.get("app_key"))) {
            exchange.json(200, error("InvalidAppKey", "ISV", "Invalid app key"));
            return;
        }
        if (!"sha256".equals(query.get("sign_method")) || query.get("sign") == null
                || !query.get("sign").equals(sign(path, query))) {
            exchange.json(200, error("IncompleteSignature", "ISV",
                    "The request signature does not conform to platform standards"));
            return;
        }
        long timestamp = parseLong(query.get("timestamp"));
        if (Math.abs(System.currentTimeMillis() - timestamp) > 7_200_000) {
            exchange.json(200, error("InvalidTimestamp", "ISV", "Timestamp is out of the 7200 s window"));
            return;
        }
        if (apiCallLimits.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || overRate()) {
            exchange.json(200, error("ApiCallLimit", "ISV",
                    "The request has exceeded the limit. This ban will last 1 seconds"));
            return;
        }
        switch (path) {
            case "/auth/token/create" -> exchange.json(200, create(query.get("code")));
            case "/auth/token/refresh" -> {
                JsonNode answer = refresh(query.get("refresh_token"));
                HeldRefresh held = heldRefresh;
                if (held != null && answer.has("refresh_token")) {
                    heldRefresh = null;
                    held.issued.countDown();
                    awaitRelease(held);
                }
                exchange.json(200, answer);
            }
            default -> {
                Instant expiry = accessTokens.get(String.valueOf(query.get("access_token")));
                if (expiry == null || !expiry.isAfter(Instant.now())) {
                    exchange.json(200, error("IllegalAccessToken", "ISV",
                            "The specified access token is invalid or expired"));
                    return;
                }
                switch (path) {
                    case "/products/get" -> exchange.json(200, ok(listing(products.values(), "updated_time", query,
                            "total_products", "products")));
                    case "/orders/get" -> exchange.json(200, ok(listing(orders.values(), "updated_at", query,
                            "countTotal", "orders")));
                    case "/orders/items/get" -> exchange.json(200, ok(items(query.get("order_ids"))));
                    default -> exchange.json(200, error("InvalidApiPath", "ISV", "The specified API path is invalid"));
                }
            }
        }
    }

    private synchronized JsonNode create(String code) {
        if (!AUTH_CODE.equals(code) || !usedCodes.add(code)) {
            return error("InvalidCode", "ISP", "Invalid authorization code");
        }
        return issue();
    }

    /** The presented refresh token works until its successor is used; using it retires the one before. */
    private synchronized JsonNode refresh(String token) {
        RefreshToken presented = refreshTokens.get(String.valueOf(token));
        if (presented == null || !presented.expiresAt().isAfter(Instant.now())) {
            return error("IllegalRefreshToken", "ISV", "The specified refresh token is invalid or expired");
        }
        refreshTokens.entrySet().removeIf(e -> token.equals(e.getValue().successor()));
        refreshes.incrementAndGet();
        ObjectNode answer = issue();
        refreshTokens.put(token, new RefreshToken(presented.expiresAt(), answer.get("refresh_token").asString()));
        return answer;
    }

    private ObjectNode issue() {
        String access = "50000" + UUID.randomUUID().toString().replace("-", "");
        String refresh = "50001" + UUID.randomUUID().toString().replace("-", "");
        accessTokens.put(access, Instant.now().plus(ACCESS_LIFETIME));
        refreshTokens.put(refresh, new RefreshToken(Instant.now().plus(REFRESH_LIFETIME), null));
        ObjectNode answer = JSON.createObjectNode();
        answer.put("access_token", access);
        answer.put("refresh_token", refresh);
        answer.put("expires_in", ACCESS_LIFETIME.toSeconds());
        answer.put("refresh_expires_in", REFRESH_LIFETIME.toSeconds());
        answer.put("country", "vn");
        answer.put("account_platform", "seller_center");
        answer.put("account", "seller@example.vn");
        answer.put("code", "0");
        answer.put("request_id", requestId());
        return answer;
    }

    private ObjectNode listing(java.util.Collection<ObjectNode> records, String timeField, Map<String, String> query,
                               String totalField, String itemsField) {
        Instant after = query.containsKey("update_after") ? OffsetDateTime.parse(query.get("update_after")).toInstant()
                : Instant.EPOCH;
        List<ObjectNode> matching = records.stream()
                .filter(r -> !updatedAt(r.get(timeField).asString()).isBefore(after))
                .sorted(java.util.Comparator.comparing((ObjectNode r) -> updatedAt(r.get(timeField).asString()))
                        .thenComparing(r -> r.path("item_id").asLong() + r.path("order_id").asLong()))
                .toList();
        int offset = (int) parseLong(query.getOrDefault("offset", "0"));
        int limit = (int) parseLong(query.getOrDefault("limit", "10"));
        ArrayNode page = JSON.createArrayNode();
        matching.stream().skip(offset).limit(limit).forEach(r -> page.add(r.deepCopy()));
        ObjectNode data = JSON.createObjectNode();
        data.put(totalField, matching.size());
        data.put("count", page.size());
        data.set(itemsField, page);
        return data;
    }

    private ArrayNode items(String orderIds) {
        ArrayNode data = JSON.createArrayNode();
        for (String id : orderIds.replaceAll("[\\[\\] ]", "").split(",")) {
            long orderId = parseLong(id);
            if (orderItems.containsKey(orderId) && !Long.valueOf(orderId).equals(itemlessOrder)) {
                ObjectNode order = data.addObject();
                order.put("order_id", orderId);
                order.put("order_number", orderId + 1_000);
                order.set("order_items", orderItems.get(orderId).deepCopy());
            }
        }
        return data;
    }

    private boolean overRate() {
        if (callsPerSecond <= 0) {
            return false;
        }
        Instant now = Instant.now();
        recentCalls.removeIf(at -> at.isBefore(now.minusSeconds(1)));
        recentCalls.add(now);
        return recentCalls.size() > callsPerSecond;
    }

    private static Instant updatedAt(String text) {
        return text.matches("\\d+") ? Instant.ofEpochMilli(Long.parseLong(text))
                : OffsetDateTime.parse(text, LAZADA_TIME).toInstant();
    }

    /** The documented algorithm: the API path, then every parameter but sign as name and value, sorted by name. */
    private static String sign(String path, Map<String, String> query) {
        String text = path + new TreeMap<>(query).entrySet().stream().filter(e -> !e.getKey().equals("sign"))
                .map(e -> e.getKey() + e.getValue()).collect(Collectors.joining());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().withUpperCase().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode ok(JsonNode data) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("code", "0");
        answer.set("data", data);
        answer.put("request_id", requestId());
        return answer;
    }

    private static ObjectNode error(String code, String type, String message) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("code", code);
        answer.put("type", type);
        answer.put("message", message);
        answer.put("request_id", requestId());
        return answer;
    }

    private static String requestId() {
        return "0b8ae2f4" + Long.toHexString(System.nanoTime());
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String lazadaTime(Instant at) {
        return LAZADA_TIME.format(at.atOffset(ZoneOffset.ofHours(7)));
    }

    private static ObjectNode product(int n, Instant updated) {
        ObjectNode product = JSON.createObjectNode();
        product.put("item_id", productId(n));
        product.put("primary_category", 10_000_000 + n % 3);
        product.put("status", "Active");
        product.put("created_time", Long.toString(updated.minus(Duration.ofDays(30)).toEpochMilli()));
        product.put("updated_time", Long.toString(updated.toEpochMilli()));
        ObjectNode attributes = product.putObject("attributes");
        attributes.put("name", "Tai nghe Bluetooth mẫu " + n);
        attributes.put("brand", n % 2 == 0 ? "Xiaomi" : "No Brand");
        attributes.put("description", "<p>Sản phẩm " + n + "</p>");
        ObjectNode sku = product.putArray("skus").addObject();
        sku.put("SellerSku", "LZ-SKU-" + n);
        sku.put("ShopSku", productId(n) + "_VNAMZ-" + (9_000 + n));
        sku.put("SkuId", 14_000_000_000L + n);
        sku.put("price", 100_000 + n * 10_000);
        sku.put("special_price", 90_000 + n * 10_000);
        sku.put("quantity", 10 + n);
        sku.put("Status", "active");
        return product;
    }

    private static ObjectNode order(int n, Instant created, Instant updated) {
        ObjectNode order = JSON.createObjectNode();
        order.put("order_id", orderId(n));
        order.put("order_number", orderId(n) + 1_000);
        order.put("buyer_id", 300_000 + n % 5);
        order.put("customer_first_name", "Nguyễn Văn " + (char) ('A' + n));
        order.put("customer_last_name", "");
        order.put("payment_method", n % 2 == 0 ? "COD" : "MIXEDCARD");
        order.put("price", "250000.00");
        order.put("items_count", 1 + n % 3);
        order.put("created_at", lazadaTime(created));
        order.put("updated_at", lazadaTime(updated));
        order.set("statuses", JSON.createArrayNode().add(n % 3 == 0 ? "shipped" : "pending"));
        ObjectNode shipping = order.putObject("address_shipping");
        shipping.put("city", n % 2 == 0 ? "Hồ Chí Minh" : "Hà Nội");
        shipping.put("country", "Vietnam");
        return order;
    }

    private static ObjectNode orderItem(long orderId, int line, long productId) {
        ObjectNode item = JSON.createObjectNode();
        item.put("order_item_id", orderId * 10 + line);
        item.put("order_id", orderId);
        item.put("product_id", productId);
        item.put("sku", "LZ-SKU-" + (productId - 2_100_000_000L));
        item.put("name", "Tai nghe Bluetooth mẫu " + (productId - 2_100_000_000L));
        item.put("item_price", 150_000);
        item.put("paid_price", 140_000);
        item.put("voucher_amount", 10_000);
        item.put("status", "pending");
        item.put("currency", "VND");
        return item;
    }
}
