package vn.ecomdss.transform;

import java.util.List;

import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.CopyWriter;
import vn.ecomdss.pipeline.EntityDefinition;

/** {@code target: promotions}: the promotion entities of every source, one row per promotion, into {@code staging.promotion}. */
@Component
public final class PromotionStaging implements StagingTarget<StagedPromotion> {

    private static final String COPY = """
            copy staging.promotion (run_id, source, promotion_id, product_id, promotion_type, name, start_date,
                end_date, discount_percent, discount_amount, currency, announced_at, envelope_id) from stdin
            """;

    private final CopyWriter staging;

    public PromotionStaging(CopyWriter staging) {
        this.staging = staging;
    }

    @Override
    public String name() {
        return "promotions";
    }

    @Override
    public String table() {
        return "staging.promotion";
    }

    @Override
    public boolean reads(EntityDefinition entity) {
        return entity.target().equals("promotion");
    }

    @Override
    public Transformation<StagedPromotion> transformation() {
        PromotionTransformer promotions = new PromotionTransformer();
        return (record, entity, source, run) -> promotions.transform(record, entity, source.currency(), run);
    }

    @Override
    public void write(List<? extends StagedPromotion> rows) {
        staging.copy(table(), COPY, rows, r -> new Object[] {r.runId(), r.source(), r.promotionId(), r.productId(),
                r.type(), r.name(), r.startDate(), r.endDate(), r.discountPercent(), r.discountAmount(),
                r.currency(), r.announcedAt(), r.envelopeId()});
    }
}
