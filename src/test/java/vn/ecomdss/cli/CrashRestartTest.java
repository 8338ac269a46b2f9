package vn.ecomdss.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.ecomdss.testsupport.ChildCli;
import vn.ecomdss.testsupport.FixtureApiServer;
import vn.ecomdss.testsupport.WarehouseFingerprints;

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
        try (EmbeddedPostgres postgres = cli(dataDir).warehouse();
             Connection connection = postgres.getPostgresDatabase().getConnection()) {
            return WarehouseFingerprints.loads(connection);
        }
    }
}
