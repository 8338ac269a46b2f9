package vn.ecomdss.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.ecomdss.transform.RawRecords.RUN;
import static vn.ecomdss.transform.RawRecords.record;
import static vn.ecomdss.transform.RawRecords.reviewed;
import static vn.ecomdss.transform.RawRecords.sameNames;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import vn.ecomdss.pipeline.EntityDefinition;

class ReviewTransformerTest {

    private static final EntityDefinition PRODUCTS = reviewed("/reviews",
            sameNames("rating", "comment", "date", "reviewer_name", "reviewer_email"));
    private static final String WHERE = "source shop, entity products, id P1 (envelope env-P1)";

    private final ReviewTransformer transformer = new ReviewTransformer();

    @Test
    void eachReviewIsNumberedByItsPosition() {
        assertThat(transformer.transform(record("products", "P1", """
                {"reviews": [
                  {"rating": 5, "comment": " Hàng đẹp ", "date": "2026-02-20", "reviewer_name": "Lan",
                   "reviewer_email": "lan@example.vn"},
                  {"rating": "0", "comment": "Giao chậm"},
                  {}
                ]}
                """), PRODUCTS, RUN)).containsExactly(
                new StagedReview("run-7", "shop", "P1", 1, new BigDecimal("5"), "Hàng đẹp",
                        OffsetDateTime.parse("2026-02-20T00:00+07:00"), "Lan", "lan@example.vn", "env-P1"),
                new StagedReview("run-7", "shop", "P1", 2, new BigDecimal("0"), "Giao chậm", null, null, null,
                        "env-P1"),
                new StagedReview("run-7", "shop", "P1", 3, null, null, null, null, null, "env-P1"));
    }

    @Test
    void aProductWithoutReviewsHasNone() {
        assertThat(transformer.transform(record("products", "P1", "{}"), PRODUCTS, RUN)).isEmpty();
        assertThat(transformer.transform(record("products", "P1", "{\"reviews\": []}"), PRODUCTS, RUN)).isEmpty();
    }

    @Test
    void reviewsThatAreNotAnArrayNameTheRecordAndPointer() {
        assertThatThrownBy(() -> transformer.transform(record("products", "P1", "{\"reviews\": \"none\"}"), PRODUCTS,
                RUN))
                .isInstanceOf(TransformException.class)
                .hasMessage(WHERE + ": /reviews is not an array of reviews");
    }

    @Test
    void aRatingAboveFiveNamesTheReview() {
        assertThatThrownBy(() -> transformer.transform(record("products", "P1",
                "{\"reviews\": [{\"rating\": 4}, {\"rating\": 5.1}]}"), PRODUCTS, RUN))
                .isInstanceOf(TransformException.class)
                .hasMessage(WHERE + ", review 2: rating must be 0 to 5, got 5.1");
    }

    @Test
    void aNegativeRatingNamesTheReview() {
        assertThatThrownBy(() -> transformer.transform(record("products", "P1",
                "{\"reviews\": [{\"rating\": -1}]}"), PRODUCTS, RUN))
                .isInstanceOf(TransformException.class)
                .hasMessage(WHERE + ", review 1: rating must be 0 to 5, got -1");
    }

    @Test
    void aBadFieldInAReviewNamesTheReview() {
        assertThatThrownBy(() -> transformer.transform(record("products", "P1",
                "{\"reviews\": [{\"date\": \"hôm qua\"}]}"), PRODUCTS, RUN))
                .isInstanceOf(TransformException.class)
                .hasMessage(WHERE + ", review 1: field date [/date] is not an ISO date or timestamp: 'hôm qua'");
    }
}
