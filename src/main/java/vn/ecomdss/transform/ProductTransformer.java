package vn.ecomdss.transform;

import vn.ecomdss.lake.LakeRecord;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.RunParameters;

/** Maps a raw product onto the warehouse's product; prices stay in the source's currency. */
public final class ProductTransformer {

    public StagedProduct transform(LakeRecord record, EntityDefinition entity, String currency, RunParameters run) {
        PayloadFields fields = new PayloadFields(record.payload(), entity.fields(), CustomerTransformer.where(record));
        return new StagedProduct(run.runId(), record.source(), record.naturalId(),
                fields.text("title"),
                fields.text("category"),
                fields.text("brand"),
                fields.decimal("price"),
                fields.text("availability"),
                currency,
                fields.decimal("original_price"),
                fields.integer("stock"),
                fields.decimal("rating"),
                fields.text("sku"),
                fields.text("description"),
                lower(fields.text("platform")),
                CustomerTransformer.changedAt(fields, record, run),
                fields.flag("deleted"),
                record.envelopeId());
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(java.util.Locale.ROOT);
    }
}
