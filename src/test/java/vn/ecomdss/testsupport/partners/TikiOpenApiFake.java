package vn.ecomdss.testsupport.partners;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vn.ecomdss.embedded.LoopbackHttpServer;

/**
 * Tiki Open API (seller) on 127.0.0.1: the OAuth 2.0 token endpoint with the client-credentials, authorization-code
 * and refresh-token grants, and the v2 product and order listings with page/limit paging and an update-time window,
 * behind Bearer tokens and an 800-requests-an-hour quota. See {@code README.md} beside this class for the
 * documentation followed and the assumptions made where it is silent.
 */
public final class TikiOpenApiFake extends PartnerFake {

    public static final String TOKEN = "/sc/oauth2/token";
    public static final String PRODUCTS = "/integration/v2/products";
    public static final String ORDERS = "/integration/v2/orders";

    public static final int REQUESTS_PER_HOUR = 800;
    public static final Duration ACCESS_TOKEN_VALIDITY = Duration.ofHours(1);
    public static final Duration REFRESH_TOKEN_VALIDITY = Duration.ofDays(30);
    public static final Duration CODE_VALIDITY = Duration.ofMinutes(10);
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** How the listings write and read times: Vietnam local time, to the second. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Credentials(String clientId, String clientSecret, String redirectUri) {
    }

    private record Grant(Instant expires, boolean refreshable) {
    }

    /** A refusal: the HTTP status, and the OAuth-style error code and description it answers with. */
    private static final class TikiError extends RuntimeException {
        final int status;
        final String error;

        TikiError(int status, String error, String description) {
            super(description);
            this.status = status;
            this.error = error;
        }
    }

    private final Credentials credentials = new Credentials("7590139168389961",
            "tfSl0c6Q3mZ2Hk9wPx4bYv8RaLnE1uJd", "https://dss.example.vn/tiki/callback");
    private final HourlyQuota quota = new HourlyQuota(clock, REQUESTS_PER_HOUR);
    private final Map<String, Instant> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Instant> refreshTokens = new ConcurrentHashMap<>();
    private final AtomicInteger failingAnswers = new AtomicInteger();

    private TikiOpenApiFake() {
        super("tiki-fake", 17_002L);
    }

    public static TikiOpenApiFake start() {
        return new TikiOpenApiFake();
    }

    public Credentials credentials() {
        return credentials;
    }

    /** A code, as the seller's consent redirect would deliver it, for the authorization_code grant. */
    public String authorizeSeller() {
        String code = UUID.randomUUID().toString();
        codes.put(code, clock.now().plus(CODE_VALIDITY));
        return code;
    }

    public void expireAccessTokens() {
        Instant past = clock.now().minusSeconds(1);
        accessTokens.replaceAll((token, grant) -> new Grant(past, grant.refreshable()));
    }

    /** Spends the rest of this hour's quota, so the next request is answered 429. */
    public void exhaustRateLimit() {
        quota.exhaust();
    }

    /** See {@link HourlyQuota#exhaustAtNextRequest}: the next request is refused with {@code hourLeft} to go. */
    public void exhaustRateLimitAtNextRequest(Duration hourLeft) {
        quota.exhaustAtNextRequest(hourLeft);
    }

    /** Moves the clock back by what {@link #exhaustRateLimitAtNextRequest} moved it on, so later tests see today. */
    public void rewindRateLimitClock() {
        quota.rewindClock();
    }

    /** The hourly quota, {@link #REQUESTS_PER_HOUR} unless a test wants to reach it in a few requests. */
    public void limitRequestsPerHour(int limit) {
        quota.setLimit(limit);
    }

    /** The next {@code times} listing requests fail with 500 mid-walk; the connector must retry the same page. */
    public void failNextListings(int times) {
        failingAnswers.set(times);
    }

    public List<Long> productIds() {
        return shop.products().stream().map(TikiOpenApiFake::productId).toList();
    }

    public List<String> orderCodes() {
        return shop.orders().stream().map(TikiOpenApiFake::orderCode).toList();
    }

    public void updateProducts(long... productIds) {
        for (long id : productIds) {
            shop.touchProduct(index(id, 70_100_000L, PartnerShop.PRODUCTS), clock.nextChangeTime());
        }
    }

    public void updateOrders(String... codes) {
        for (String code : codes) {
            shop.touchOrder(index(Long.parseLong(code), 410_000_000L, PartnerShop.ORDERS), clock.nextChangeTime());
        }
    }

    @Override
    protected void handle(LoopbackHttpServer.Exchange exchange) throws IOException {
        String path = exchange.path();
        requests.record(path);
        quota.arrival();
        try {
            if (!quota.tryAcquire()) {
                exchange.setHeader("Retry-After", Long.toString(quota.secondsUntilReset()));
                throw new TikiError(429, "too_many_requests", "Rate limit of " + REQUESTS_PER_HOUR + " requests per hour exceeded.");
            }
            ObjectNode answer = switch (path) {
                case TOKEN -> token(exchange);
                case PRODUCTS, ORDERS -> listing(exchange, path);
                default -> throw new TikiError(404, "not_found", "No resource at " + path + ".");
            };
            exchange.json(200, answer);
        } catch (TikiError e) {
            exchange.json(e.status, JSON.createObjectNode().put("error", e.error).put("error_description", e.getMessage()));
        }
    }

    // ---- OAuth 2.0 ------------------------------------------------------------------------------------------

    private ObjectNode token(LoopbackHttpServer.Exchange exchange) throws IOException {
        if (!exchange.method().equals("POST")) {
            throw new TikiError(405, "invalid_request", "The token endpoint takes POST.");
        }
        Map<String, String> form = RequestBodies.form(exchange);
        authenticateClient(exchange.requestHeader("Authorization"), form);
        String grantType = form.getOrDefault("grant_type", "");
        return switch (grantType) {
            case "client_credentials" -> issue(false);
            case "authorization_code" -> {
                Instant expires = codes.remove(form.getOrDefault("code", ""));
                if (expires == null || clock.now().isAfter(expires)) {
                    throw new TikiError(400, "invalid_grant", "The authorization code is invalid, used or expired.");
                }
                if (!credentials.redirectUri().equals(form.get("redirect_uri"))) {
                    throw new TikiError(400, "invalid_grant", "redirect_uri does not match the one registered for the client.");
                }
                yield issue(true);
            }
            case "refresh_token" -> {
                // Refresh tokens are single-use: the one presented is spent and a new one comes with the new access token.
                Instant expires = refreshTokens.remove(form.getOrDefault("refresh_token", ""));
                if (expires == null || clock.now().isAfter(expires)) {
                    throw new TikiError(400, "invalid_grant", "The refresh token is invalid, used or expired.");
                }
                yield issue(true);
            }
            default -> throw new TikiError(400, "unsupported_grant_type", "grant_type '" + grantType + "' is not supported.");
        };
    }

    /** client_secret_basic (HTTP Basic) or client_secret_post (in the form), as the app registration chooses. */
    private void authenticateClient(String authorization, Map<String, String> form) {
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new TikiError(401, "invalid_client", "The Basic credentials are not Base64.");
            }
            int colon = decoded.indexOf(':');
            id = colon < 0 ? decoded : decoded.substring(0, colon);
            secret = colon < 0 ? "" : decoded.substring(colon + 1);
        }
        if (!credentials.clientId().equals(id) || !credentials.clientSecret().equals(secret)) {
            throw new TikiError(401, "invalid_client", "Client authentication failed.");
        }
    }

    private ObjectNode issue(boolean withRefresh) {
        String access = UUID.randomUUID() + "." + UUID.randomUUID().toString().replace("-", "");
        Instant now = clock.now();
        accessTokens.put(access, new Grant(now.plus(ACCESS_TOKEN_VALIDITY), withRefresh));
        ObjectNode answer = JSON.createObjectNode().put("access_token", access)
                .put("expires_in", ACCESS_TOKEN_VALIDITY.toSeconds()).put("token_type", "bearer")
                .put("scope", withRefresh ? "offline product order" : "product order");
        if (withRefresh) {
            String refresh = UUID.randomUUID() + "." + UUID.randomUUID().toString().replace("-", "");
            refreshTokens.put(refresh, now.plus(REFRESH_TOKEN_VALIDITY));
            answer.put("refresh_token", refresh);
        }
        return answer;
    }

    // ---- listings -------------------------------------------------------------------------------------------

    private ObjectNode listing(LoopbackHttpServer.Exchange exchange, String path) {
        if (!exchange.method().equals("GET")) {
            throw new TikiError(405, "invalid_request", path + " takes GET.");
        }
        String authorization = exchange.requestHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new TikiError(401, "invalid_token", "A Bearer access token is required.");
        }
        Grant grant = accessTokens.get(authorization.substring(7).trim());
        if (grant == null) {
            throw new TikiError(401, "invalid_token", "The access token is unknown or malformed.");
        }
        if (!clock.now().isBefore(grant.expires())) {
            throw new TikiError(401, "invalid_token", "The access token expired.");
        }
        if (failingAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new TikiError(500, "internal_error", "Something went wrong, please try again.");
        }
        Map<String, String> query = exchange.query();
        int page = intParam(query, "page", 1, 1, Integer.MAX_VALUE);
        int limit = intParam(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        Instant from = time(query, "updated_from_date");
        Instant to = time(query, "updated_to_date");
        if (from != null && to != null && from.isAfter(to)) {
            throw new TikiError(400, "invalid_request", "updated_from_date must not be after updated_to_date.");
        }
        ArrayNode data = JSON.createArrayNode();
        int total;
        if (path.equals(PRODUCTS)) {
            List<PartnerShop.Product> matching = shop.products().stream().filter(p -> within(p.updated(), from, to)).toList();
            total = matching.size();
            slice(matching, page, limit).forEach(p -> data.add(product(p)));
        } else {
            String status = query.get("status");
            List<PartnerShop.Order> matching = shop.orders().stream().filter(o -> within(o.updated(), from, to))
                    .filter(o -> status == null || status.equals(orderStatus(o))).toList();
            total = matching.size();
            slice(matching, page, limit).forEach(o -> data.add(order(o)));
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("data", data);
        int lastPage = Math.max(1, (total + limit - 1) / limit);
        int first = (page - 1) * limit + 1;
        answer.putObject("paging").put("total", total).put("per_page", limit).put("current_page", page)
                .put("last_page", lastPage).put("from", data.isEmpty() ? 0 : first).put("to", data.isEmpty() ? 0 : first + data.size() - 1);
        return answer;
    }

    private ObjectNode product(PartnerShop.Product p) {
        ObjectNode product = JSON.createObjectNode().put("product_id", productId(p)).put("sku", "TK" + productId(p))
                .put("original_sku", p.sku()).put("name", p.name()).put("master_id", productId(p))
                .put("type", "simple").put("entity_type", "seller_simple").put("active", p.listed() ? 1 : 0)
                .put("price", p.priceVnd()).put("market_price", p.priceVnd() + p.priceVnd() / 10)
                .put("created_at", format(p.created())).put("updated_at", format(p.updated()));
        product.putObject("brand").put("name", p.brand());
        product.putObject("categories").put("name", p.category());
        product.putObject("inventory").put("inventory_type", "dropship").put("fulfillment_type", "dropship")
                .put("quantity_available", p.stock());
        return product;
    }

    private ObjectNode order(PartnerShop.Order o) {
        ObjectNode order = JSON.createObjectNode().put("id", 310_000_000L + o.index()).put("code", orderCode(o))
                .put("status", orderStatus(o)).put("created_at", format(o.created())).put("updated_at", format(o.updated()));
        order.putObject("customer").put("id", customerId(o)).put("full_name", o.buyer().name());
        order.putObject("invoice").put("items_count", o.lines().size())
                .put("items_quantity", o.lines().stream().mapToInt(PartnerShop.Line::quantity).sum())
                .put("subtotal", o.subtotalVnd()).put("shipping_amount", o.shippingFeeVnd()).put("grand_total", o.totalVnd())
                .put("payment_method", o.paymentMethod().equals("COD") ? "cod" : "tikicard");
        ObjectNode address = order.putObject("shipping").putObject("address");
        address.put("full_name", o.buyer().name()).put("phone", o.buyer().phone()).put("street", o.buyer().street())
                .put("ward", o.buyer().ward()).put("district", o.buyer().district()).put("region", o.buyer().province())
                .put("country", "Việt Nam");
        ArrayNode items = order.putArray("items");
        for (int i = 0; i < o.lines().size(); i++) {
            PartnerShop.Line line = o.lines().get(i);
            ObjectNode item = items.addObject().put("id", (310_000_000L + o.index()) * 10 + i);
            item.putObject("product").put("id", 70_100_000L + line.productIndex()).put("sku", "TK" + (70_100_000L + line.productIndex()))
                    .put("name", line.productName()).put("seller_product_code", line.sku());
            item.putObject("invoice").put("price", line.unitPriceVnd()).put("quantity", line.quantity())
                    .put("subtotal", line.amountVnd()).put("row_total", line.amountVnd());
        }
        return order;
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    static long productId(PartnerShop.Product p) {
        return 70_100_000L + p.index();
    }

    /** The shop's buyers are drawn one per order, so each order has a customer of its own. */
    static long customerId(PartnerShop.Order o) {
        return 12_000_000L + o.index();
    }

    static String orderCode(PartnerShop.Order o) {
        return Long.toString(410_000_000L + o.index());
    }

    private static String orderStatus(PartnerShop.Order o) {
        return switch (o.status()) {
            case UNPAID -> "queueing";
            case READY_TO_SHIP -> "processing";
            case SHIPPED -> "shipping";
            case COMPLETED -> "complete";
            case CANCELLED -> "canceled";
        };
    }

    private static int index(long id, long base, int count) {
        long index = id - base;
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("no Tiki record " + id + " in the fake; see productIds() and orderCodes()");
        }
        return (int) index;
    }

    private static boolean within(Instant time, Instant from, Instant to) {
        Instant second = time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return (from == null || !second.isBefore(from)) && (to == null || !second.isAfter(to));
    }

    private static <T> List<T> slice(List<T> matching, int page, int limit) {
        long from = Math.min((long) (page - 1) * limit, matching.size());
        return matching.subList((int) from, (int) Math.min(from + limit, matching.size()));
    }

    private static String format(Instant instant) {
        return TIME.format(LocalDateTime.ofInstant(instant, VIETNAM));
    }

    private static Instant time(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.trim(), TIME).atZone(VIETNAM).toInstant();
        } catch (DateTimeParseException e) {
            throw new TikiError(400, "invalid_request", name + " must be yyyy-MM-dd HH:mm:ss, got '" + value + "'.");
        }
    }

    private static int intParam(Map<String, String> query, String name, int fallback, int min, int max) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new TikiError(400, "invalid_request", name + " must be between " + min + " and " + max + ", got " + value + ".");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new TikiError(400, "invalid_request", name + " must be an integer, got '" + value + "'.");
        }
    }
}
