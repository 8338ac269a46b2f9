package vn.ecomdss.extract.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.replication.LogSequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import vn.ecomdss.embedded.EmbeddedKafkaBroker;
import vn.ecomdss.testsupport.ChangeTopicsContent;
import vn.ecomdss.testsupport.ChildCli;

/**
 * The shop_cdc capture from the command line, in child JVMs: killed with SIGKILL in the middle of a capture and
 * restarted, the topics hold every change of the shop exactly once by LSN, as an independent {@code test_decoding}
 * slot on the same database sees them.
 */
class CdcKillTest {

    private static final List<String> TABLES = List.of("customers", "products", "orders", "payments");

    @TempDir
    Path dataDir;

    @Test
    void aCaptureKilledMidwayAndRestartedPublishesEveryChangeExactlyOnce() throws Exception {
        ChildCli cli = new ChildCli(dataDir, List.of());
        succeeds(cli, List.of("simulate", "--oltp", "--minutes", "0.01", "--seed", "1"));
        succeeds(cli, List.of("run", "shop_cdc", "run_id=setup"));
        try (EmbeddedPostgres postgres = cli.warehouse()) {
            new JdbcTemplate(postgres.getPostgresDatabase())
                    .queryForList("select pg_create_logical_replication_slot('cdc_kill_truth', 'test_decoding')");
        }
        succeeds(cli, List.of("simulate", "--oltp", "--minutes", "0.25", "--rate-scale", "40", "--seed", "2"));

        Process victim = cli.start(List.of("run", "shop_cdc", "run_id=killed"));
        String execution = cli.await(victim, """
                select job_execution_id from batch_step_execution
                where step_name = 'capture_shop_db' and status = 'STARTED' and write_count >= 600
                """, "the capture had committed some chunks", Duration.ofMinutes(3));
        victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        succeeds(cli, List.of("restart", execution));

        Map<String, Integer> truth = new TreeMap<>();
        long writtenBeforeKill;
        try (EmbeddedPostgres postgres = cli.warehouse()) {
            JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
            jdbc.query("""
                    select lsn::text, split_part(substr(data, 7), ':', 1), lower(trim(split_part(data, ':', 2)))
                    from pg_logical_slot_peek_changes('cdc_kill_truth', null, null)
                    where data like 'table oltp.%'
                    """, rs -> {
                truth.merge(LogSequenceNumber.valueOf(rs.getString(1)).asString() + " " + rs.getString(2) + " "
                        + rs.getString(3), 1, Integer::sum);
            });
            writtenBeforeKill = jdbc.queryForObject("""
                    select write_count from batch_step_execution
                    where step_name = 'capture_shop_db' and job_execution_id = ?
                    """, Long.class, Long.parseLong(execution));
            jdbc.queryForList("select pg_drop_replication_slot('cdc_kill_truth')");
        }
        Map<String, Integer> published = new TreeMap<>();
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0)) {
            for (String table : TABLES) {
                for (JsonNode change : ChangeTopicsContent.changes(kafka.bootstrapServers(), table)) {
                    published.merge(LogSequenceNumber.valueOf(change.get("lsn").asString()).asString() + " oltp."
                            + table + " " + change.get("op").asString(), 1, Integer::sum);
                }
            }
        }
        int changes = truth.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(writtenBeforeKill).as("killed in the middle of the capture").isBetween(600L, changes - 1L);
        assertThat(truth).hasSizeGreaterThan(2_000);
        assertThat(published).as("each change once by LSN, table and operation, none lost").isEqualTo(truth);
    }

    private static void succeeds(ChildCli cli, List<String> args) throws IOException, InterruptedException {
        Process process = cli.start(args);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", args) + " ended").isTrue();
        assertThat(process.exitValue()).as(cli.log(process)).isZero();
    }
}
