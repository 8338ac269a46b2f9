package vn.ecomdss.transform;

import java.util.List;

import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.CopyWriter;
import vn.ecomdss.pipeline.EntityDefinition;

/** {@code target: reviews}: the reviews that product entities carry, one row each, into {@code staging.review}. */
@Component
public final class ReviewStaging implements StagingTarget<StagedReview> {

    private static final String COPY = """
            copy staging.review (run_id, source, product_id, review_number, rating, comment, review_ts,
                reviewer_name, reviewer_email, envelope_id) from stdin
            """;

    private final CopyWriter staging;

    public ReviewStaging(CopyWriter staging) {
        this.staging = staging;
    }

    @Override
    public String name() {
        return "reviews";
    }

    @Override
    public String table() {
        return "staging.review";
    }

    @Override
    public boolean reads(EntityDefinition entity) {
        return entity.target().equals("product") && entity.reviews() != null;
    }

    @Override
    public Transformation<StagedReview> transformation() {
        ReviewTransformer reviews = new ReviewTransformer();
        return (record, entity, source, run) -> reviews.transform(record, entity, run);
    }

    @Override
    public void write(List<? extends StagedReview> rows) {
        staging.copy(table(), COPY, rows, r -> new Object[] {r.runId(), r.source(), r.productId(), r.reviewNumber(),
                r.rating(), r.comment(), r.reviewedAt(), r.reviewerName(), r.reviewerEmail(), r.envelopeId()});
    }
}
