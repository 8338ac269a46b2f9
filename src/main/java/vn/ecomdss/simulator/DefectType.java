package vn.ecomdss.simulator;

public enum DefectType {
    /** Customer phone that no Vietnamese format accepts, e.g. "12345" or "0912-ABC". */
    PHONE_FORMAT,
    /** Customer city or order shipping_city that is misspelled or not a province at all. */
    CITY_SPELLING,
    /** Product with null name or null price_vnd, customer with null full_name, order without customer_id. */
    MISSING_FIELD,
    /** A record emitted a second time, byte-identical, right after the original. */
    DUPLICATE,
    /** Product price_vnd or the first order line's unit_price_vnd negated. */
    NEGATIVE_PRICE,
    /** Product filed under a shop's own collection ("Hàng mới về") instead of a marketplace category. */
    UNKNOWN_CATEGORY;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
