package vn.ecomdss.ml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.ecomdss.testsupport.ChildCli;

/**
 * ml_retrain from the command line, in child JVMs: killed with SIGKILL while it trains, it has registered nothing, and
 * its restart registers one version, with the metrics an uninterrupted run of the same data and seed gets.
 */
class RetrainKillTest {

    private static final LocalDate CUTOFF = LocalDate.of(2024, 12, 17);

    @TempDir
    Path dataDir;
    ChildCli cli;

    @BeforeEach
    void commandLine() {
        cli = new ChildCli(dataDir, List.of("--dss.ml.engine-cache=" + Path.of("target", "djl").toAbsolutePath()));
    }

    @Test
    void aRetrainKilledWhileTrainingRestartsToOneVersionWithTheMetricsOfAnUninterruptedRun() throws Exception {
        Process migrate = cli(List.of("executions"));
        assertThat(migrate.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(migrate.exitValue()).as(log(migrate)).isZero();
        try (EmbeddedPostgres postgres = cli.warehouse()) {
            DemandHistory.write(new JdbcTemplate(postgres.getPostgresDatabase()), "ml-kill", 150,
                    LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), 11);
        }

        Process victim = cli(List.of("run", "ml_retrain", "run_id=killed", "logical_date=" + CUTOFF.plusDays(1),
                "training_cutoff=" + CUTOFF));
        cli.await(victim, "select step_name from batch_step_execution where status = 'STARTED' "
                + "and step_name = 'train_demand'", "train_demand was running", Duration.ofMinutes(3));
        victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        Process restart = cli(List.of("restart", "1"));
        assertThat(restart.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(restart.exitValue()).as(log(restart)).isZero();
        assertThat(log(restart)).as("the killed attempt had registered nothing: the restart trained and registered v1")
                .contains("train_demand: demand v1 champion");
        Process clean = cli(List.of("run", "ml_retrain", "run_id=clean", "logical_date=" + CUTOFF.plusDays(1),
                "training_cutoff=" + CUTOFF));
        assertThat(clean.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(clean.exitValue()).as(log(clean)).isZero();

        List<String> killed = registered("killed");
        assertThat(killed).as("one version, the champion").hasSize(1).allMatch(row -> row.startsWith("champion|"));
        List<String> uninterrupted = registered("clean");
        assertThat(uninterrupted).hasSize(1);
        assertThat(uninterrupted.get(0).substring(uninterrupted.get(0).indexOf('|')))
                .as("same data, seed and code: same metrics and folds").isEqualTo(killed.get(0).substring(killed.get(0).indexOf('|')));
    }

    /** The run's versions as {@code status|metrics|folds}. */
    private List<String> registered(String runId) throws IOException {
        try (EmbeddedPostgres postgres = cli.warehouse()) {
            return new JdbcTemplate(postgres.getPostgresDatabase()).queryForList("""
                    select status || '|' || metrics::text || '|' || folds::text from ml.model_registry where run_id = ?
                    """, String.class, runId);
        }
    }

    private Process cli(List<String> args) throws IOException {
        return cli.start(args);
    }

    private String log(Process process) {
        return cli.log(process);
    }
}
