package vn.ecomdss.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Autowired;

import vn.ecomdss.testsupport.PlatformTestSupport;

/**
 * The ETL over the DummyJSON fixtures fills the product facts and the new marts, with lineage on every row, and a
 * full refresh rebuilds a source from the lake.
 */
class WarehouseFactsTest extends PlatformTestSupport {

    @Autowired
    Scd2Invariants invariants;

    @Test
    void reviewsInventoryAndPricesLandWithLineageAndTheNewMartsRefresh() throws Exception {
        assertThat(runEtl("facts-1", "2026-09-20", "dummyjson").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(count("select count(*) from dw.fact_review where source = 'dummyjson'")).isEqualTo(582);
        assertThat(count("""
                select count(*) from dw.fact_review r join dw.dim_product p using (product_key)
                where r.source = 'dummyjson' and p.product_id = r.product_id and r.rating between 0 and 5
                """)).isEqualTo(582);
        assertThat(count("select count(*) from dw.fact_inventory_snapshot where snapshot_date = '2026-09-20' and source = 'dummyjson'"))
                .isEqualTo(194);
        assertThat(count("select count(distinct product_id) from dw.fact_price_history where source = 'dummyjson'"))
                .isEqualTo(194);
        assertThat(count("""
                select count(*) from dw.fact_sales where source = 'dummyjson' and (run_id is null or envelope_id is null)
                """)).isZero();
        assertThat(count("""
                select count(*) from dw.dim_customer where source = 'dummyjson' and not is_inferred
                  and (run_id is null or envelope_id is null)
                """)).isZero();
        assertThat(count("select count(*) from mart.mv_platform_comparison where platform_code = 'dummyjson'")).isPositive();
        assertThat(count("select count(*) from mart.mv_customer_rfm where source = 'dummyjson'")).isPositive();
        assertThat(count("""
                select count(*) from mart.mv_customer_rfm
                where r_score not between 1 and 5 or f_score not between 1 and 5 or m_score not between 1 and 5
                """)).isZero();
        assertThat(count("select count(*) from dw.campaign_period where campaign_code = 'tet-2026' and starts_on = date '2026-02-17' - 21"))
                .isEqualTo(1);

        assertThat(runEtl("facts-2", "2026-09-21", "dummyjson").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("select count(*) from dw.fact_review where source = 'dummyjson'")).isEqualTo(582);
        assertThat(count("select count(*) from dw.fact_review where run_id = 'facts-2'")).isZero();
    }

    @Test
    void aFullRefreshRebuildsTheSourcesFactsAndDimensionsFromTheLake() throws Exception {
        assertThat(runEtl("full-0", "2026-09-22", "dummyjson").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long lines = count("select count(*) from dw.fact_sales where source = 'dummyjson'");

        JobParameters parameters = new JobParametersBuilder().addString("run_id", "full-1")
                .addString("logical_date", "2026-09-22").addString("sources", "dummyjson")
                .addString("full_refresh", "true").toJobParameters();
        assertThat(jobOperator.start(catalogue.jobs().get("dss_etl"), parameters).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);

        assertThat(count("select count(*) from dw.fact_sales where source = 'dummyjson'")).isEqualTo(lines);
        assertThat(count("select count(*) from dw.fact_sales where source = 'dummyjson' and run_id <> 'full-1'")).isZero();
        assertThat(count("select count(*) from dw.dim_product where source = 'dummyjson' and is_current")).isEqualTo(194);
        assertThat(count("select count(*) from dw.dim_customer where source = 'dummyjson' and is_current")).isEqualTo(208);
        assertThat(count("select count(*) from dw.fact_review where source = 'dummyjson' and run_id = 'full-1'")).isEqualTo(582);
        for (Scd2Spec spec : Scd2Spec.ALL) {
            assertThat(invariants.violations(spec)).as(spec.name()).isEmpty();
        }
    }
}
