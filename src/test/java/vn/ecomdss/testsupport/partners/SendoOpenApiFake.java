package vn.ecomdss.testsupport.partners;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vn.ecomdss.embedded.LoopbackHttpServer;

/**
 * Sendo Open API ({@code open.sendo.vn}) on 127.0.0.1: {@code /login} with the shop key and secret key for an
 * eight-hour token, product and sales-order search with page tokens and date filters, every answer in Sendo's
 * {@code result / success / error / status_code} envelope, behind a 500-requests-an-hour quota. See
 * {@code README.md} beside this class for the documentation followed and the assumptions made where it is silent.
 */
public final class SendoOpenApiFake extends PartnerFake {

    public static final String LOGIN = "/login";
    public static final String PRODUCT_SEARCH = "/api/partner/product/search";
    public static final String ORDER_SEARCH = "/api/partner/salesorder/search";

    public static final int REQUESTS_PER_HOUR = 500;
    public static final Duration TOKEN_VALIDITY = Duration.ofHours(8);
    public static final Duration PAGE_TOKEN_VALIDITY = Duration.ofMinutes(10);
    public static final int DEFAULT_PAGE_SIZE = 10;
    public static final int MAX_PAGE_SIZE = 50;
    public static final int MAX_STATUS_DATE_DAYS = 3;
    public static final int DEFAULT_ORDER_DAYS = 7;
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    public record Credentials(String shopKey, String secretKey) {
    }

    /** A search as it arrived: its path and its JSON body. */
    public record Search(String path, JsonNode body) {
    }

    /** A request as the fake answered it: its path, when it arrived by the fake's clock, and the status it got. */
    public record Answered(String path, Instant at, int status) {
    }

    /** A page token remembers the search it continues and where; Sendo's page tokens expire, so these do too. */
    private record PageToken(String path, JsonNode criteria, int offset, Instant expires) {
    }

    private static final class SendoError extends RuntimeException {
        final int status;

        SendoError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final Credentials credentials = new Credentials("b1d67039b0bc44fd875a44bc7eef3778", "47d0ebcf5bfc4b4eb32b14217377e7a2");
    private final HourlyQuota quota = new HourlyQuota(clock, REQUESTS_PER_HOUR);
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<String, PageToken> pageTokens = new ConcurrentHashMap<>();
    private final AtomicInteger failingAnswers = new AtomicInteger();
    private final List<Search> searches = new CopyOnWriteArrayList<>();
    private final List<Answered> answered = new CopyOnWriteArrayList<>();

    private SendoOpenApiFake() {
        super("sendo-fake", 17_003L);
    }

    public static SendoOpenApiFake start() {
        return new SendoOpenApiFake();
    }

    public Credentials credentials() {
        return credentials;
    }

    /** Today in Vietnam by the fake's clock, the day the update filters compare with. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.now(), VIETNAM);
    }

    public void expireTokens() {
        Instant past = clock.now().minusSeconds(1);
        tokens.replaceAll((token, expires) -> past);
    }

    /** Spends the rest of this hour's quota, so the next request is refused with 429. */
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

    public void limitRequestsPerHour(int limit) {
        quota.setLimit(limit);
    }

    /** The next {@code times} searches fail with 500 mid-walk; the page token stays good for the retry. */
    public void failNextSearches(int times) {
        failingAnswers.set(times);
    }

    /** Every request answered so far, in order of arrival, refused ones included: when a connector asked again. */
    public List<Answered> answered() {
        return List.copyOf(answered);
    }

    /** The authorized searches received so far, in order, failed ones included: what a connector asked for. */
    public List<Search> searches() {
        return List.copyOf(searches);
    }

    public List<Long> productIds() {
        return shop.products().stream().map(SendoOpenApiFake::productId).toList();
    }

    public List<String> orderNumbers() {
        return shop.orders().stream().map(SendoOpenApiFake::orderNumber).toList();
    }

    /** The order lines of the whole shop, one per {@code sku_details} entry. */
    public int orderLines() {
        return shop.orders().stream().mapToInt(o -> o.lines().size()).sum();
    }

    public void updateProducts(long... ids) {
        for (long id : ids) {
            shop.touchProduct(index(id - 30_500_000L, PartnerShop.PRODUCTS, id), clock.nextChangeTime());
        }
    }

    public void updateOrders(String... numbers) {
        for (String number : numbers) {
            shop.touchOrder(index(Long.parseLong(number) - 2_300_000_000L, PartnerShop.ORDERS, number), clock.nextChangeTime());
        }
    }

    @Override
    protected void handle(LoopbackHttpServer.Exchange exchange) throws IOException {
        String path = exchange.path();
        requests.record(path);
        Instant at = quota.arrival();
        try {
            if (!quota.tryAcquire()) {
                exchange.setHeader("Retry-After", Long.toString(quota.secondsUntilReset()));
                throw new SendoError(429, "Vượt quá giới hạn " + REQUESTS_PER_HOUR + " request mỗi giờ (too many requests).");
            }
            if (!exchange.method().equals("POST")) {
                throw new SendoError(405, path + " takes POST.");
            }
            JsonNode result = switch (path) {
                case LOGIN -> login(body(exchange));
                case PRODUCT_SEARCH, ORDER_SEARCH -> search(exchange, path);
                default -> throw new SendoError(404, "No API at " + path + ".");
            };
            ObjectNode answer = JSON.createObjectNode();
            answer.set("result", result);
            answer.put("success", true).putNull("error");
            answer.put("status_code", 200);
            answered.add(new Answered(path, at, 200));
            exchange.json(200, answer);
        } catch (SendoError e) {
            ObjectNode answer = JSON.createObjectNode().putNull("result").put("success", false);
            answer.putObject("error").put("message", e.getMessage()).put("details", e.getMessage()).putArray("error_details");
            answer.put("status_code", e.status);
            answered.add(new Answered(path, at, e.status));
            exchange.json(e.status, answer);
        }
    }

    private JsonNode login(JsonNode body) {
        if (!credentials.shopKey().equals(body.path("shop_key").asString("")) ||
                !credentials.secretKey().equals(body.path("secret_key").asString(""))) {
            throw new SendoError(401, "shop_key hoặc secret_key không đúng.");
        }
        String token = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        Instant expires = clock.now().plus(TOKEN_VALIDITY);
        tokens.put(token, expires);
        return JSON.createObjectNode().put("token", token).put("expires", expires.toString());
    }

    private JsonNode search(LoopbackHttpServer.Exchange exchange, String path) throws IOException {
        String authorization = exchange.requestHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "bearer ", 0, 7)) {
            throw new SendoError(401, "Thiếu token (Authorization: bearer {token}).");
        }
        Instant expires = tokens.get(authorization.substring(7).trim());
        if (expires == null || !clock.now().isBefore(expires)) {
            throw new SendoError(401, "Token không hợp lệ hoặc đã hết hạn.");
        }
        JsonNode body = body(exchange);
        searches.add(new Search(path, body));
        if (failingAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new SendoError(500, "Hệ thống đang bận, vui lòng thử lại.");
        }
        String tokenValue = body.path("token").asString("");
        JsonNode criteria = body;
        int offset = 0;
        if (!tokenValue.isEmpty()) {
            // A page token wins over every other field of the request, as the documentation says.
            PageToken page = pageTokens.get(tokenValue);
            if (page == null || !page.path().equals(path) || clock.now().isAfter(page.expires())) {
                throw new SendoError(400, "Token phân trang không hợp lệ hoặc đã hết hạn; bỏ token để tìm lại từ đầu.");
            }
            criteria = page.criteria();
            offset = page.offset();
        }
        int pageSize = pageSize(criteria);
        ArrayNode data = JSON.createArrayNode();
        int total;
        if (path.equals(PRODUCT_SEARCH)) {
            List<PartnerShop.Product> matching = products(criteria);
            total = matching.size();
            slice(matching, offset, pageSize).forEach(p -> data.add(product(p)));
        } else {
            List<PartnerShop.Order> matching = orders(criteria);
            total = matching.size();
            slice(matching, offset, pageSize).forEach(o -> data.add(order(o)));
        }
        ObjectNode result = JSON.createObjectNode();
        result.set("data", data);
        result.put("total_records", total);
        int next = offset + data.size();
        result.put("next_token", next < total ? pageToken(path, criteria, next) : null);
        result.put("previous_token", offset > 0 ? pageToken(path, criteria, Math.max(0, offset - pageSize)) : null);
        return result;
    }

    private List<PartnerShop.Product> products(JsonNode criteria) {
        LocalDate from = date(criteria, "date_from");
        LocalDate to = date(criteria, "date_to");
        String name = criteria.path("product_name").asString("");
        Integer status = criteria.path("status").isNumber() ? criteria.path("status").asInt() : null;
        return shop.products().stream()
                .filter(onDays(from, to, PartnerShop.Product::updated))
                .filter(p -> name.isBlank() || p.name().toLowerCase().contains(name.toLowerCase()))
                .filter(p -> status == null || status == productStatus(p))
                .toList();
    }

    private List<PartnerShop.Order> orders(JsonNode criteria) {
        LocalDate orderFrom = date(criteria, "order_date_from");
        LocalDate orderTo = date(criteria, "order_date_to");
        LocalDate statusFrom = date(criteria, "order_status_date_from");
        LocalDate statusTo = date(criteria, "order_status_date_to");
        if ((statusFrom == null) != (statusTo == null)) {
            throw new SendoError(400, "order_status_date_from và order_status_date_to phải đi cùng nhau.");
        }
        if (statusFrom != null && (statusFrom.isAfter(statusTo) || ChronoUnit.DAYS.between(statusFrom, statusTo) >= MAX_STATUS_DATE_DAYS)) {
            throw new SendoError(400, "Tìm kiếm theo order_status_date chỉ trong phạm vi " + MAX_STATUS_DATE_DAYS + " ngày.");
        }
        if (orderFrom == null && orderTo == null && statusFrom == null) {
            // Without any date the search covers the last seven days of order_date.
            orderTo = today();
            orderFrom = orderTo.minusDays(DEFAULT_ORDER_DAYS - 1);
        }
        Integer status = criteria.path("order_status").isNumber() ? criteria.path("order_status").asInt() : null;
        return shop.orders().stream()
                .filter(onDays(orderFrom, orderTo, PartnerShop.Order::created))
                .filter(onDays(statusFrom, statusTo, PartnerShop.Order::updated))
                .filter(o -> status == null || status == orderStatus(o))
                .toList();
    }

    private ObjectNode product(PartnerShop.Product p) {
        return JSON.createObjectNode().put("id", productId(p)).put("sku", p.sku()).put("name", p.name())
                .put("category_4_name", p.category()).put("brand_name", p.brand())
                .put("price", p.priceVnd()).put("special_price", p.priceVnd() * 95 / 100 / 1000 * 1000)
                .put("stock_quantity", p.stock()).put("stock_availability", p.stock() > 0)
                .put("status", productStatus(p))
                .put("created_at_timestamp", p.created().getEpochSecond())
                .put("updated_at_timestamp", p.updated().getEpochSecond());
    }

    private ObjectNode order(PartnerShop.Order o) {
        ObjectNode entry = JSON.createObjectNode();
        entry.putObject("sales_order").put("order_number", orderNumber(o)).put("order_status", orderStatus(o))
                .put("payment_status", o.status() == PartnerShop.Status.UNPAID ? 1 : 2)
                .put("payment_method", o.paymentMethod().equals("COD") ? 1 : 2)
                .put("order_date_time_stamp", o.created().getEpochSecond())
                .put("order_status_date_time_stamp", o.updated().getEpochSecond())
                .put("receiver_name", o.buyer().name()).put("buyer_phone", o.buyer().phone())
                .put("buyer_address", o.buyer().street()).put("buyer_ward", o.buyer().ward())
                .put("buyer_district", o.buyer().district()).put("buyer_region", o.buyer().province())
                .put("sub_total", o.subtotalVnd()).put("shipping_fee", o.shippingFeeVnd()).put("total_amount", o.totalVnd());
        ArrayNode skus = entry.putArray("sku_details");
        for (PartnerShop.Line line : o.lines()) {
            skus.addObject().put("product_variant_id", 30_500_000L + line.productIndex()).put("sku", line.sku())
                    .put("product_name", line.productName()).put("quantity", line.quantity())
                    .put("price", line.unitPriceVnd()).put("amount", line.amountVnd());
        }
        return entry;
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    static long productId(PartnerShop.Product p) {
        return 30_500_000L + p.index();
    }

    static String orderNumber(PartnerShop.Order o) {
        return Long.toString(2_300_000_000L + o.index());
    }

    /** Sendo's product_status: 2 approved (on sale), 3 rejected, 4 cancelled (taken off sale); only 2 and 4 occur here. */
    private static int productStatus(PartnerShop.Product p) {
        return p.listed() ? 2 : 4;
    }

    /** Sendo's order_status codes: 2 new, 3 processing, 6 shipping, 8 completed, 13 cancelled. */
    private static int orderStatus(PartnerShop.Order o) {
        return switch (o.status()) {
            case UNPAID -> 2;
            case READY_TO_SHIP -> 3;
            case SHIPPED -> 6;
            case COMPLETED -> 8;
            case CANCELLED -> 13;
        };
    }

    private String pageToken(String path, JsonNode criteria, int offset) {
        String token = UUID.randomUUID().toString();
        pageTokens.put(token, new PageToken(path, criteria, offset, clock.now().plus(PAGE_TOKEN_VALIDITY)));
        return token;
    }

    private static int pageSize(JsonNode criteria) {
        JsonNode size = criteria.path("page_size");
        if (size.isMissingNode() || size.isNull()) {
            return DEFAULT_PAGE_SIZE;
        }
        if (!size.isIntegralNumber() || size.asInt() < 1 || size.asInt() > MAX_PAGE_SIZE) {
            throw new SendoError(400, "page_size phải từ 1 đến " + MAX_PAGE_SIZE + ", nhận được " + size + ".");
        }
        return size.asInt();
    }

    private static <T> Predicate<T> onDays(LocalDate from, LocalDate to, java.util.function.Function<T, Instant> time) {
        return t -> {
            LocalDate day = LocalDate.ofInstant(time.apply(t), VIETNAM);
            return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
        };
    }

    /** Dates as the documentation writes them, 2020/06/01; its own curl sample writes 2020-05-01, so both are read. */
    private static LocalDate date(JsonNode criteria, String name) {
        String value = criteria.path(name).asString("");
        if (value.isBlank()) {
            return null;
        }
        try {
            return value.contains("/") ? LocalDate.parse(value.trim(), SLASHED) : LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new SendoError(400, name + " phải có dạng yyyy/MM/dd, nhận được '" + value + "'.");
        }
    }

    private static <T> List<T> slice(List<T> matching, int offset, int size) {
        int from = Math.min(offset, matching.size());
        return matching.subList(from, Math.min(from + size, matching.size()));
    }

    private static int index(long index, int count, Object id) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("no Sendo record " + id + " in the fake; see productIds() and orderNumbers()");
        }
        return (int) index;
    }

    private static JsonNode body(LoopbackHttpServer.Exchange exchange) throws IOException {
        byte[] bytes = RequestBodies.bytes(exchange);
        if (bytes.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode body = JSON.readTree(bytes);
            if (!body.isObject()) {
                throw new SendoError(400, "The body must be a JSON object.");
            }
            return body;
        } catch (JacksonException e) {
            throw new SendoError(400, "The body is not JSON: " + e.getOriginalMessage());
        }
    }
}
