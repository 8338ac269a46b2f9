package vn.ecomdss.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.ecomdss.testsupport.ChildCli;
import vn.ecomdss.testsupport.WarehouseFingerprints;

/**
 * {@code backup} and {@code restore} as an operator runs them, in child JVMs on data directories of their own: a
 * run's warehouse, backed up and restored into a new data directory, is the same row for row, and the next run on
 * the restore loads what the same run loads on the original (watermarks, SCD2 versions and sequences carried over).
 */
class BackupRestoreTest {

    @TempDir
    Path original;
    @TempDir
    Path restored;
    @TempDir
    Path backups;

    @Test
    void aRestoredWarehouseEqualsItsOriginalAndTheNextRunContinuesAsOnTheOriginal() throws Exception {
        ChildCli onOriginal = new ChildCli(original, List.of());
        ChildCli onRestored = new ChildCli(restored, List.of());
        Path backup = backups.resolve("2026-11-20");

        completes(onOriginal, List.of("run", "dss_etl", "run_id=a", "logical_date=2026-11-20", "sources=vnmarket"));
        String backedUp = completes(onOriginal, List.of("backup", backup.toString()));
        System.out.println("BackupRestoreTest: " + backedUp.lines().filter(line -> line.startsWith("Backup in"))
                .findFirst().orElse(backedUp));
        assertThat(backup.resolve("manifest.json")).isRegularFile();
        Map<String, String> originalRows = fingerprints(onOriginal, WarehouseFingerprints::rows);
        assertThat(originalRows.get("dw.fact_sales")).doesNotStartWith("0 ");

        String restoreLog = completes(onRestored, List.of("restore", backup.toString()));
        System.out.println("BackupRestoreTest: " + restoreLog.lines().filter(line -> line.startsWith("Restored"))
                .findFirst().orElse(restoreLog));
        assertThat(fingerprints(onRestored, WarehouseFingerprints::rows)).isEqualTo(originalRows);

        List<String> next = List.of("run", "dss_etl", "run_id=b", "logical_date=2026-11-21", "sources=vnmarket");
        Process onOriginalNext = onOriginal.start(next);
        Process onRestoredNext = onRestored.start(next);
        assertCompleted(onOriginal, onOriginalNext);
        assertCompleted(onRestored, onRestoredNext);
        // The job repository and its sequences came back: the restore's next execution is number 2, as on the original.
        assertThat(fingerprints(onRestored, WarehouseFingerprints::rows).get("batch_job_execution"))
                .isEqualTo("2 1|COMPLETED|COMPLETED,2|COMPLETED|COMPLETED");
        assertThat(fingerprints(onRestored, WarehouseFingerprints::loads))
                .isEqualTo(fingerprints(onOriginal, WarehouseFingerprints::loads));
        assertThat(fingerprints(onRestored, WarehouseFingerprints::watermarks))
                .isEqualTo(fingerprints(onOriginal, WarehouseFingerprints::watermarks));

        Process again = onRestored.start(List.of("restore", backup.toString()));
        assertThat(again.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(again.exitValue()).as(onRestored.log(again)).isEqualTo(5);
        assertThat(onRestored.log(again)).contains("error: restore needs an empty platform, but the job repository "
                + "holds 2 job instance(s) (batch_job_instance); restore into a new data directory or an empty "
                + "database");
    }

    private static String completes(ChildCli cli, List<String> args) throws Exception {
        Process process = cli.start(args);
        assertCompleted(cli, process);
        return cli.log(process);
    }

    private static void assertCompleted(ChildCli cli, Process process) throws InterruptedException {
        assertThat(process.waitFor(8, TimeUnit.MINUTES)).as("the command ended").isTrue();
        assertThat(process.exitValue()).as("exit code; output: %s", cli.log(process)).isZero();
    }

    private static Map<String, String> fingerprints(ChildCli cli, SqlFunction fingerprints)
            throws IOException, SQLException {
        try (EmbeddedPostgres postgres = cli.warehouse();
             Connection connection = postgres.getPostgresDatabase().getConnection()) {
            return fingerprints.apply(connection);
        }
    }

    @FunctionalInterface
    private interface SqlFunction {
        Map<String, String> apply(Connection connection) throws SQLException;
    }
}
