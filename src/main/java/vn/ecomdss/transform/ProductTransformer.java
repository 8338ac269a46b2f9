package vn.ecomdss.transform;

import vn.ecomdss.lake.LakeRecord;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.RunParameters;

/**
 * Maps a raw product onto the warehouse's product; prices stay in the source's currency, and the source's category
 * is kept beside its category in the Vietnamese tree.
 */
public final class ProductTransformer {

    private final CategoryTree categories;

    /** A transformer that maps no category. */
    public ProductTransformer() {
        this(CategoryTree.empty());
    }

    public ProductTransformer(CategoryTree categories) {
        this.categories = categories;
    }

    public StagedProduct transform(LakeRecord record, EntityDefinition entity, String currency, RunParameters run) {
        PayloadFields fields = new PayloadFields(record.payload(), entity.fields(), CustomerTransformer.where(record));
        String category = fields.text("category");
        CategoryTree.Category mapped = categories.map(record.source(), category).orElse(null);
        return new StagedProduct(run.runId(), record.source(), record.naturalId(),
                fields.text("title"),
                category,
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
                record.envelopeId(),
                mapped == null ? null : mapped.code(),
                mapped == null ? null : mapped.name());
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(java.util.Locale.ROOT);
    }
}
