package vn.ecomdss.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ecomdss.testsupport.StepExecutions.step;

import java.math.BigDecimal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;

import vn.ecomdss.lake.DataLake;
import vn.ecomdss.testsupport.PlatformTestSupport;

/**
 * Steps of dss_etl run one at a time, as its definition declares them: what one step does is asserted without
 * running quality, the warehouse loads and the marts behind it.
 */
class DssEtlStepsTest extends PlatformTestSupport {

    @Autowired
    DataLake lake;

    @AfterEach
    void restore() {
        FAKESTORE.reset();
    }

    @Test
    void theFakeStoreExtractAloneLandsEveryEntityInTheLake() {
        StepExecution extract = step(runEtlStep("extract_fakestore", "step-extract", "2026-11-10", "fakestore", true),
                "extract_fakestore");

        assertThat(extract.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(seenBy("step-extract", "products")).isEqualTo(3);
        assertThat(seenBy("step-extract", "users")).isEqualTo(2);
        assertThat(seenBy("step-extract", "carts")).isEqualTo(3);
        assertThat(extract.getExecutionContext().getLong("extract.records")).isEqualTo(3 + 2 + 3);
        assertThat(FAKESTORE.requestCount("/products")).isEqualTo(1);
    }

    @Test
    void transformProductsStagesWhatTheExtractLandedInTheSourcesCurrency() {
        runEtlStep("extract_fakestore", "step-transform", "2026-11-11", "fakestore", false);

        StepExecution transform = step(runEtlStep("transform_products", "step-transform", "2026-11-11", "fakestore",
                false), "transform_products");

        assertThat(transform.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(transform.getReadCount()).isEqualTo(3);
        assertThat(transform.getWriteCount()).isEqualTo(3);
        assertThat(jdbc.queryForList("""
                select product_id from staging.product where run_id = 'step-transform' and source = 'fakestore'
                order by product_id
                """, String.class)).containsExactly("1", "2", "5");
        assertThat(jdbc.queryForObject("""
                select price from staging.product where run_id = 'step-transform' and product_id = '5'
                """, BigDecimal.class)).isEqualByComparingTo("695");
        assertThat(jdbc.queryForObject("""
                select currency from staging.product where run_id = 'step-transform' and product_id = '5'
                """, String.class)).isEqualTo("USD");
    }

    private long seenBy(String runId, String entity) {
        return lake.template().count(lake.seenBy(runId, "fakestore", entity), DataLake.ENVELOPES);
    }
}
