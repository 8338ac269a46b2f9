package vn.ecomdss.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.ecomdss.transform.RawRecords.RUN;
import static vn.ecomdss.transform.RawRecords.entity;
import static vn.ecomdss.transform.RawRecords.record;
import static vn.ecomdss.transform.RawRecords.sameNames;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import vn.ecomdss.pipeline.EntityDefinition;

class PromotionTransformerTest {

    private static final EntityDefinition PROMOTIONS = entity("promotions", "promotion", sameNames("product_id",
            "type", "name", "start_date", "end_date", "discount_percent", "discount_amount", "announced_at"));
    private static final String WHERE = "source shop, entity promotions, id PR1 (envelope env-PR1)";

    private final PromotionTransformer transformer = new PromotionTransformer();

    @Test
    void aPromotionBecomesOneRowOverVietnameseDaysInTheSourcesCurrency() {
        assertThat(transformer.transform(record("promotions", "PR1", """
                {"product_id": 22000000003, "type": "Flash Sale", "name": " Sale 3.3 ", "start_date": "2026-03-03",
                 "end_date": "2026-03-04T20:00:00Z", "discount_percent": 30, "discount_amount": 150000,
                 "announced_at": "2026-02-24"}
                """), PROMOTIONS, "VND", RUN)).containsExactly(new StagedPromotion("run-7", "shop", "PR1",
                "22000000003", "flash_sale", "Sale 3.3", LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-05"),
                new BigDecimal("30"), new BigDecimal("150000"), "VND", OffsetDateTime.parse("2026-02-24T00:00+07:00"),
                "env-PR1"));
    }

    @Test
    void aPromotionOfOneDayWithoutTypeOrDiscountIsAPlainPromotion() {
        assertThat(transformer.transform(record("promotions", "PR1",
                "{\"product_id\": \"P1\", \"start_date\": \"2026-03-03\", \"end_date\": \"2026-03-03\"}"),
                PROMOTIONS, "VND", RUN)).singleElement().satisfies(p -> {
                    assertThat(p.type()).isEqualTo("promotion");
                    assertThat(p.startDate()).isEqualTo(p.endDate());
                    assertThat(p.discountPercent()).isNull();
                    assertThat(p.discountAmount()).isNull();
                });
    }

    @Test
    void aPromotionEndingBeforeItStartsIsRefusedWithBothDates() {
        assertThatThrownBy(() -> transformer.transform(record("promotions", "PR1",
                "{\"product_id\": \"P1\", \"start_date\": \"2026-03-05\", \"end_date\": \"2026-03-04\"}"),
                PROMOTIONS, "VND", RUN))
                .isInstanceOf(TransformException.class)
                .hasMessage(WHERE + ": end_date 2026-03-04 is before start_date 2026-03-05");
    }

    @Test
    void aPromotionWithoutItsProductOrADateNamesTheRecordAndPointer() {
        assertThatThrownBy(() -> transformer.transform(record("promotions", "PR1",
                "{\"start_date\": \"2026-03-05\", \"end_date\": \"2026-03-06\"}"), PROMOTIONS, "VND", RUN))
                .hasMessage(WHERE + ": product_id [/product_id] is required: a promotion applies to a product");
        assertThatThrownBy(() -> transformer.transform(record("promotions", "PR1",
                "{\"product_id\": \"P1\", \"start_date\": \"2026-03-05\"}"), PROMOTIONS, "VND", RUN))
                .hasMessage(WHERE + ": end_date [/end_date] is required: a promotion runs over a date range");
    }

    @Test
    void aDiscountOutsideItsRangeIsRefused() {
        String dates = "\"product_id\": \"P1\", \"start_date\": \"2026-03-05\", \"end_date\": \"2026-03-06\"";
        assertThatThrownBy(() -> transformer.transform(record("promotions", "PR1",
                "{" + dates + ", \"discount_percent\": 120}"), PROMOTIONS, "VND", RUN))
                .hasMessage(WHERE + ": discount_percent must be between 0 and 100, got 120");
        assertThatThrownBy(() -> transformer.transform(record("promotions", "PR1",
                "{" + dates + ", \"discount_amount\": -1000}"), PROMOTIONS, "VND", RUN))
                .hasMessage(WHERE + ": discount_amount must not be negative, got -1000");
        assertThatThrownBy(() -> transformer.transform(record("promotions", "PR1",
                "{" + dates + ", \"start_date\": \"mùng 5\"}"), PROMOTIONS, "VND", RUN))
                .hasMessage(WHERE + ": field start_date [/start_date] is not an ISO date or timestamp: 'mùng 5'");
    }
}
