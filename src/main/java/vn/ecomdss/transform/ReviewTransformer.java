package vn.ecomdss.transform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import vn.ecomdss.lake.LakeRecord;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.RunParameters;

/** Turns the reviews a raw product carries into review rows, numbered by position; ratings are 0 to 5. */
public final class ReviewTransformer {

    private static final BigDecimal FIVE = BigDecimal.valueOf(5);

    public List<StagedReview> transform(LakeRecord record, EntityDefinition entity, RunParameters run) {
        String where = CustomerTransformer.where(record);
        Object node = PayloadFields.at(record.payload(), entity.reviews().pointer());
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> reviews)) {
            throw new TransformException(where + ": " + entity.reviews().pointer() + " is not an array of reviews");
        }
        List<StagedReview> staged = new ArrayList<>(reviews.size());
        for (int i = 0; i < reviews.size(); i++) {
            PayloadFields review = new PayloadFields(reviews.get(i), entity.reviews().fields(), where + ", review " + (i + 1));
            BigDecimal rating = review.decimal("rating");
            if (rating != null && (rating.signum() < 0 || rating.compareTo(FIVE) > 0)) {
                throw new TransformException(where + ", review " + (i + 1) + ": rating must be 0 to 5, got " + rating);
            }
            staged.add(new StagedReview(run.runId(), record.source(), record.naturalId(), i + 1, rating,
                    review.text("comment"), review.timestamp("date"), review.text("reviewer_name"),
                    review.text("reviewer_email"), record.envelopeId()));
        }
        return staged;
    }
}
