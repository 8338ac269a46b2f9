package vn.ecomdss.simulator;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.SplittableRandom;

import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The seed's application logs, the {@code ecommerce_logs} collections, deterministic per seed like the
 * {@link MarketEventStreams}: the k-th document of a collection depends only on (seed, collection, k) and is
 * stamped {@code start + k * interval}. Its {@code _id} is an ObjectId whose time is the document's second and
 * whose other bytes are the collection, the seed and k, so writing the same logs twice stores them once. A few
 * documents are broken as real logs are: a user activity without its timestamp or with it as text, a system
 * event without its service, an error logged with an epoch number for a timestamp.
 */
public final class LogDocuments {

    /** A collection: its name, its rate at scale 1, and how often one of its documents is broken. */
    public enum Collection {
        USER_ACTIVITIES("user_activities", 600, Duration.ofMinutes(1), 150),
        SYSTEM_EVENTS("system_events", 30, Duration.ofMinutes(1), 97),
        ERROR_LOGS("error_logs", 6, Duration.ofMinutes(1), 61);

        public final String collection;
        public final int documents;
        public final Duration per;
        /** One document in this many is broken. */
        final int brokenEvery;

        Collection(String collection, int documents, Duration per, int brokenEvery) {
            this.collection = collection;
            this.documents = documents;
            this.per = per;
            this.brokenEvery = brokenEvery;
        }

        public double intervalNanos(double rateScale) {
            return per.toNanos() / (documents * rateScale);
        }
    }

    private static final List<String> ACTIVITY_TYPES = List.of("page_view", "search", "click", "add_to_cart",
            "remove_from_cart", "purchase");
    private static final int[] ACTIVITY_WEIGHTS = {50, 15, 20, 9, 2, 4};
    private static final List<String> PLATFORMS = List.of("shopee", "lazada", "tiki", "sendo", "vnmarket");
    private static final int[] PLATFORM_WEIGHTS = {45, 25, 15, 5, 10};
    private static final List<String> DEVICES = List.of("android_app", "ios_app", "mobile_web", "desktop_web");
    private static final List<String> SEARCHES = List.of("điện thoại samsung", "tai nghe bluetooth", "áo thun nam",
            "nồi chiên không dầu", "sữa rửa mặt", "giày thể thao nữ", "cà phê g7", "ốp lưng iphone");
    private static final List<String> SERVICES = List.of("api-gateway", "order-service", "payment-service",
            "inventory-service", "search-service", "recommendation-service");
    private static final List<String> SYSTEM_EVENT_TYPES = List.of("health_check", "deployment", "config_change",
            "scale_up", "scale_down", "cache_flush", "job_completed");
    private static final int[] SYSTEM_EVENT_WEIGHTS = {50, 5, 5, 10, 10, 5, 15};
    private static final List<String> SEVERITIES = List.of("info", "warning", "critical");
    private static final int[] SEVERITY_WEIGHTS = {80, 16, 4};
    /** Error code, service and message of the errors the services log. */
    private static final List<String[]> ERRORS = List.of(
            new String[] {"PAY-504", "payment-service", "MoMo callback timed out after 30 s"},
            new String[] {"PAY-402", "payment-service", "ZaloPay refused the payment: insufficient balance"},
            new String[] {"INV-409", "inventory-service", "stock reservation conflict on the last unit"},
            new String[] {"ORD-422", "order-service", "shipping address has no ward"},
            new String[] {"GW-429", "api-gateway", "rate limit exceeded for a partner key"},
            new String[] {"SRCH-500", "search-service", "index shard unavailable"},
            new String[] {"DB-1205", "order-service", "deadlock detected, transaction retried"});
    private static final int[] ERROR_WEIGHTS = {25, 15, 15, 15, 15, 5, 10};
    private static final List<String> LEVELS = List.of("ERROR", "CRITICAL");

    private final long seed;
    private final Instant start;
    private final int products;
    private final int customers;

    public LogDocuments(long seed, Instant start) {
        this.seed = seed;
        this.start = start;
        this.products = VnMarketSettings.defaults().products();
        this.customers = VnMarketSettings.defaults().customers();
    }

    /** How many documents of a collection fall within {@code duration} from the start at the given rate scale. */
    public long count(Collection collection, Duration duration, double rateScale) {
        return (long) Math.ceil(duration.toNanos() / collection.intervalNanos(rateScale));
    }

    public Instant timestamp(Collection collection, long k, double rateScale) {
        return start.plusNanos((long) (k * collection.intervalNanos(rateScale)));
    }

    /** Whether the k-th document of the collection is one of its broken ones. */
    public boolean broken(Collection collection, long k) {
        return k % collection.brokenEvery == collection.brokenEvery - 1;
    }

    /** The k-th document of a collection (k from 0). */
    public Document document(Collection collection, long k, double rateScale) {
        SplittableRandom r = SeededRandom.of(seed, collection.collection, k);
        Instant at = timestamp(collection, k, rateScale);
        Document document = new Document("_id", id(collection, k, at));
        switch (collection) {
            case USER_ACTIVITIES -> activity(r, k, document);
            case SYSTEM_EVENTS -> systemEvent(r, document);
            case ERROR_LOGS -> errorLog(r, document);
        }
        document.append("timestamp", Date.from(at));
        if (broken(collection, k)) {
            breakIt(collection, k, at, document);
        }
        return document;
    }

    private void activity(SplittableRandom r, long k, Document document) {
        String type = SeededRandom.pickWeighted(r, ACTIVITY_TYPES, ACTIVITY_WEIGHTS);
        String customer = String.format("VNM-C%06d", 1 + r.nextInt(customers));
        document.append("customer_id", customer)
                .append("session_id", customer + "-L" + (k / 25))
                .append("activity_type", type)
                .append("platform", SeededRandom.pickWeighted(r, PLATFORMS, PLATFORM_WEIGHTS))
                .append("device", SeededRandom.pick(r, DEVICES))
                .append("ip_address", "113.161." + r.nextInt(256) + "." + r.nextInt(256));
        if (type.equals("search")) {
            document.append("search_query", SeededRandom.pick(r, SEARCHES));
        } else {
            String product = String.format("VNM-P%05d", 1 + r.nextInt(products));
            document.append("product_id", product).append("page_url", "/san-pham/" + product.toLowerCase());
        }
    }

    private void systemEvent(SplittableRandom r, Document document) {
        String service = SeededRandom.pick(r, SERVICES);
        String type = SeededRandom.pickWeighted(r, SYSTEM_EVENT_TYPES, SYSTEM_EVENT_WEIGHTS);
        document.append("service", service)
                .append("event_type", type)
                .append("severity", type.equals("health_check") ? SeededRandom.pickWeighted(r, SEVERITIES,
                        SEVERITY_WEIGHTS) : "info")
                .append("message", service + " " + type.replace('_', ' '))
                .append("host", service + "-" + r.nextInt(4));
    }

    private void errorLog(SplittableRandom r, Document document) {
        String[] error = SeededRandom.pickWeighted(r, ERRORS, ERROR_WEIGHTS);
        document.append("service", error[1])
                .append("level", LEVELS.get(r.nextInt(10) == 0 ? 1 : 0))
                .append("error_code", error[0])
                .append("message", error[2])
                .append("trace_id", String.format("%016x", r.nextLong()))
                .append("stack_trace", "vn.ecomdss.shop." + error[1].replace("-", "") + ".Handler.handle(Handler.java:"
                        + (40 + r.nextInt(200)) + ")");
    }

    /** Every second broken user activity has no timestamp, the others carry it as text. */
    private static void breakIt(Collection collection, long k, Instant at, Document document) {
        switch (collection) {
            case USER_ACTIVITIES -> {
                if ((k / collection.brokenEvery) % 2 == 0) {
                    document.remove("timestamp");
                } else {
                    document.put("timestamp", at.toString().replace('T', ' ').replace("Z", ""));
                }
            }
            case SYSTEM_EVENTS -> document.remove("service");
            case ERROR_LOGS -> document.put("timestamp", at.getEpochSecond());
        }
    }

    /** The document's second, then the collection, the seed's low 24 bits and k's low 32 bits. */
    private ObjectId id(Collection collection, long k, Instant at) {
        ByteBuffer bytes = ByteBuffer.allocate(12);
        bytes.putInt((int) at.getEpochSecond());
        bytes.put((byte) collection.ordinal());
        bytes.put((byte) (seed >> 16)).put((byte) (seed >> 8)).put((byte) seed);
        bytes.putInt((int) k);
        return new ObjectId(bytes.array());
    }
}
