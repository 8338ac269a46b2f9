package vn.ecomdss.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.ecomdss.simulator.MarketEventStreams;
import vn.ecomdss.testsupport.ChildCli;

/**
 * ecommerce_streaming_pipeline from the command line, in child JVMs: killed with SIGKILL while it follows the
 * simulator's topics, after some micro-batches committed, and restarted, it holds every order line, price change
 * and stock count the simulator published exactly once, and its windows add up to the lines. The definitions are a
 * copy whose micro-batches are small, so that the run is killed between many of them.
 */
class StreamingKillTest {

    private static final Instant START = Instant.parse("2026-11-30T03:00:00Z");
    private static final double SCALE = 80;
    private static final Duration DURATION = Duration.ofSeconds(6);

    @TempDir
    Path dataDir;
    @TempDir
    Path definitions;

    @Test
    void aFollowingRunKilledMidwayAndRestartedCountsEachEventOnce() throws Exception {
        copyDefinitionsWithSmallBatches();
        ChildCli cli = new ChildCli(dataDir, List.of("--dss.definitions=file:" + definitions));
        succeeds(cli, List.of("simulate", "--minutes", "0.1", "--rate-scale", Double.toString(SCALE), "--seed", "4",
                "--start", START.toString()));

        Process victim = cli.start(List.of("run", "ecommerce_streaming_pipeline", "run_id=killed", "follow=true"));
        String execution = cli.await(victim, """
                select job_execution_id from batch_step_execution
                where step_name = 'consume_streams' and status = 'STARTED' and write_count >= 500
                """, "some micro-batches had committed", Duration.ofMinutes(3));
        victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        Expected expected = expected();
        Process restarted = cli.start(List.of("restart", execution));
        long writtenBeforeKill = Long.parseLong(cli.await(restarted, "select write_count from batch_step_execution "
                + "where job_execution_id = " + Long.parseLong(execution), "the killed run's figures",
                Duration.ofMinutes(3)));
        cli.await(restarted, "select 1 where (select count(*) from dw.fact_sales_realtime) >= " + expected.lines.size()
                        + " and (select count(*) from dw.fact_inventory_realtime) >= " + expected.stockCounts
                        + " and (select count(*) from dw.fact_price_realtime) >= " + expected.prices
                        + " and (select count(*) from dw.fact_order_event_realtime) >= " + expected.orderEvents,
                "the restarted run had caught up", Duration.ofMinutes(3));
        // A following run ends when told: SIGTERM shuts the command down and its embedded servers with it.
        restarted.destroy();
        assertThat(restarted.waitFor(60, TimeUnit.SECONDS)).as(cli.log(restarted)).isTrue();

        assertThat(writtenBeforeKill).as("killed in the middle of the topics")
                .isBetween(500L, (long) expected.lines.size() + expected.prices + expected.stockCounts
                        + expected.orderEvents - 1);
        try (EmbeddedPostgres postgres = cli.warehouse()) {
            JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
            assertThat(new HashSet<>(jdbc.queryForList("select event_id from dw.fact_sales_realtime", String.class)))
                    .as("every order line sold, once").isEqualTo(expected.lines);
            assertThat(jdbc.queryForObject("select sum(order_lines) from dw.sales_window_5m", Long.class))
                    .isEqualTo(expected.lines.size());
            assertThat(jdbc.queryForObject("select count(*) from dw.fact_price_realtime", Long.class))
                    .isEqualTo(expected.prices);
            assertThat(jdbc.queryForObject("select count(*) from dw.fact_inventory_realtime", Long.class))
                    .isEqualTo(expected.stockCounts);
            assertThat(jdbc.queryForObject("select count(*) from dw.fact_order_event_realtime", Long.class))
                    .isEqualTo(expected.orderEvents);
            assertThat(jdbc.queryForObject("select count(*) from rt.quarantine", Long.class)).isZero();
        }
    }

    private record Expected(Set<String> lines, long prices, long stockCounts, long orderEvents) {
    }

    /** What the simulator published on the topics the pipeline reads, from the same seed and start. */
    private static Expected expected() {
        MarketEventStreams streams = new MarketEventStreams(4, START);
        Set<String> lines = new HashSet<>();
        for (long k = 0; k < streams.count(MarketEventStreams.Stream.SALES_EVENTS, DURATION, SCALE); k++) {
            lines.add((String) streams.event(MarketEventStreams.Stream.SALES_EVENTS, k, SCALE).get("event_id"));
        }
        long prices = 0;
        long stock = streams.count(MarketEventStreams.Stream.INVENTORY_EVENTS, DURATION, SCALE);
        for (long k = 0; k < streams.count(MarketEventStreams.Stream.PRICE_CHANGES, DURATION, SCALE); k++) {
            Map<String, Object> change = streams.event(MarketEventStreams.Stream.PRICE_CHANGES, k, SCALE);
            if ("inventory_update".equals(change.get("event_type"))) {
                stock++;
            } else {
                prices++;
            }
        }
        return new Expected(lines, prices, stock, streams.count(MarketEventStreams.Stream.TRANSACTIONS, DURATION, SCALE));
    }

    private void copyDefinitionsWithSmallBatches() throws IOException {
        Path shipped = Path.of("job-definitions");
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path file : files.toList()) {
                Path copy = definitions.resolve(shipped.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        Path streaming = definitions.resolve("ecommerce-streaming-pipeline.yml");
        String text = Files.readString(streaming);
        assertThat(text).contains("max-batch: 5000");
        Files.writeString(streaming, text.replace("max-batch: 5000", "max-batch: 250"));
    }

    private static void succeeds(ChildCli cli, List<String> args) throws IOException, InterruptedException {
        Process process = cli.start(args);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", args) + " ended").isTrue();
        assertThat(process.exitValue()).as(cli.log(process)).isZero();
    }
}
