package vn.ecomdss.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static vn.ecomdss.testsupport.StepExecutions.step;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import vn.ecomdss.testsupport.PlatformTestSupport;
import vn.ecomdss.warehouse.FactSalesLoader;

class RestartAfterFailureTest extends PlatformTestSupport {

    @MockitoSpyBean
    FactSalesLoader factSalesLoader;

    @Autowired
    DssCommandLine commandLine;

    @Test
    void restartAfterFailureInLoadFactsLoadsEachOrderLineOnceWithoutRerunningCompletedSteps() throws Exception {
        doThrow(new IllegalStateException("injected fault in load_facts")).doCallRealMethod()
                .when(factSalesLoader).load(any());

        JobExecution failed = runEtl("restart-after-failure", "2026-09-15", "dummyjson");

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(failed, "load_facts").getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(failed, "load_dimensions").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("select count(*) from dw.fact_sales where run_id = 'restart-after-failure'")).isZero();

        JobExecution restarted = commandLine.restart(failed.getId());

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> rerun = restarted.getStepExecutions().stream().map(StepExecution::getStepName).toList();
        assertThat(rerun).containsExactlyInAnyOrder("load_facts", "quality_check_final", "refresh_materialized_views",
                "business_thresholds", "notify");
        assertThat(count("select count(*) from dw.fact_sales where source = 'dummyjson'")).isEqualTo(800);
        assertThat(count("""
                select count(*) from (select source, order_id, line_number from dw.fact_sales
                                      group by 1, 2, 3 having count(*) > 1) duplicates
                """)).isZero();
    }
}
