package vn.ecomdss.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.testsupport.PlatformTestSupport;

/**
 * The shipped business thresholds on a vnmarket load: a day with no sales after four weeks that had some breaches
 * the weekday rule with the median of those four days; a best seller whose stock runs out breaches the stock rule.
 */
class BusinessThresholdsTest extends PlatformTestSupport {

    private static boolean loaded;

    @Autowired
    BusinessThresholdsStepFactory thresholds;

    @BeforeAll
    static void once() {
        loaded = false;
    }

    private void loadVnMarket() throws Exception {
        if (!loaded) {
            JobExecution run = runEtl("thresholds-load", "2026-09-30", "vnmarket");
            assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            loaded = true;
        }
    }

    @Test
    void aDayWithoutSalesAfterFourWeeksWithSalesIsAlertedWithTheMedianOfThoseDays() throws Exception {
        loadVnMarket();
        LocalDate lastDay = jdbc.queryForObject("select max(order_date) from dw.fact_sales where source = 'vnmarket'",
                LocalDate.class);
        LocalDate quietDay = lastDay.plusDays(7);
        List<BigDecimal> fourWeeks = new ArrayList<>();
        for (int week = 1; week <= 4; week++) {
            fourWeeks.add(jdbc.queryForObject("""
                    select coalesce(sum(net_amount_vnd) filter (where order_status <> 'cancelled'), 0)
                    from dw.fact_sales where order_date = ?
                    """, BigDecimal.class, quietDay.minusWeeks(week)));
        }
        fourWeeks.sort(null);
        BigDecimal median = fourWeeks.get(1).add(fourWeeks.get(2)).divide(BigDecimal.valueOf(2)).setScale(0,
                java.math.RoundingMode.HALF_UP);
        assertThat(fourWeeks).as("vnmarket sells on each of the four weekdays before").allMatch(r -> r.signum() > 0);

        String summary = thresholds.evaluate(List.of(rule("revenue_below_weekday_median")), dssEtl(),
                run("thresholds-quiet-day", quietDay));

        assertThat(summary).isEqualTo("1 business thresholds on " + quietDay
                + ", breached [revenue_below_weekday_median: 1]");
        Map<String, Object> alert = jdbc.queryForMap("""
                select alert_key, kind, title from ops.alert_delivery
                where run_id = 'thresholds-quiet-day' and channel = 'kafka'
                """);
        assertThat(alert.get("alert_key")).isEqualTo("business:revenue_below_weekday_median");
        assertThat(alert.get("kind")).isEqualTo("BUSINESS");
        assertThat((String) alert.get("title")).startsWith("Revenue on " + quietDay + " was 0 VND, 100% below "
                + median.toPlainString() + " VND, the median of the four previous ");
    }

    @Test
    void aBestSellerWithoutStockIsAlertedByItsRankAndTheOthersAreNot() throws Exception {
        loadVnMarket();
        Map<String, Object> best = jdbc.queryForMap("""
                select source, product_id, title from mart.mv_product_performance
                order by revenue_vnd desc, source, product_id limit 1
                """);
        LocalDate snapshot = jdbc.queryForObject("""
                select max(snapshot_date) from dw.fact_inventory_snapshot where source = ? and product_id = ?
                """, LocalDate.class, best.get("source"), best.get("product_id"));
        Integer stock = jdbc.queryForObject("""
                select stock from dw.fact_inventory_snapshot where source = ? and product_id = ? and snapshot_date = ?
                """, Integer.class, best.get("source"), best.get("product_id"), snapshot);
        List<String> outBefore = outOfStockTopProducts(snapshot);
        jdbc.update("update dw.fact_inventory_snapshot set stock = 0 where source = ? and product_id = ? "
                + "and snapshot_date = ?", best.get("source"), best.get("product_id"), snapshot);
        try {
            thresholds.evaluate(List.of(rule("top_product_out_of_stock")), dssEtl(), run("thresholds-stock", snapshot));
        } finally {
            jdbc.update("update dw.fact_inventory_snapshot set stock = ? where source = ? and product_id = ? "
                    + "and snapshot_date = ?", stock, best.get("source"), best.get("product_id"), snapshot);
        }

        String product = best.get("source") + ":" + best.get("product_id");
        List<String> alerted = jdbc.queryForList("""
                select alert_key from ops.alert_delivery where run_id = 'thresholds-stock' and channel = 'kafka'
                order by id
                """, String.class);
        assertThat(alerted).contains("business:top_product_out_of_stock:" + product);
        assertThat(alerted).as("one alert per top product out of stock, no more")
                .hasSize(outBefore.contains(product) ? outBefore.size() : outBefore.size() + 1);
        assertThat(jdbc.queryForObject("""
                select title from ops.alert_delivery where alert_key = ? and run_id = 'thresholds-stock'
                and channel = 'kafka'
                """, String.class, "business:top_product_out_of_stock:" + product))
                .isEqualTo(best.get("title") + " (" + product + "), number 1 by revenue with "
                        + jdbc.queryForObject("select revenue_vnd from mart.mv_product_performance where source = ? "
                        + "and product_id = ?", BigDecimal.class, best.get("source"), best.get("product_id"))
                        .toPlainString() + " VND, has no stock since " + snapshot);
    }

    /** The top-50 products whose latest snapshot by the day shows no stock, counted apart from the rule's SQL. */
    private List<String> outOfStockTopProducts(LocalDate day) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> top : jdbc.queryForList("""
                select source, product_id from mart.mv_product_performance where revenue_vnd > 0
                order by revenue_vnd desc, source, product_id limit 50
                """)) {
            Integer latest = jdbc.query("""
                    select stock from dw.fact_inventory_snapshot where source = ? and product_id = ?
                    and snapshot_date <= ? order by snapshot_date desc limit 1
                    """, rs -> rs.next() ? rs.getInt(1) : null, top.get("source"), top.get("product_id"), day);
            if (latest != null && latest == 0) {
                out.add(top.get("source") + ":" + top.get("product_id"));
            }
        }
        return out;
    }

    private ThresholdRule rule(String name) {
        return new ThresholdRuleLoader(new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc))
                .load("classpath:job-definitions").get(name);
    }

    private JobDefinition dssEtl() {
        return catalogue.definition("dss_etl").orElseThrow();
    }

    private static RunParameters run(String runId, LocalDate day) {
        return new RunParameters(runId, day, java.util.Set.of(), false);
    }
}
