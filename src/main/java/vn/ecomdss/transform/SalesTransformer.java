package vn.ecomdss.transform;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import vn.ecomdss.lake.LakeRecord;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.vn.PaymentMethod;

/**
 * Turns a raw order or cart into order lines. An order without its own date is stamped with the run's logical
 * date; a line without a number gets its position, so a cart holding the same product twice keeps both lines.
 */
public final class SalesTransformer {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final LookupCache<String, String> payments = new LookupCache<>(1_000, SalesTransformer::paymentMethod);

    public List<StagedSalesLine> transform(LakeRecord record, EntityDefinition entity, String currency, RunParameters run) {
        String where = CustomerTransformer.where(record);
        PayloadFields order = new PayloadFields(record.payload(), entity.fields(), where);
        OffsetDateTime orderTs = order.timestamp("order_ts");
        if (orderTs == null) {
            orderTs = run.logicalStart();
        }
        String platform = order.text("platform");
        String paymentRaw = order.text("payment_method");
        String payment = paymentRaw == null ? null : payments.get(paymentRaw);
        Object linesNode = PayloadFields.at(record.payload(), entity.lines().pointer());
        if (!(linesNode instanceof List<?> lines)) {
            throw new TransformException(where + ": " + entity.lines().pointer() + " is not an array of order lines");
        }
        List<StagedSalesLine> staged = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            PayloadFields line = new PayloadFields(lines.get(i), entity.lines().fields(), where + ", line " + (i + 1));
            Integer lineNumber = line.has("line_number") ? line.integer("line_number") : Integer.valueOf(i + 1);
            Integer quantity = line.integer("quantity");
            BigDecimal unitPrice = line.decimal("unit_price");
            String productId = line.text("product_id");
            if (quantity == null || unitPrice == null || productId == null || lineNumber == null) {
                throw new TransformException(where + ", line " + (i + 1)
                        + ": product_id, quantity and unit_price are required");
            }
            staged.add(new StagedSalesLine(run.runId(), record.source(), record.naturalId(), lineNumber,
                    order.text("customer_id"), productId, orderTs,
                    platform == null ? record.source() : platform.toLowerCase(Locale.ROOT),
                    payment, lower(order.text("status")), order.text("shipping_city"),
                    quantity, unitPrice, discount(line, unitPrice, quantity), currency, record.envelopeId(),
                    record.fetchedAt() == null ? null : record.fetchedAt().atOffset(java.time.ZoneOffset.UTC)));
        }
        return staged;
    }

    private static BigDecimal discount(PayloadFields line, BigDecimal unitPrice, int quantity) {
        BigDecimal absolute = line.decimal("discount");
        if (absolute != null) {
            return absolute;
        }
        BigDecimal percent = line.decimal("discount_percent");
        if (percent == null) {
            return BigDecimal.ZERO;
        }
        return unitPrice.multiply(BigDecimal.valueOf(quantity)).multiply(percent).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }

    /** The canonical method when it is known; an unknown method is kept as written, to be reported. */
    private static String paymentMethod(String raw) {
        PaymentMethod method = PaymentMethod.resolve(raw);
        return method == PaymentMethod.UNKNOWN ? raw : method.name();
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
