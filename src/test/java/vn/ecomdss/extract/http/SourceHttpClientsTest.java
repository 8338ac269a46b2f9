package vn.ecomdss.extract.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.ecomdss.DssProperties;
import vn.ecomdss.extract.SourceDefinitions;
import vn.ecomdss.pipeline.SourceDefinition;

/** The operator's quota for a source over the rate its definition declares. */
class SourceHttpClientsTest {

    private static final SourceDefinition SHOPEE = SourceDefinitions.load("shopee");

    @Test
    void withoutAnOverrideTheDefinitionsRateHolds() {
        assertThat(clients(Map.of()).rateLimit(SHOPEE)).isEqualTo(new SourceDefinition.RateLimit(600, 60));
    }

    @Test
    void theOperatorsRequestsPerHourAndBurstReplaceTheDefinitionsEachOnItsOwn() {
        assertThat(clients(Map.of("shopee", new DssProperties.SourceOverride(null, 3600, null))).rateLimit(SHOPEE))
                .isEqualTo(new SourceDefinition.RateLimit(3600, 60));
        assertThat(clients(Map.of("shopee", new DssProperties.SourceOverride(null, null, 5))).rateLimit(SHOPEE))
                .isEqualTo(new SourceDefinition.RateLimit(600, 5));
        assertThat(clients(Map.of("tiki", new DssProperties.SourceOverride(null, 0, 1))).rateLimit(SHOPEE))
                .as("another source's override").isEqualTo(new SourceDefinition.RateLimit(600, 60));
    }

    @Test
    void aNegativeRateOrAnEmptyBurstIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> clients(Map.of("shopee", new DssProperties.SourceOverride(null, -1, null)))
                .rateLimit(SHOPEE)).hasMessageContaining("dss.sources.shopee").hasMessageContaining("-1");
        assertThatThrownBy(() -> clients(Map.of("shopee", new DssProperties.SourceOverride(null, null, 0)))
                .rateLimit(SHOPEE)).hasMessageContaining("burst at least 1");
    }

    private static SourceHttpClients clients(Map<String, DssProperties.SourceOverride> sources) {
        return new SourceHttpClients(new DssProperties(Path.of("var"), new DssProperties.Db(null, null, null, 0, 4, null),
                new DssProperties.Mongodb(null, "dss_lake", 0), new DssProperties.Kafka(null, 0),
                "classpath:job-definitions", sources));
    }
}
