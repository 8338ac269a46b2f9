package vn.ecomdss.transform;

import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.CopyWriter;
import vn.ecomdss.pipeline.EntityDefinition;

/**
 * {@code target: products}: the product entities of every source, in their source's currency and with their category
 * in the Vietnamese tree of {@code reference/categories.yml}, into {@code staging.product}.
 */
@Component
public final class ProductStaging implements StagingTarget<StagedProduct> {

    private static final String COPY = """
            copy staging.product (run_id, source, product_id, title, category, brand, price, availability_status,
                currency, original_price, stock, rating, sku, description, platform, changed_at, is_deleted,
                envelope_id, mapped_category_code, mapped_category_name) from stdin
            """;

    private final CopyWriter staging;
    private final CategoryTree categories;

    /** A target that maps no category. */
    public ProductStaging(CopyWriter staging) {
        this(staging, CategoryTree.empty());
    }

    @Autowired
    public ProductStaging(CopyWriter staging, CategoryTree categories) {
        this.staging = staging;
        this.categories = categories;
    }

    @Override
    public String name() {
        return "products";
    }

    @Override
    public String table() {
        return "staging.product";
    }

    @Override
    public boolean reads(EntityDefinition entity) {
        return entity.target().equals("product");
    }

    @Override
    public Transformation<StagedProduct> transformation() {
        ProductTransformer products = new ProductTransformer(categories);
        return (record, entity, source, run) -> List.of(products.transform(record, entity, source.currency(), run));
    }

    @Override
    public void write(List<? extends StagedProduct> rows) {
        staging.copy(table(), COPY, rows, p -> new Object[] {p.runId(), p.source(), p.productId(), p.title(),
                p.category(), p.brand(), p.price(), p.availabilityStatus(), p.currency(), p.originalPrice(), p.stock(),
                p.rating(), p.sku(), p.description(), p.platform(), p.changedAt(), p.deleted(), p.envelopeId(),
                p.mappedCategoryCode(), p.mappedCategoryName()});
    }
}
