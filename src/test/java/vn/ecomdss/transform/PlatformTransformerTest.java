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

import org.junit.jupiter.api.Test;

import vn.ecomdss.pipeline.EntityDefinition;

class PlatformTransformerTest {

    private static final EntityDefinition PLATFORMS = entity("platforms", "platform",
            sameNames("name", "type", "commission_rate", "changed_at", "deleted"));

    private final PlatformTransformer transformer = new PlatformTransformer();

    private StagedPlatform platform(String json) {
        return transformer.transform(record("platforms", "Shopee", json), PLATFORMS, RUN);
    }

    @Test
    void aPlatformIsCodedInLowerCaseWithItsCommission() {
        assertThat(platform("""
                {"name": "Shopee Việt Nam", "type": "Marketplace", "commission_rate": 0.085,
                 "changed_at": "2026-01-01", "deleted": "yes"}
                """)).isEqualTo(new StagedPlatform("run-7", "shop", "shopee", "Shopee Việt Nam", "marketplace",
                new BigDecimal("0.085"), OffsetDateTime.parse("2026-01-01T00:00+07:00"), true, "env-Shopee"));
    }

    @Test
    void aPlatformWithoutDetailsIsStagedWithNulls() {
        assertThat(platform("{}")).isEqualTo(new StagedPlatform("run-7", "shop", "shopee", null, null, null, null,
                false, "env-Shopee"));
    }

    @Test
    void aCommissionFromZeroUpToButNotIncludingOneIsAFraction() {
        assertThat(platform("{\"commission_rate\": 0}").commissionRate()).isEqualTo(new BigDecimal("0"));
        assertThat(platform("{\"commission_rate\": \"0.9999\"}").commissionRate())
                .isEqualTo(new BigDecimal("0.9999"));
    }

    @Test
    void aCommissionOfOneOrMoreIsRefusedWithTheRecordAndTheValue() {
        assertThatThrownBy(() -> platform("{\"commission_rate\": 1}"))
                .isInstanceOf(TransformException.class)
                .hasMessage("source shop, entity platforms, id Shopee (envelope env-Shopee): commission_rate must be"
                        + " a fraction in [0, 1), got 1");
        assertThatThrownBy(() -> platform("{\"commission_rate\": \"8.5\"}"))
                .hasMessageEndingWith("got 8.5");
    }

    @Test
    void aNegativeCommissionIsRefused() {
        assertThatThrownBy(() -> platform("{\"commission_rate\": \"-0.01\"}"))
                .isInstanceOf(TransformException.class)
                .hasMessage("source shop, entity platforms, id Shopee (envelope env-Shopee): commission_rate must be"
                        + " a fraction in [0, 1), got -0.01");
    }

    @Test
    void aFullRefreshDatesAnUndatedChangeByTheFirstFetch() {
        assertThat(transformer.transform(record("platforms", "Lazada", "{}"), PLATFORMS, FULL_REFRESH).changedAt())
                .isEqualTo(FETCHED.atOffset(ZoneOffset.UTC));
    }
}
