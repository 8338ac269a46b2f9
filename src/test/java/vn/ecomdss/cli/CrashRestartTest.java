package vn.ecomdss.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.ecomdss.testsupport.ChildCli;
import vn.ecomdss.testsupport.FixtureApiServer;

/**
 * The command line as an operator uses it, in child JVMs: a run killed with SIGKILL in the middle of a chunk step
 * is restarted by {@code restart} and leaves the same warehouse as a run that was never interrupted.
 */
class CrashRestartTest {

    private static final FixtureApiServer FIXTURES = FixtureApiServer.start();
    private static final List<String> RUN = List.of("run", "dss_etl", "run_id=crash-test", "logical_date=2026-11-20",
            "sources=dummyjson,vnmarket");

    private static final Map<Path, ChildCli> CLIS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<Process, Path> RUNS_IN = new java.util.concurrent.ConcurrentHashMap<>();

    @TempDir
    Path crashed;
    @TempDir
    Path uninterrupted;

    @AfterAll
    static void stopFixtures() {
        FIXTURES.close();
    }

    @Test
    void killedRunRestartsFromItsLastChunkAndLeavesTheSameWarehouseAsAnUninterruptedRun() throws Exception {
        // The reference run has a data directory of its own and goes beside the killed one and its restart.
        Process clean = cli(uninterrupted, RUN);
        Process victim = cli(crashed, RUN);
        String killedIn = awaitCommittedChunkInProgress(crashed, victim);
        System.out.println("CrashRestartTest: SIGKILL sent while " + killedIn + " was running with committed chunks");
        victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(victim.exitValue()).isNotZero();

        Process restart = cli(crashed, List.of("restart", "1"));
        assertThat(restart.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(restart.exitValue()).as("restart exit code after the kill in %s", killedIn).isZero();

        assertThat(clean.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(clean.exitValue()).isZero();

        Map<String, String> afterCrash = warehouse(crashed);
        Map<String, String> reference = warehouse(uninterrupted);
        assertThat(Long.parseLong(afterCrash.get("fact_sales rows"))).isGreaterThan(800);
        assertThat(afterCrash).isEqualTo(reference);
    }

    @Test
    void stopFromAnotherProcessStopsTheRunAtAChunkBoundaryAndRestartCompletesIt(@TempDir Path dataDir) throws Exception {
        // Slow answers keep the run reading while the stop command starts up in its own JVM.
        FIXTURES.delayResponses(java.time.Duration.ofSeconds(3));
        Process victim = cli(dataDir, List.of("run", "dss_etl", "run_id=stop-test", "logical_date=2026-11-20",
                "sources=dummyjson,vnmarket"));
        awaitCommittedChunkInProgress(dataDir, victim);
        // Held answers keep the run from finishing before the stop command's JVM is up, on however busy a machine.
        FIXTURES.holdResponses();
        Process stop;
        try {
            stop = cli(dataDir, List.of("stop", "1"));
            assertThat(stop.waitFor(3, TimeUnit.MINUTES)).isTrue();
        } finally {
            FIXTURES.releaseResponses();
        }
        assertThat(stop.exitValue()).as("stop's output: %s", log(stop)).isZero();
        assertThat(victim.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(victim.exitValue()).as("a stopped run does not exit with 0").isEqualTo(1);
        assertThat(log(victim)).contains("Execution 1 of dss_etl (run_id=stop-test): STOPPED");

        FIXTURES.delayResponses(java.time.Duration.ZERO);
        Process restart = cli(dataDir, List.of("restart", "1"));
        assertThat(restart.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(restart.exitValue()).isZero();
        assertThat(log(restart)).contains("Execution 2 of dss_etl (run_id=stop-test): COMPLETED");
    }

    /** Waits until a chunk step of the victim has committed at least one chunk and is still running. */
    private static String awaitCommittedChunkInProgress(Path dataDir, Process victim) throws Exception {
        return cli(dataDir).await(victim, """
                select step_name from batch_step_execution
                where status = 'STARTED' and commit_count >= 1
                  and (step_name like 'extract%' or step_name like 'transform%')
                """, "a chunk step with a committed chunk was running", Duration.ofMinutes(3));
    }

    private static ChildCli cli(Path dataDir) {
        return CLIS.computeIfAbsent(dataDir, dir -> new ChildCli(dir, List.of("--dss.sources.dummyjson.base-url="
                + FIXTURES.baseUri())));
    }

    private static Process cli(Path dataDir, List<String> args) throws IOException {
        Process process = cli(dataDir).start(args);
        RUNS_IN.put(process, dataDir);
        return process;
    }

    private static String log(Process process) {
        return cli(RUNS_IN.get(process)).log(process);
    }

    /** Everything a run loads, without surrogate keys and load times, which legitimately differ. */
    private static Map<String, String> warehouse(Path dataDir) throws IOException, SQLException {
        Map<String, String> fingerprints = new LinkedHashMap<>();
        try (EmbeddedPostgres postgres = cli(dataDir).warehouse();
             Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            Map<String, String> queries = new LinkedHashMap<>();
            queries.put("dim_product", """
                    select md5(string_agg(concat_ws('|', source, product_id, title, category, brand, price,
                        availability_status, stock, valid_from, valid_to, is_current, is_inferred), ',' order by
                        source, product_id, valid_from)) from dw.dim_product""");
            queries.put("dim_customer", """
                    select md5(string_agg(concat_ws('|', source, customer_id, full_name, email, city, region,
                        phone_e164, valid_from, valid_to, is_current, is_inferred), ',' order by
                        source, customer_id, valid_from)) from dw.dim_customer""");
            queries.put("fact_sales", """
                    select md5(string_agg(concat_ws('|', f.source, f.order_id, f.line_number, f.order_date, c.customer_id,
                        c.valid_from, p.product_id, p.valid_from, f.quantity, f.net_amount, f.net_amount_vnd), ','
                        order by f.source, f.order_id, f.line_number))
                    from dw.fact_sales f join dw.dim_customer c using (customer_key) join dw.dim_product p using (product_key)""");
            queries.put("fact_sales rows", "select count(*) from dw.fact_sales");
            queries.put("mv_monthly_sales", """
                    select md5(string_agg(concat_ws('|', month, platform_code, region, orders, order_lines, units,
                        revenue_vnd, customers), ',' order by month, platform_code, region)) from mart.mv_monthly_sales""");
            for (Map.Entry<String, String> query : queries.entrySet()) {
                try (ResultSet rs = statement.executeQuery(query.getValue())) {
                    rs.next();
                    fingerprints.put(query.getKey(), rs.getString(1));
                }
            }
        }
        return fingerprints;
    }
}
