package vn.ecomdss.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The vnmarket event streams, deterministic per seed: the k-th event of a stream depends only on (seed, stream,
 * k), and it occurs at {@code start + k * interval}, where the interval follows from the stream's rate. So two
 * runs with the same seed, start and duration produce exactly the same events, whatever the machine's speed.
 * Customers and products are the vnmarket marketplace's ({@code VNM-C000001}, {@code VNM-P00001}).
 */
public final class MarketEventStreams {

    public static final int SCHEMA_VERSION = 1;

    /** A stream: its Kafka topic, its rate at scale 1 (the original system's), and the prefix of its event ids. */
    public enum Stream {
        USER_EVENTS("user_events", 1000, Duration.ofMinutes(1), "ue"),
        TRANSACTIONS("transaction_stream", 500, Duration.ofHours(1), "tx"),
        PRICE_CHANGES("price_changes", 200, Duration.ofMinutes(1), "pc"),
        SOCIAL_MENTIONS("social_mentions", 60, Duration.ofMinutes(1), "sm"),
        /** Order lines as they are sold, two lines per order (Avro, see job-definitions/topics/seed.yml). */
        SALES_EVENTS("sales_events", 1000, Duration.ofHours(1), "se"),
        INVENTORY_EVENTS("inventory_events", 100, Duration.ofMinutes(1), "ie"),
        CUSTOMER_EVENTS("customer_events", 20, Duration.ofMinutes(1), "ce");

        public final String topic;
        public final int events;
        public final Duration per;
        final String prefix;

        Stream(String topic, int events, Duration per, String prefix) {
            this.topic = topic;
            this.events = events;
            this.per = per;
            this.prefix = prefix;
        }

        /** Nanoseconds between two events at the given rate scale. */
        public double intervalNanos(double rateScale) {
            return per.toNanos() / (events * rateScale);
        }
    }

    private static final List<String> USER_EVENT_TYPES = List.of("page_view", "search", "click", "add_to_cart",
            "remove_from_cart", "purchase");
    private static final int[] USER_EVENT_WEIGHTS = {50, 15, 20, 9, 2, 4};
    private static final List<String> SEARCHES = List.of("điện thoại samsung", "tai nghe bluetooth", "áo thun nam",
            "nồi chiên không dầu", "sữa rửa mặt", "giày thể thao nữ", "bình sữa pigeon", "cà phê g7", "laptop",
            "ốp lưng iphone");
    private static final List<String> DEVICES = List.of("android_app", "ios_app", "mobile_web", "desktop_web");
    private static final List<String> TRANSACTION_TYPES = List.of("order_created", "payment_succeeded",
            "payment_failed", "shipment_dispatched", "shipment_delivered", "return_requested", "refund_issued");
    private static final int[] TRANSACTION_WEIGHTS = {30, 25, 3, 20, 15, 4, 3};
    private static final List<String> PAYMENTS = List.of("MOMO", "ZALOPAY", "VNPAY", "SHOPEEPAY", "COD",
            "BANK_TRANSFER", "CREDIT_CARD");
    private static final List<String> PRICE_CHANGE_TYPES = List.of("price_update", "inventory_update",
            "promotion_start", "promotion_end", "flash_sale");
    private static final int[] PRICE_CHANGE_WEIGHTS = {35, 35, 12, 10, 8};
    private static final List<String> SALES_PLATFORMS = List.of("shopee", "lazada", "tiki", "sendo", "vnmarket");
    private static final int[] SALES_PLATFORM_WEIGHTS = {45, 25, 15, 5, 10};
    private static final List<String> INVENTORY_REASONS = List.of("restock", "sale", "return", "count");
    private static final List<String> CUSTOMER_EVENT_TYPES = List.of("signup", "profile_update", "address_change");
    private static final List<String> SOCIAL_PLATFORMS = List.of("facebook", "tiktok", "zalo", "youtube", "instagram");
    private static final List<String> SENTIMENTS = List.of("positive", "neutral", "negative");
    private static final List<String> MENTIONS = List.of("Giao hàng nhanh, đóng gói cẩn thận",
            "Hàng chính hãng, giá tốt hơn ngoài cửa hàng", "Shop tư vấn nhiệt tình", "Sản phẩm không giống mô tả",
            "Đang sale 12.12 mọi người ơi", "Dùng được một tuần thì hỏng", "Voucher freeship áp dụng được");

    private final long seed;
    private final Instant start;
    private final int products;
    private final int customers;

    public MarketEventStreams(long seed, Instant start) {
        this(seed, start, VnMarketSettings.defaults().products(), VnMarketSettings.defaults().customers());
    }

    MarketEventStreams(long seed, Instant start, int products, int customers) {
        this.seed = seed;
        this.start = start;
        this.products = products;
        this.customers = customers;
    }

    /** How many events of a stream fall within {@code duration} from the start at the given rate scale. */
    public long count(Stream stream, Duration duration, double rateScale) {
        return (long) Math.ceil(duration.toNanos() / stream.intervalNanos(rateScale));
    }

    public Instant occurredAt(Stream stream, long k, double rateScale) {
        return start.plusNanos((long) (k * stream.intervalNanos(rateScale)));
    }

    /** The k-th event of a stream (k from 0), as a JSON-ready map. */
    public Map<String, Object> event(Stream stream, long k, double rateScale) {
        SplittableRandom r = SeededRandom.of(seed, stream.topic, k);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schema_version", SCHEMA_VERSION);
        event.put("event_id", String.format("%s-%d-%09d", stream.prefix, seed, k));
        event.put("occurred_at", occurredAt(stream, k, rateScale).toString());
        switch (stream) {
            case USER_EVENTS -> userEvent(r, k, event);
            case TRANSACTIONS -> transaction(r, event);
            case PRICE_CHANGES -> priceChange(r, event);
            case SOCIAL_MENTIONS -> mention(r, event);
            case SALES_EVENTS -> sale(k, event);
            case INVENTORY_EVENTS -> inventory(r, event);
            case CUSTOMER_EVENTS -> customerEvent(r, event);
        }
        return event;
    }

    private void userEvent(SplittableRandom r, long k, Map<String, Object> event) {
        String type = SeededRandom.pickWeighted(r, USER_EVENT_TYPES, USER_EVENT_WEIGHTS);
        String customer = customer(r);
        event.put("event_type", type);
        event.put("customer_id", customer);
        // About twenty events per session: the session follows from the customer and the event's block of time.
        event.put("session_id", customer + "-S" + (k / 20));
        event.put("device", SeededRandom.pick(r, DEVICES));
        event.put("province", VietnamGeography.pickProvince(r).canonical());
        if (type.equals("search")) {
            event.put("query", SeededRandom.pick(r, SEARCHES));
        } else {
            event.put("product_id", product(r));
        }
        if (type.equals("add_to_cart") || type.equals("purchase")) {
            event.put("quantity", 1 + r.nextInt(3));
        }
    }

    private void transaction(SplittableRandom r, Map<String, Object> event) {
        event.put("event_type", SeededRandom.pickWeighted(r, TRANSACTION_TYPES, TRANSACTION_WEIGHTS));
        event.put("order_id", String.format("VNM-S%07d", r.nextInt(10_000_000)));
        event.put("customer_id", customer(r));
        event.put("amount_vnd", 1000L * (20 + r.nextInt(5_000)));
        event.put("payment_method", SeededRandom.pick(r, PAYMENTS));
        event.put("province", VietnamGeography.pickProvince(r).canonical());
    }

    private void priceChange(SplittableRandom r, Map<String, Object> event) {
        String type = SeededRandom.pickWeighted(r, PRICE_CHANGE_TYPES, PRICE_CHANGE_WEIGHTS);
        event.put("event_type", type);
        event.put("product_id", product(r));
        long old = 1000L * (50 + r.nextInt(20_000));
        switch (type) {
            case "inventory_update" -> event.put("stock", r.nextInt(500));
            case "promotion_start", "flash_sale" -> {
                int percent = type.equals("flash_sale") ? 30 + r.nextInt(40) : 5 + r.nextInt(25);
                event.put("old_price_vnd", old);
                event.put("new_price_vnd", Math.round(old * (100 - percent) / 100_000.0) * 1000);
                event.put("discount_percent", percent);
                event.put("voucher", SeededRandom.pick(r, ProductCatalogue.VOUCHERS));
            }
            default -> {
                event.put("old_price_vnd", old);
                event.put("new_price_vnd", Math.max(1000, Math.round(old * (0.9 + 0.2 * r.nextDouble()) / 1000) * 1000));
            }
        }
    }

    private void mention(SplittableRandom r, Map<String, Object> event) {
        event.put("event_type", "mention");
        event.put("platform", SeededRandom.pick(r, SOCIAL_PLATFORMS));
        event.put("product_id", product(r));
        event.put("sentiment", SeededRandom.pickWeighted(r, SENTIMENTS, new int[] {55, 30, 15}));
        event.put("text", SeededRandom.pick(r, MENTIONS));
        event.put("reach", 10 + r.nextInt(50_000));
    }

    /** Line {@code k % 2 + 1} of order {@code k / 2}: both lines share the order's customer, platform and place. */
    private void sale(long k, Map<String, Object> event) {
        long order = k / 2;
        SplittableRandom o = SeededRandom.of(seed, "sales_orders", order);
        SplittableRandom line = SeededRandom.of(seed, "sales_lines", k);
        event.put("event_type", "order_line_sold");
        event.put("source", "vnmarket");
        event.put("order_id", String.format("VNM-R%d-%08d", seed, order));
        event.put("line_number", (int) (k % 2) + 1);
        event.put("customer_id", customer(o));
        event.put("platform", SeededRandom.pickWeighted(o, SALES_PLATFORMS, SALES_PLATFORM_WEIGHTS));
        event.put("province", VietnamGeography.pickProvince(o).canonical());
        event.put("payment_method", SeededRandom.pick(o, PAYMENTS));
        event.put("product_id", product(line));
        event.put("quantity", 1 + line.nextInt(3));
        long unitPrice = 1000L * (20 + line.nextInt(3_000));
        event.put("unit_price_vnd", unitPrice);
        event.put("discount_vnd", line.nextInt(4) == 0 ? unitPrice / 10 / 1000 * 1000 : 0L);
    }

    private void inventory(SplittableRandom r, Map<String, Object> event) {
        String reason = SeededRandom.pick(r, INVENTORY_REASONS);
        event.put("event_type", "stock_changed");
        event.put("source", "vnmarket");
        event.put("product_id", product(r));
        event.put("warehouse", VietnamGeography.pickProvince(r).canonical());
        event.put("change", reason.equals("sale") ? -(1 + r.nextInt(3)) : reason.equals("count") ? 0 : 1 + r.nextInt(50));
        event.put("stock", r.nextInt(500));
        event.put("reason", reason);
    }

    private void customerEvent(SplittableRandom r, Map<String, Object> event) {
        event.put("event_type", SeededRandom.pick(r, CUSTOMER_EVENT_TYPES));
        event.put("customer_id", customer(r));
        event.put("province", VietnamGeography.pickProvince(r).canonical());
    }

    private String customer(SplittableRandom r) {
        return String.format("VNM-C%06d", 1 + r.nextInt(customers));
    }

    private String product(SplittableRandom r) {
        return String.format("VNM-P%05d", 1 + r.nextInt(products));
    }
}
