package vn.ecomdss.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.ecomdss.transform.RawRecords.FETCHED;
import static vn.ecomdss.transform.RawRecords.FULL_REFRESH;
import static vn.ecomdss.transform.RawRecords.RUN;
import static vn.ecomdss.transform.RawRecords.entity;
import static vn.ecomdss.transform.RawRecords.record;
import static vn.ecomdss.transform.RawRecords.sameNames;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.ecomdss.pipeline.EntityDefinition;

class ProductTransformerTest {

    private static final EntityDefinition PRODUCTS = entity("products", "product", sameNames("title", "category",
            "brand", "price", "original_price", "availability", "stock", "rating", "description", "sku", "changed_at",
            "deleted", "platform"));

    private final ProductTransformer transformer = new ProductTransformer();

    @Test
    void aProductKeepsItsPricesInTheSourceCurrency() {
        StagedProduct product = transformer.transform(record("products", "P9", """
                {"title": " Nồi cơm điện ", "category": "Gia dụng", "brand": "Sunhouse", "price": "1290000",
                 "original_price": 1590000, "availability": "in_stock", "stock": 42, "rating": 4.6,
                 "description": "1.8 lít", "sku": "SH-18", "changed_at": "2026-02-27T10:00:00Z",
                 "deleted": false, "platform": "TikTok Shop"}
                """), PRODUCTS, "VND", RUN);

        assertThat(product).isEqualTo(new StagedProduct("run-7", "shop", "P9", "Nồi cơm điện", "Gia dụng",
                "Sunhouse", new BigDecimal("1290000"), "in_stock", "VND", new BigDecimal("1590000"), 42,
                new BigDecimal("4.6"), "SH-18", "1.8 lít", "tiktok shop",
                OffsetDateTime.parse("2026-02-27T10:00:00Z"), false, "env-P9"));
    }

    @Test
    void aProductWithOnlyItsIdIsStagedWithNulls() {
        assertThat(transformer.transform(record("products", "P9", "{}"), PRODUCTS, "USD", RUN))
                .isEqualTo(new StagedProduct("run-7", "shop", "P9", null, null, null, null, null, "USD", null, null,
                        null, null, null, null, null, false, "env-P9"));
    }

    @Test
    void aFullRefreshDatesAnUndatedChangeByTheFirstFetch() {
        assertThat(transformer.transform(record("products", "P9", "{}"), PRODUCTS, "VND", FULL_REFRESH).changedAt())
                .isEqualTo(FETCHED.atOffset(ZoneOffset.UTC));
    }

    @Test
    void aStockThatIsNotWholeNamesTheRecordAndField() {
        assertThatThrownBy(() -> transformer.transform(record("products", "P9", "{\"stock\": 1.5}"), PRODUCTS, "VND",
                RUN))
                .isInstanceOf(TransformException.class)
                .hasMessage("source shop, entity products, id P9 (envelope env-P9): field stock [/stock] is not an"
                        + " integer: '1.5'");
    }

    @Test
    void aPriceThatIsNotANumberNamesTheRecordAndField() {
        EntityDefinition nested = entity("products", "product", Map.of("price", List.of("/offer/price")));

        assertThatThrownBy(() -> transformer.transform(record("products", "P9", "{\"offer\": {\"price\": \"1.290.000đ\"}}"),
                nested, "VND", RUN))
                .isInstanceOf(TransformException.class)
                .hasMessage("source shop, entity products, id P9 (envelope env-P9): field price [/offer/price] is not"
                        + " a number: '1.290.000đ'");
    }
}
