package vn.ecomdss.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One listing of a source: its path (for a Kafka source, its topic), where its records sit in the response, its
 * natural id, the fields a raw record must have (JSON pointer to type), and how it maps onto a warehouse target.
 *
 * @param target      customer, product, order, platform, activity (behaviour events counted into the daily user
 *                    activity fact), return (a buyer's return or refund request, into the return fact), promotion
 *                    (a product's flash sale, voucher or campaign over a date range, into the promotion fact), or
 *                    raw (kept in the lake only, not loaded into the warehouse)
 * @param fields      target field to one or more JSON pointers (several are joined with a space)
 * @param lines       for orders: the pointer to the array of lines and the mapping of each line
 * @param reviews     for products: the pointer to the array of reviews the product carries and their mapping
 * @param fullSnapshot whether each run fetches every record of the listing, so that a record missing from a run
 *                    was deleted at the source (the SCD2 merge closes it when its dimension says so)
 * @param changesOnly whether a run transforms only the records the last completed run did not see (its watermark)
 * @param incremental how the extract reads only what changed since the last run, or null to read everything
 * @param listing     for an HTML source: which pages list the items and how items are found on them
 * @param customerSource for activity: the source whose customers the events' customer ids are (the listing's own
 *                    source unless {@code customer-source} names another); null for the other targets
 */
public record EntityDefinition(String name, String path, String itemsField, String idPointer, String target,
                               Map<String, String> required, Map<String, List<String>> fields, Lines lines,
                               Lines reviews, boolean fullSnapshot, boolean changesOnly, Incremental incremental,
                               Listing listing, String customerSource) {

    public static final Map<String, List<String>> TARGET_FIELDS = Map.of(
            "customer", List.of("full_name", "email", "phone", "city", "gender", "birth_year", "birth_date",
                    "income_level", "segment", "changed_at", "deleted"),
            "product", List.of("title", "category", "brand", "price", "original_price", "availability", "stock",
                    "rating", "description", "sku", "changed_at", "deleted", "platform"),
            "platform", List.of("name", "type", "commission_rate", "changed_at", "deleted"),
            "order", List.of("customer_id", "order_ts", "platform", "payment_method", "status", "shipping_city"),
            "activity", List.of("event_type", "occurred_at", "customer_id", "session_id", "product_id", "platform"),
            "return", List.of("order_id", "product_id", "quantity", "refund_amount", "reason", "reason_text",
                    "status", "returned_at", "changed_at"),
            "promotion", List.of("product_id", "type", "name", "start_date", "end_date", "discount_percent",
                    "discount_amount", "announced_at"),
            "raw", List.of());

    /** What an activity event cannot be counted without. */
    public static final List<String> ACTIVITY_REQUIRED_FIELDS = List.of("event_type", "occurred_at", "customer_id");

    public static final List<String> LINE_FIELDS = List.of("product_id", "quantity", "unit_price", "discount",
            "discount_percent", "line_number");

    public static final List<String> REVIEW_FIELDS = List.of("rating", "comment", "date", "reviewer_name",
            "reviewer_email");

    public static final List<String> TYPES = List.of("string", "number", "integer", "boolean", "object", "array");

    public static final List<String> EXTRACT_MODES = List.of("json-ld", "embedded-json", "css");

    public record Lines(String pointer, Map<String, List<String>> fields) {
    }

    /**
     * The record's change marker ({@code field}, an ISO date or timestamp) compared with the watermark kept in
     * {@code ops.source_watermark}; when the API can filter, {@code param} carries the watermark in the query
     * ({@code param-format: date} sends only its date part). {@code lookback} reads again what changed that long
     * before the watermark, for records that arrive late with an older marker (a document store's logs); zero for
     * the other kinds.
     */
    public record Incremental(String field, String param, String paramFormat, Duration lookback) {

        public Incremental(String field, String param, String paramFormat) {
            this(field, param, paramFormat, Duration.ZERO);
        }
    }

    /**
     * Listing pages of a site: {@code paths} (each a category or search page), {@code pageParam} to ask for page
     * 2, 3, ... up to {@code maxPages}. Items are found by {@code extract}: {@code json-ld} (schema.org objects of
     * {@code jsonLdType}, also inside an ItemList), {@code embedded-json} (the JSON in {@code script}, items at the
     * pointer {@code items}) or {@code css} (each element matching {@code items} becomes an object whose
     * {@code cssFields} are selectors, {@code selector@attr} for an attribute). Text at {@code priceFields}
     * (JSON pointers into an item) is parsed as a Vietnamese price.
     */
    public record Listing(List<String> paths, String pageParam, int maxPages, String extract, String jsonLdType,
                          String script, String items, Map<String, String> cssFields, List<String> priceFields) {

        /** What a drifted page failed to match, for the quality check's message. */
        public String selector() {
            return switch (extract) {
                case "json-ld" -> "script[type=application/ld+json] @type=" + jsonLdType;
                case "embedded-json" -> script + " " + items;
                default -> items;
            };
        }
    }
}
