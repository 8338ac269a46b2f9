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

    /** The marts aggregate orders before counting them; they must equal the plain count-distinct definitions. */
    @Test
    void theMartsEqualTheirPlainDefinitions() throws Exception {
        assertThat(runEtl("marts-1", "2026-09-23", "dummyjson").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        java.util.Map<String, String> plain = java.util.Map.of(
                "mart.mv_monthly_sales", """
                        select date_trunc('month', f.order_date)::date, p.platform_code, g.region,
                               count(distinct (f.source, f.order_id)), count(*), sum(f.quantity), sum(f.net_amount_vnd),
                               count(distinct f.customer_key)
                        from dw.fact_sales f join dw.dim_platform p on p.platform_key = f.platform_key
                        join dw.dim_geography g on g.geography_key = f.geography_key group by 1, 2, 3""",
                "mart.mv_customer_analytics", """
                        select c.source, c.customer_id, c.full_name, c.city, c.region, c.customer_segment,
                               count(distinct f.order_id), coalesce(sum(f.net_amount_vnd), 0), min(f.order_date),
                               max(f.order_date), coalesce(sum(f.net_amount_vnd) / nullif(count(distinct f.order_id), 0), 0)
                        from dw.dim_customer c
                        left join dw.dim_customer v on v.source = c.source and v.customer_id = c.customer_id
                        left join dw.fact_sales f on f.customer_key = v.customer_key
                        where c.is_current group by 1, 2, 3, 4, 5, 6""",
                "mart.mv_product_performance", """
                        select p.source, p.product_id, p.title, p.category, p.brand, count(distinct f.order_id),
                               coalesce(sum(f.quantity), 0), coalesce(sum(f.net_amount_vnd), 0)
                        from dw.dim_product p
                        left join dw.dim_product v on v.source = p.source and v.product_id = p.product_id
                        left join dw.fact_sales f on f.product_key = v.product_key
                        where p.is_current group by 1, 2, 3, 4, 5""");
        plain.forEach((mart, definition) -> {
            assertThat(count("select count(*) from " + mart)).as(mart).isPositive();
            assertThat(count("select count(*) from (select * from " + mart + " except all (" + definition + ")) d"))
                    .as(mart + " rows not in its plain definition").isZero();
            assertThat(count("select count(*) from ((" + definition + ") except all select * from " + mart + ") d"))
                    .as(mart + " misses rows of its plain definition").isZero();
        });
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
