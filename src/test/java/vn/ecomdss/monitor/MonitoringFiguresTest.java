package vn.ecomdss.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.ecomdss.pipeline.ConsumerPositions;
import vn.ecomdss.pipeline.JobDefinition;

/** The figures of the checks from what they read, without a broker or a database. */
class MonitoringFiguresTest {

    private static final JobDefinition NIGHTLY = new JobDefinition("nightly.yml", "nightly", "",
            new JobDefinition.Schedule("0 0 2 * * *", ZoneId.of("Asia/Ho_Chi_Minh")),
            JobDefinition.QualityThresholds.defaults(), JobDefinition.Alerting.defaults(), false, List.of());

    @Test
    void aNightlyJobIsLateFromTheFirstSlotAfterItsLastCompletedRunAndAlertsOnlyPastItsGrace() {
        Instant lastRun = Instant.parse("2026-12-01T19:00:05Z");            // 02:00:05 in Vietnam on the 2nd
        Instant due = Instant.parse("2026-12-02T19:00:00Z");                // 02:00 on the 3rd
        Measurement early = JobLatenessStepFactory.lateness(NIGHTLY, lastRun, null, false, Duration.ofHours(1),
                due.minusSeconds(60));
        assertThat(early.value()).isZero();
        assertThat(early.alert()).isFalse();
        assertThat(early.detail()).startsWith("not due yet");

        Measurement withinGrace = JobLatenessStepFactory.lateness(NIGHTLY, lastRun, null, false, Duration.ofHours(1),
                due.plusSeconds(3000));
        assertThat(withinGrace.value()).isEqualTo(3000.0);
        assertThat(withinGrace.alert()).isFalse();

        Measurement late = JobLatenessStepFactory.lateness(NIGHTLY, lastRun, null, false, Duration.ofHours(1),
                due.plusSeconds(3700));
        assertThat(late.value()).isEqualTo(3700.0);
        assertThat(late.threshold()).isEqualTo(3600.0);
        assertThat(late.alert()).isTrue();
        assertThat(late.detail()).contains("due at 2026-12-02T19:00:00Z", "3700 s late", "above the grace of 3600 s");

        assertThat(JobLatenessStepFactory.lateness(NIGHTLY, lastRun, null, true, Duration.ofHours(1),
                due.plusSeconds(3700)).alert()).as("paused").isFalse();
        assertThat(JobLatenessStepFactory.lateness(NIGHTLY, null, null, false, Duration.ofHours(1), due).value())
                .as("never launched").isNull();
        assertThat(JobLatenessStepFactory.lateness(NIGHTLY, null, due, false, Duration.ofHours(1),
                due.plusSeconds(7200)).alert()).as("claimed but never completed").isTrue();
    }

    @Test
    void aLongLivedJobIsLateByTheTimeSinceItsRunningExecutionLastMadeProgress() {
        Instant progressed = Instant.parse("2026-12-02T08:00:00Z");
        Measurement lively = JobLatenessStepFactory.progress("ecommerce_streaming_pipeline", progressed,
                Duration.ofMinutes(2), progressed.plusSeconds(5));
        assertThat(lively.value()).isEqualTo(5.0);
        assertThat(lively.alert()).isFalse();
        Measurement stuck = JobLatenessStepFactory.progress("ecommerce_streaming_pipeline", progressed,
                Duration.ofMinutes(2), progressed.plusSeconds(121));
        assertThat(stuck.alert()).isTrue();
        assertThat(stuck.detail()).contains("121 s ago, above the grace of 120 s");
    }

    @Test
    void volumeAlertsBelowTheRatioOfTheSameHourAWeekEarlierAndNotWithoutABaseline() {
        Measurement low = VolumeStepFactory.volume("topic", "user_events", 400, 1000, 0.5, "messages produced");
        assertThat(low.threshold()).isEqualTo(500.0);
        assertThat(low.alert()).isTrue();
        assertThat(low.detail()).contains("400 messages produced", "1000 in the same hour", "below the minimum of 500");
        assertThat(VolumeStepFactory.volume("topic", "user_events", 500, 1000, 0.5, "messages produced").alert())
                .isFalse();
        Measurement fresh = VolumeStepFactory.volume("source", "vnmarket/products", 7, 0, 0.5, "records landed");
        assertThat(fresh.alert()).isFalse();
        assertThat(fresh.detail()).contains("no baseline");
    }

    @Test
    void lagIsTheEndOffsetMinusTheNextOffsetPerPartitionCountingAnUnreadPartitionFromItsFirstOffset() {
        ConsumerPositions.Position position = new ConsumerPositions.Position("source:events", "user_events",
                Map.of(0, 90L));
        TopicProbe.Partitions partitions = new TopicProbe.Partitions(Map.of(0, 0L, 1, 40L), Map.of(0, 100L, 1, 75L));
        List<Measurement> lags = ConsumerLagStepFactory.lags(position, partitions, 30);
        assertThat(lags).extracting(Measurement::partition).containsExactlyInAnyOrder(0, 1);
        Measurement first = lags.stream().filter(m -> m.partition() == 0).findFirst().orElseThrow();
        Measurement second = lags.stream().filter(m -> m.partition() == 1).findFirst().orElseThrow();
        assertThat(first.value()).isEqualTo(10.0);
        assertThat(first.alert()).isFalse();
        assertThat(second.value()).isEqualTo(35.0);
        assertThat(second.alert()).isTrue();
        assertThat(second.detail()).contains("never read");
        assertThat(second.alertKey()).isEqualTo("monitoring:consumer_lag:consumer:source:events:user_events:1");
        assertThat(ConsumerLagStepFactory.lags(position, new TopicProbe.Partitions(Map.of(), Map.of()), 30))
                .singleElement().satisfies(m -> assertThat(m.value()).isNull());
    }
}
