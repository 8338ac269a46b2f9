package vn.ecomdss.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
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

    @Test
    void aPlatformWhoseShareOfTheWeekHalvesIsAlertedWithBothShares() throws Exception {
        loadVnMarket();
        LocalDate day = jdbc.queryForObject("select max(order_date) from dw.fact_sales where source = 'vnmarket'",
                LocalDate.class);
        String biggest = jdbc.queryForObject("""
                select p.platform_code from dw.fact_sales f join dw.dim_platform p on p.platform_key = f.platform_key
                where f.order_date > ? and f.order_status <> 'cancelled'
                group by 1 order by sum(f.net_amount_vnd) desc limit 1
                """, String.class, day.minusDays(35));
        Map<String, BigDecimal[]> asLoaded = shares(day);
        assertThat(breachedPlatforms(day, "thresholds-share-as-loaded")).isEqualTo(halved(asLoaded))
                .doesNotContain(biggest);
        // Cancel two thirds of the biggest platform's lines in the week: its share falls by more than half.
        List<Long> cancelled = jdbc.queryForList("""
                select f.sales_line_key from dw.fact_sales f join dw.dim_platform p on p.platform_key = f.platform_key
                where p.platform_code = ? and f.order_date > ? and f.order_date <= ? and f.order_status <> 'cancelled'
                  and f.sales_line_key % 3 <> 0
                """, Long.class, biggest, day.minusDays(7), day);
        Map<Long, String> statuses = new java.util.HashMap<>();
        for (Long key : cancelled) {
            statuses.put(key, jdbc.queryForObject("select order_status from dw.fact_sales where sales_line_key = ?",
                    String.class, key));
        }
        List<String> breached;
        Map<String, BigDecimal[]> afterCancelling;
        try {
            jdbc.update("update dw.fact_sales set order_status = 'cancelled' where sales_line_key = any(?)",
                    (Object) cancelled.toArray(Long[]::new));
            afterCancelling = shares(day);
            breached = breachedPlatforms(day, "thresholds-share");
        } finally {
            statuses.forEach((key, status) -> jdbc.update("update dw.fact_sales set order_status = ? "
                    + "where sales_line_key = ?", status, key));
        }

        assertThat(breached).isEqualTo(halved(afterCancelling)).contains(biggest);
        BigDecimal[] share = afterCancelling.get(biggest);
        assertThat(jdbc.queryForObject("""
                select title from ops.alert_delivery where run_id = 'thresholds-share' and channel = 'kafka'
                and alert_key = ?
                """, String.class, "business:platform_share_halved:" + biggest))
                .isEqualTo(biggest + "'s share of revenue fell from " + share[1].setScale(1, RoundingMode.HALF_UP)
                        + "% in the four weeks before " + day.minusDays(6) + " to "
                        + share[0].setScale(1, RoundingMode.HALF_UP) + "% from " + day.minusDays(6) + " to " + day);
    }

    /** The platforms {@code platform_share_halved} alerted on {@code day}, from the deliveries of the run. */
    private List<String> breachedPlatforms(LocalDate day, String runId) {
        thresholds.evaluate(List.of(rule("platform_share_halved")), dssEtl(), run(runId, day));
        return jdbc.queryForList("""
                select substring(alert_key from 'business:platform_share_halved:(.*)') from ops.alert_delivery
                where run_id = ? and channel = 'kafka' order by alert_key
                """, String.class, runId);
    }

    /** The platforms whose week share is under half an earlier share of at least 5%, in name order. */
    private static List<String> halved(Map<String, BigDecimal[]> shares) {
        return shares.entrySet().stream()
                .filter(e -> e.getValue()[1].compareTo(BigDecimal.valueOf(5)) >= 0
                        && e.getValue()[0].multiply(BigDecimal.valueOf(2)).compareTo(e.getValue()[1]) < 0)
                .map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * Each platform's percentage of the uncancelled revenue in the week to {@code day} and in the 28 days before,
     * summed here rather than by the rule's window functions.
     */
    private Map<String, BigDecimal[]> shares(LocalDate day) {
        Map<String, BigDecimal[]> revenue = new java.util.TreeMap<>();
        BigDecimal[] totals = {BigDecimal.ZERO, BigDecimal.ZERO};
        jdbc.query("""
                select p.platform_code, f.order_date > ? as this_week, sum(f.net_amount_vnd) as revenue
                from dw.fact_sales f join dw.dim_platform p on p.platform_key = f.platform_key
                where f.order_date > ? and f.order_date <= ? and f.order_status <> 'cancelled'
                group by 1, 2
                """, rs -> {
            int window = rs.getBoolean("this_week") ? 0 : 1;
            revenue.computeIfAbsent(rs.getString(1), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO})[window]
                    = rs.getBigDecimal("revenue");
            totals[window] = totals[window].add(rs.getBigDecimal("revenue"));
        }, day.minusDays(7), day.minusDays(35), day);
        revenue.values().forEach(r -> {
            for (int window = 0; window < 2; window++) {
                r[window] = r[window].multiply(BigDecimal.valueOf(100)).divide(totals[window], 6, RoundingMode.HALF_UP);
            }
        });
        return revenue;
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
