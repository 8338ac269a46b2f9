package vn.ecomdss.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ecomdss.testsupport.StepExecutions.step;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doCallRealMethod;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import vn.ecomdss.cli.DssCommandLine;
import vn.ecomdss.lake.DataLake;
import vn.ecomdss.simulator.MarketEventStreams;
import vn.ecomdss.testsupport.PlatformTestSupport;

class EventStreamExtractTest extends PlatformTestSupport {

    @MockitoSpyBean
    DataLake lake;

    @Autowired
    DssCommandLine commandLine;

    @Test
    void anExtractRunAfterSimulateLandsExactlyTheProducedEvents() throws Exception {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        commandLine.run(new DefaultApplicationArguments("simulate", "--minutes", "0.05", "--rate-scale", "20",
                "--seed", "7", "--start", start.toString()));
        assertThat(commandLine.getExitCode()).isZero();
        Set<String> produced = expectedIds(7, start, Duration.ofSeconds(3), 20);
        assertThat(produced).hasSizeGreaterThan(1_000);

        JobExecution execution = runEtl("events-1", "2026-01-01", "events");

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(landedIds("events-1", 7)).isEqualTo(produced);
        assertThat(lake.template().count(Query.query(Criteria.where("source").is("events")
                .and("natural_id").regex("^[a-z]{2}-7-")), DataLake.ENVELOPES)).isEqualTo(produced.size());
        assertThat(count("select count(*) from dq.check_result where run_id = 'events-1' and stage = 'raw' and failed > 0")).isZero();
    }

    @Test
    void aRunThatFailsMidStreamResumesAtTheSavedOffsetsAndLandsEachEventOnce() throws Exception {
        Instant start = Instant.parse("2026-02-01T00:00:00Z");
        commandLine.run(new DefaultApplicationArguments("simulate", "--minutes", "0.05", "--rate-scale", "20",
                "--seed", "8", "--start", start.toString()));
        Set<String> produced = expectedIds(8, start, Duration.ofSeconds(3), 20);
        doCallRealMethod().doCallRealMethod()
                .doThrow(new IllegalStateException("injected: the lake went away after two chunks"))
                .doCallRealMethod().when(lake).store(any());

        JobExecution failed = runEtl("events-crash", "2026-02-01", "events");

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        StepExecution first = step(failed, "extract_events");
        assertThat(first.getWriteCount()).isEqualTo(400);

        JobExecution restarted = jobOperator.restart(failed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepExecution resumed = step(restarted, "extract_events");
        assertThat(resumed.getReadCount()).as("the restart reads only what the failed run had not written")
                .isEqualTo(produced.size() - 400);
        assertThat(landedIds("events-crash", 8)).isEqualTo(produced);
    }

    /**
     * The simulated events of {@code seed} the run landed (once each). The broker is the tests' shared one: a run
     * also lands what other tests left on the topics since the last run (RealtimeMonitoringTest's mentions).
     */
    private Set<String> landedIds(String runId, long seed) {
        List<String> ids = lake.template().findDistinct(Query.query(Criteria.where("source").is("events")
                .and("run_ids").is(runId)), "natural_id", DataLake.ENVELOPES, String.class);
        long envelopes = lake.template().count(Query.query(Criteria.where("source").is("events")
                .and("run_ids").is(runId)), DataLake.ENVELOPES);
        assertThat(envelopes).as("one envelope per event").isEqualTo(ids.size());
        return ids.stream().filter(id -> id.matches("[a-z]{2}-" + seed + "-\\d+"))
                .collect(java.util.stream.Collectors.toSet());
    }

    private static Set<String> expectedIds(long seed, Instant start, Duration duration, double scale) {
        MarketEventStreams streams = new MarketEventStreams(seed, start);
        Set<String> ids = new HashSet<>();
        // The streams of sources/events.yml; the seed's topics (sales_events, ...) are the streaming pipeline's.
        for (MarketEventStreams.Stream stream : java.util.EnumSet.of(MarketEventStreams.Stream.USER_EVENTS,
                MarketEventStreams.Stream.TRANSACTIONS, MarketEventStreams.Stream.PRICE_CHANGES,
                MarketEventStreams.Stream.SOCIAL_MENTIONS)) {
            for (long k = 0; k < streams.count(stream, duration, scale); k++) {
                ids.add((String) streams.event(stream, k, scale).get("event_id"));
            }
        }
        return ids;
    }
}
