package vn.ecomdss.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.testsupport.PlatformTestSupport;

/**
 * The loads that run side by side on separate connections: order lines split by order date, product facts
 * alongside them, and the marts by dependency level.
 */
class SideBySideLoadsTest extends PlatformTestSupport {

    @Autowired
    FactsStepFactory facts;
    @Autowired
    MartRefresher marts;
    @Autowired
    LoadLanes lanes;

    @Test
    void ordersAndReviewsOfTheSameUnknownProductsInferEachProductOnce() {
        String source = "side-by-side";
        assertThat(lanes.lanes()).isGreaterThanOrEqualTo(2);
        for (int round = 1; round <= 3; round++) {
            RunParameters run = new RunParameters("side-" + round, LocalDate.parse("2026-06-0" + round), Set.of(), false);
            for (int product = 1; product <= 40; product++) {
                String productId = "R" + round + "-P" + product;
                // Lines on two dates a month apart, so the order lines load in two lanes.
                stageSalesLine(run, source, "O" + round + "-" + product, "C" + product, productId,
                        product % 2 == 0 ? "2026-05-0" + round + "T10:00:00+07:00" : "2026-06-0" + round + "T10:00:00+07:00");
                stageReview(run, source, productId);
            }
            FactsStepFactory.Loaded loaded = facts.load(run);

            assertThat(loaded.sales().inserted()).isEqualTo(40);
            assertThat(loaded.sales().inferredProducts() + loaded.products().inferredProducts()).isEqualTo(40);
            assertThat(count("select count(*) from dw.dim_product where source = ? and product_id like ?",
                    source, "R" + round + "-%")).isEqualTo(40);
            assertThat(count("""
                    select count(*) from dw.fact_sales f join dw.fact_review r
                      on r.source = f.source and r.product_key = f.product_key
                    where f.source = ? and f.run_id = ?
                    """, source, run.runId())).isEqualTo(40);
        }
        assertThat(count("select count(*) from dw.dim_customer where source = ? and is_inferred", source)).isEqualTo(40);
        assertThat(count("select count(distinct date_trunc('month', order_date)) from dw.fact_sales where source = ?", source))
                .isEqualTo(2);
    }

    @Test
    void aFailingLaneFailsTheLoadAfterTheOthersFinishedAndCommitted() {
        jdbc.execute("create table if not exists ops.lane_probe (piece int primary key)");
        jdbc.execute("truncate ops.lane_probe");
        List<java.util.function.Supplier<Integer>> pieces = List.of(
                () -> jdbc.update("insert into ops.lane_probe values (1)"),
                () -> {
                    jdbc.update("insert into ops.lane_probe values (2)");
                    throw new IllegalStateException("piece 2 broke");
                },
                () -> jdbc.update("insert into ops.lane_probe values (3)"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lanes.all(pieces))
                .isInstanceOf(IllegalStateException.class).hasMessage("piece 2 broke");
        // The failed piece rolled back; the others committed (every load run in lanes is idempotent).
        assertThat(jdbc.queryForList("select piece from ops.lane_probe order by piece", Integer.class))
                .containsExactly(1, 3);
        jdbc.execute("drop table ops.lane_probe");
    }

    @Test
    void aMartBuiltOnAnotherWaitsForItAndTheOthersRefreshSideBySide() {
        List<String> views = List.of("mart.mv_customer_rfm", "mart.mv_monthly_sales", "mart.mv_customer_analytics",
                "mart.mv_product_performance");

        assertThat(marts.levels(views)).containsExactly(
                List.of("mart.mv_monthly_sales", "mart.mv_customer_analytics", "mart.mv_product_performance"),
                List.of("mart.mv_customer_rfm"));
        List<MartRefresher.Refresh> refreshed = marts.refreshAll(views);
        assertThat(refreshed).extracting(MartRefresher.Refresh::view).last().isEqualTo("mart.mv_customer_rfm");
        assertThat(refreshed).extracting(MartRefresher.Refresh::level).containsExactly(0, 0, 0, 1);
    }


    private void stageReview(RunParameters run, String source, String productId) {
        jdbc.update("""
                insert into staging.review (run_id, source, product_id, review_number, rating, comment, envelope_id)
                values (?, ?, ?, 1, 4.5, 'Tốt', ?)
                """, run.runId(), source, productId, "env-review-" + productId);
    }
}
