package vn.ecomdss.transform;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import vn.ecomdss.lake.LakeRecord;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.RunParameters;

/**
 * Turns a raw return into its row: the order it belongs to is required, a quantity is at least one and a refund
 * is not negative. A return without its own date is stamped with the run's logical date, as an order is.
 */
public final class ReturnTransformer {

    public List<StagedReturn> transform(LakeRecord record, EntityDefinition entity, String currency, RunParameters run) {
        String where = CustomerTransformer.where(record);
        PayloadFields fields = new PayloadFields(record.payload(), entity.fields(), where);
        String orderId = fields.text("order_id");
        if (orderId == null) {
            throw new TransformException(where + ": order_id " + entity.fields().get("order_id")
                    + " is required: a return belongs to an order");
        }
        Integer quantity = fields.integer("quantity");
        if (quantity != null && quantity < 1) {
            throw new TransformException(where + ": quantity must be at least 1, got " + quantity);
        }
        BigDecimal refund = fields.decimal("refund_amount");
        if (refund != null && refund.signum() < 0) {
            throw new TransformException(where + ": refund_amount must not be negative, got " + refund);
        }
        OffsetDateTime returnedAt = fields.timestamp("returned_at");
        String status = fields.text("status");
        return List.of(new StagedReturn(run.runId(), record.source(), record.naturalId(), orderId,
                fields.text("product_id"), quantity, refund, currency, fields.text("reason"),
                fields.text("reason_text"), status == null ? null : status.toLowerCase(Locale.ROOT),
                returnedAt == null ? run.logicalStart() : returnedAt, fields.timestamp("changed_at"),
                record.envelopeId()));
    }
}
