package vn.ecomdss.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Every SQL query of the Grafana dashboards in {@code ops/grafana/dashboards} runs against the warehouse, with
 * Grafana's macros expanded, so a schema change cannot silently break a panel; every metric a Prometheus panel
 * names is one the server exports.
 */
class GrafanaDashboardQueriesTest extends OpsTestSupport {

    private static final Path DASHBOARDS = Path.of("ops", "grafana", "dashboards");
    private static final String FROM = "'2000-01-01T00:00:00Z'::timestamptz";
    private static final String TO = "'2100-01-01T00:00:00Z'::timestamptz";
    private static final Map<String, String> GROUPS = Map.of("1d", "day", "1h", "hour", "1M", "month", "1w", "week");

    private static final String MONITORING_RUN = "grafana-monitoring-" + System.nanoTime();

    private record Query(String dashboard, String panel, String sql) {
    }

    @Test
    void everyDashboardSqlQueryRunsAgainstTheWarehouseAndReturnsRows() throws Exception {
        if (count("select count(*) from dw.fact_sales") == 0) {
            runEtl("grafana-queries", "2026-10-04", "vnmarket");
        }
        List<Query> queries = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (JsonNode dashboard : dashboards()) {
            titles.add(dashboard.path("title").asString());
            for (JsonNode panel : dashboard.path("panels")) {
                assertThat(panel.path("targets").size()).as("targets of %s", panel.path("title").asString()).isPositive();
                for (JsonNode target : panel.path("targets")) {
                    if (target.has("rawSql")) {
                        queries.add(new Query(dashboard.path("title").asString(), panel.path("title").asString(),
                                target.path("rawSql").asString()));
                    }
                }
            }
        }
        assertThat(titles).containsExactlyInAnyOrder("Sales Analytics", "Market Insights", "System Monitoring",
                "Performance KPIs");
        assertThat(queries).hasSizeGreaterThanOrEqualTo(20);

        List<String> empty = new ArrayList<>();
        for (Query query : queries) {
            String sql = expand(query.sql());
            assertThat(sql).as("%s / %s still has a macro", query.dashboard(), query.panel()).doesNotContain("$__");
            List<Map<String, Object>> rows;
            try {
                rows = jdbc.queryForList(sql);
            } catch (RuntimeException e) {
                throw new AssertionError(query.dashboard() + " / " + query.panel() + " fails: " + e.getMessage(), e);
            }
            if (rows.isEmpty()) {
                empty.add(query.dashboard() + " / " + query.panel());
            }
        }
        // Only panels about what has not happened yet may be empty after one run.
        assertThat(empty).allMatch(panel -> panel.contains("Failed quality checks") || panel.contains("Scheduled slots")
                || panel.contains("Operator actions") || panel.contains("Monitoring alerts"),
                "empty panels");
    }

    @Test
    void everyPrometheusPanelNamesAnExportedMetric() throws Exception {
        // Metrics appear once what they measure has happened in this application context: a job run (the database
        // may hold other contexts' runs) and an HTTP request (the first scrape is one).
        String exported = get("/actuator/prometheus", bearer(VIEWER_TOKEN)).body();
        if (!exported.contains("\nspring_batch_job_seconds_count")) {
            runEtl("grafana-metrics", "2026-10-05", "vnmarket");
        }
        if (!exported.contains("\ndss_topic_freshness_seconds")) {
            assertThat(jobOperator.start(catalogue.jobs().get("realtime_monitoring"), new JobParametersBuilder()
                    .addString("run_id", MONITORING_RUN).toJobParameters()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        }
        exported = get("/actuator/prometheus", bearer(VIEWER_TOKEN)).body();
        TreeSet<String> missing = new TreeSet<>();
        Pattern metric = Pattern.compile("\\b((?:etl|dss|spring_batch|http_server)_[a-z_]+)");
        for (JsonNode dashboard : dashboards()) {
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asString("").replaceAll("(by|without|on)\\s*\\([^)]*\\)", "");
                    Matcher names = metric.matcher(expr);
                    while (names.find()) {
                        if (!exported.contains("\n" + names.group(1))) {
                            missing.add(names.group(1));
                        }
                    }
                }
            }
        }
        assertThat(missing).as("metrics named by panels but not exported").isEmpty();
    }

    @AfterEach
    void removeTheMonitoringRunsRows() {
        jdbc.update("delete from ops.monitoring_result where run_id = ?", MONITORING_RUN);
        jdbc.update("delete from ops.alert_delivery where run_id = ?", MONITORING_RUN);
    }

    private List<JsonNode> dashboards() throws IOException {
        List<JsonNode> dashboards = new ArrayList<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                dashboards.add(json.readTree(Files.readString(file)));
            }
        }
        return dashboards;
    }

    /** Grafana's PostgreSQL macros over a range wide enough to include every row. */
    static String expand(String sql) {
        String expanded = sql.replaceAll("\\$__timeFilter\\(([^)]+)\\)", "$1 between " + FROM + " and " + TO)
                .replace("$__timeFrom()", FROM)
                .replace("$__timeTo()", TO);
        Matcher group = Pattern.compile("\\$__timeGroupAlias\\(([^,]+),\\s*'([^']+)'\\)").matcher(expanded);
        StringBuilder out = new StringBuilder();
        while (group.find()) {
            String unit = GROUPS.get(group.group(2));
            assertThat(unit).as("interval %s", group.group(2)).isNotNull();
            group.appendReplacement(out, Matcher.quoteReplacement("date_trunc('" + unit + "', " + group.group(1)
                    + ")::timestamptz as time"));
        }
        group.appendTail(out);
        return out.toString();
    }
}
