package vn.ecomdss.ml;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/**
 * What the customer models share: they learn from the point-in-time customer features ({@link CustomerFeatures},
 * built from the warehouse's sales, customers and activity), and each fills its columns of the same row of
 * {@code ml.customer_value} ({@link CustomerValueTable}).
 */
abstract class CustomerModelKind implements ModelKind {

    protected final CustomerFeatures features;
    protected final CustomerValueTable table;
    protected final JsonMapper json;

    CustomerModelKind(CustomerFeatures features, CustomerValueTable table, JsonMapper json) {
        this.features = features;
        this.table = table;
        this.json = json;
    }

    @Override
    public final List<String> reads() {
        return List.of("dw.fact_sales", "dw.dim_customer", "dw.fact_user_activity_daily");
    }

    @Override
    public final String scores() {
        return "ml.customer_value";
    }
}
