package vn.ecomdss.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.pipeline.CopyWriter;
import vn.ecomdss.testsupport.PlatformTestSupport;
import vn.ecomdss.warehouse.FactSalesLoader;
import vn.ecomdss.warehouse.FactsStepFactory;
import vn.ecomdss.warehouse.MartRefresher;
import vn.ecomdss.warehouse.Scd2Invariants;
import vn.ecomdss.warehouse.Scd2Merge;
import vn.ecomdss.warehouse.Scd2StepFactory;

/** The benchmark end to end at 100,000 lines, for correctness only: SCD2 invariants, row counts, as-of versions. */
class WarehouseBenchmarkSmokeTest extends PlatformTestSupport {

    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    CopyWriter staging;
    @Autowired
    Scd2Merge merge;
    @Autowired
    FactSalesLoader salesFacts;
    @Autowired
    Scd2StepFactory dimensions;
    @Autowired
    FactsStepFactory facts;
    @Autowired
    Scd2Invariants invariants;
    @Autowired
    MartRefresher marts;

    @Test
    void aHundredThousandLinesOverTwoDaysKeepTheInvariantsAndEveryLine() throws Exception {
        WarehouseBenchmark benchmark = new WarehouseBenchmark(jdbc, dataSource, transactionManager, staging, merge,
                salesFacts, dimensions, facts, invariants, marts, catalogue);
        WarehouseBenchmark.Report report = benchmark.run(WarehouseBenchmark.Settings.of(
                Map.of("lines", "100000", "customers", "10000", "products", "2000")));
        WarehouseBenchmark.print(report, System.out);

        assertThat(report.problems()).isEmpty();
        assertThat(report.counts()).containsEntry("fact_sales lines", 100_000L)
                .containsEntry("dim_customer versions", 11_000L)
                .containsEntry("dim_customer current", 10_000L)
                .containsEntry("dim_product versions", 2_100L)
                .containsEntry("lines whose customer version is not valid at the order", 0L);
        assertThat(report.stages()).anyMatch(s -> s.name().equals("floor as-of insert fact lines") && s.rows() > 90_000);
    }
}
