package vn.ecomdss.warehouse;

import java.util.List;

/**
 * What the SCD2 merge needs to know about one dimension: its table, the staging table it is fed from, the
 * business key, the attributes whose change opens a new version (type 2) and those overwritten in place (type 1).
 * Column names are constants of the code, never user input.
 */
public record Scd2Spec(String name, String table, String surrogateKey, String stagingTable, List<String> businessKey,
                       List<String> type2, List<String> type1) {

    public static final Scd2Spec CUSTOMER = new Scd2Spec("customer", "dw.dim_customer", "customer_key",
            "staging.customer", List.of("source", "customer_id"),
            List.of("full_name", "email", "city", "customer_segment", "income_level", "province_code", "region"),
            List.of("phone_raw", "phone_e164", "phone_carrier", "gender", "birth_year"));

    public static final Scd2Spec PRODUCT = new Scd2Spec("product", "dw.dim_product", "product_key",
            "staging.product", List.of("source", "product_id"),
            List.of("title", "category", "brand", "price", "availability_status"),
            List.of("currency", "original_price", "stock", "rating", "sku", "description"));

    public static final List<Scd2Spec> ALL = List.of(PRODUCT, CUSTOMER);
}
