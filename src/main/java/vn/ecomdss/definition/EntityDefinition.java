package vn.ecomdss.definition;

import java.util.List;
import java.util.Map;

/**
 * One listing of a source: its path, where its records sit in the response, its natural id, the fields a raw
 * record must have (JSON pointer to type), and how it maps onto a warehouse target.
 *
 * @param target   customer, product or order
 * @param fields   target field to one or more JSON pointers (several are joined with a space)
 * @param lines    for orders: the pointer to the array of lines and the mapping of each line
 * @param reviews  for products: the pointer to the array of reviews the product carries and their mapping
 * @param fullSnapshot whether each run fetches every record of the listing, so that a record missing from a run
 *                 was deleted at the source (the SCD2 merge closes it when its dimension says so)
 * @param incremental whether a run transforms only the records the last completed run did not see (its watermark)
 */
public record EntityDefinition(String name, String path, String itemsField, String idPointer, String target,
                               Map<String, String> required, Map<String, List<String>> fields, Lines lines,
                               Lines reviews, boolean fullSnapshot, boolean incremental) {

    public static final Map<String, List<String>> TARGET_FIELDS = Map.of(
            "customer", List.of("full_name", "email", "phone", "city", "gender", "birth_year", "birth_date",
                    "income_level", "segment", "changed_at", "deleted"),
            "product", List.of("title", "category", "brand", "price", "original_price", "availability", "stock",
                    "rating", "description", "sku", "changed_at", "deleted", "platform"),
            "platform", List.of("name", "type", "commission_rate", "changed_at", "deleted"),
            "order", List.of("customer_id", "order_ts", "platform", "payment_method", "status", "shipping_city"));

    public static final List<String> LINE_FIELDS = List.of("product_id", "quantity", "unit_price", "discount",
            "discount_percent", "line_number");

    public static final List<String> REVIEW_FIELDS = List.of("rating", "comment", "date", "reviewer_name",
            "reviewer_email");

    public static final List<String> TYPES = List.of("string", "number", "integer", "boolean", "object", "array");

    public record Lines(String pointer, Map<String, List<String>> fields) {
    }
}
