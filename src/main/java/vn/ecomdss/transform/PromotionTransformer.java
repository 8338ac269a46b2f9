package vn.ecomdss.transform;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import vn.ecomdss.lake.LakeRecord;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.RunParameters;

/**
 * Turns a raw promotion into its row: it applies to a product over a date range that does not end before it
 * starts, with a percentage off between 0 and 100 and an amount off that is not negative. Dates are Vietnamese
 * days (a timestamp counts on its day in Asia/Ho_Chi_Minh). The type is a lower-case word ({@code Flash Sale}
 * becomes {@code flash_sale}); a source that maps none has plain {@code promotion}s.
 */
public final class PromotionTransformer {

    static final String UNTYPED = "promotion";

    public List<StagedPromotion> transform(LakeRecord record, EntityDefinition entity, String currency,
                                           RunParameters run) {
        String where = CustomerTransformer.where(record);
        PayloadFields fields = new PayloadFields(record.payload(), entity.fields(), where);
        String productId = fields.text("product_id");
        if (productId == null) {
            throw new TransformException(where + ": product_id " + entity.fields().get("product_id")
                    + " is required: a promotion applies to a product");
        }
        LocalDate start = day(fields, "start_date", entity, where);
        LocalDate end = day(fields, "end_date", entity, where);
        if (end.isBefore(start)) {
            throw new TransformException(where + ": end_date " + end + " is before start_date " + start);
        }
        BigDecimal percent = fields.decimal("discount_percent");
        if (percent != null && (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw new TransformException(where + ": discount_percent must be between 0 and 100, got " + percent);
        }
        BigDecimal amount = fields.decimal("discount_amount");
        if (amount != null && amount.signum() < 0) {
            throw new TransformException(where + ": discount_amount must not be negative, got " + amount);
        }
        return List.of(new StagedPromotion(run.runId(), record.source(), record.naturalId(), productId,
                type(fields.text("type")), fields.text("name"), start, end, percent, amount, currency,
                fields.timestamp("announced_at"), record.envelopeId()));
    }

    private static LocalDate day(PayloadFields fields, String field, EntityDefinition entity, String where) {
        OffsetDateTime at = fields.timestamp(field);
        if (at == null) {
            throw new TransformException(where + ": " + field + " " + entity.fields().get(field)
                    + " is required: a promotion runs over a date range");
        }
        return at.atZoneSameInstant(RunParameters.ZONE).toLocalDate();
    }

    static String type(String raw) {
        if (raw == null) {
            return UNTYPED;
        }
        return raw.toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    }
}
