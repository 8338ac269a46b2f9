package vn.ecomdss.transform;

import java.util.List;

import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.CopyWriter;
import vn.ecomdss.pipeline.EntityDefinition;

/** {@code target: sales}: the order (and cart) entities of every source, one row per line, into {@code staging.sales_line}. */
@Component
public final class SalesLineStaging implements StagingTarget<StagedSalesLine> {

    private static final String COPY = """
            copy staging.sales_line (run_id, source, order_id, line_number, customer_id, product_id, order_ts,
                platform, payment_method, order_status, shipping_city, quantity, unit_price, discount_amount,
                currency, envelope_id, fetched_at, sales_line_key, order_date) from stdin
            """;

    private final CopyWriter staging;

    public SalesLineStaging(CopyWriter staging) {
        this.staging = staging;
    }

    @Override
    public String name() {
        return "sales";
    }

    @Override
    public String table() {
        return "staging.sales_line";
    }

    @Override
    public boolean reads(EntityDefinition entity) {
        return entity.target().equals("order");
    }

    @Override
    public Transformation<StagedSalesLine> transformation() {
        SalesTransformer sales = new SalesTransformer();
        return (record, entity, source, run) -> sales.transform(record, entity, source.currency(), run);
    }

    @Override
    public void write(List<? extends StagedSalesLine> rows) {
        staging.copy(table(), COPY, rows, s -> new Object[] {s.runId(), s.source(), s.orderId(), s.lineNumber(),
                s.customerId(), s.productId(), s.orderTs(), s.platform(), s.paymentMethod(), s.orderStatus(),
                s.shippingCity(), s.quantity(), s.unitPrice(), s.discountAmount(), s.currency(), s.envelopeId(),
                s.fetchedAt(), s.salesLineKey(), s.orderDate()});
    }
}
