package vn.ecomdss.warehouse;

import java.util.List;

/**
 * What the SCD2 merge needs to know about one dimension: its table, the staging table it is fed from (one row per
 * raw envelope, with {@code changed_at}, {@code is_deleted} and {@code envelope_id}), the business key, the
 * attributes whose change opens a new version (type 2) and those overwritten in place (type 1), and whether a key
 * missing from a source's full snapshot counts as deleted. Column names are constants of the code, never user input.
 */
public record Scd2Spec(String name, String table, String surrogateKey, String stagingTable, List<String> businessKey,
                       List<String> type2, List<String> type1, boolean closeMissing) {

    public static final Scd2Spec CUSTOMER = new Scd2Spec("customer", "dw.dim_customer", "customer_key",
            "staging.customer", List.of("source", "customer_id"),
            List.of("full_name", "email", "city", "customer_segment", "income_level", "province_code", "region"),
            List.of("phone_raw", "phone_e164", "phone_carrier", "gender", "birth_year"), false);

    /**
     * A change of the source's category opens a version; its mapped category is our reading of it, so a corrected
     * mapping is written into the current version in place.
     */
    public static final Scd2Spec PRODUCT = new Scd2Spec("product", "dw.dim_product", "product_key",
            "staging.product", List.of("source", "product_id"),
            List.of("title", "category", "brand", "price", "availability_status"),
            List.of("currency", "original_price", "stock", "rating", "sku", "description", "mapped_category_code",
                    "mapped_category_name"), false);

    /** Platforms are keyed by code alone: one marketplace seen by several sources is one platform. */
    public static final Scd2Spec PLATFORM = new Scd2Spec("platform", "dw.dim_platform", "platform_key",
            "staging.platform", List.of("platform_code"),
            List.of("platform_name", "platform_type", "commission_rate"),
            List.of("source"), false);

    public static final List<Scd2Spec> ALL = List.of(PLATFORM, PRODUCT, CUSTOMER);

    public Scd2Spec withCloseMissing(boolean close) {
        return new Scd2Spec(name, table, surrogateKey, stagingTable, businessKey, type2, type1, close);
    }

    public List<String> attributes() {
        return java.util.stream.Stream.concat(type2.stream(), type1.stream()).toList();
    }
}
