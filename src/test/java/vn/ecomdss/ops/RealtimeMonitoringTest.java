package vn.ecomdss.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import vn.ecomdss.lake.DataLake;

/**
 * realtime_monitoring against the real broker, lake and job repository: the events source's social_mentions topic
 * (two partitions here) is read by an extract, written to again, and measured; then, with the clock of the run moved
 * past the topic's maximum age (the run's as_of), the freshness alert lands on etl_alerts and in the table.
 */
class RealtimeMonitoringTest extends OpsTestSupport {

    private static final String TOPIC = "social_mentions";
    private static final String JOB = "realtime_monitoring";

    @Autowired
    DataLake lake;

    private final String tag = Long.toString(System.nanoTime());
    private final String extractRun = "monitor-extract-" + tag;
    private List<Map<String, Object>> savedWatermarks;

    @BeforeEach
    void saveTheEventsWatermarks() throws Exception {
        savedWatermarks = jdbc.queryForList("select source, entity, watermark, run_id from ops.source_watermark "
                + "where source = 'events'");
        ensurePartitions(2);
    }

    @AfterEach
    void restoreTheEventsWatermarksAndRemoveTheRunsRows() {
        jdbc.update("delete from ops.source_watermark where source = 'events'");
        for (Map<String, Object> mark : savedWatermarks) {
            jdbc.update("insert into ops.source_watermark (source, entity, watermark, run_id) values (?, ?, ?, ?)",
                    mark.get("source"), mark.get("entity"), mark.get("watermark"), mark.get("run_id"));
        }
        lake.template().getCollection(DataLake.ENVELOPES).deleteMany(new Document("first_run_id", extractRun));
        jdbc.update("delete from ops.monitoring_result where run_id like ?", "monitor-%-" + tag);
        jdbc.update("delete from ops.alert_delivery where run_id like ?", "monitor-%-" + tag);
    }

    @Test
    void lagIsReportedPerPartitionAndTheFreshnessAlertFiresOnceTheTopicFallsQuietPastItsMaximumAge()
            throws Exception {
        produce(0, 3);
        produce(1, 2);
        assertThat(runEtlStep("extract_events", extractRun, "2026-12-01", "events", false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        Map<Integer, Long> read = watermark();
        assertThat(read).containsOnlyKeys(0, 1);

        produce(0, 4);
        produce(1, 1);
        String lagRun = "monitor-lag-" + tag;
        assertThat(runStep(JOB, "check_consumer_lag", Map.of("run_id", lagRun), Map.of()).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        List<Map<String, Object>> lag = jdbc.queryForList("""
                select partition, value, threshold, status, detail from ops.monitoring_result
                where run_id = ? and "check" = 'consumer_lag' and subject = 'source:events' and topic = ?
                order by partition
                """, lagRun, TOPIC);
        assertThat(lag).extracting(r -> r.get("partition")).containsExactly(0, 1);
        assertThat(lag).extracting(r -> r.get("value")).containsExactly(4.0, 1.0);
        assertThat(lag).extracting(r -> r.get("status")).containsOnly("ok");
        assertThat(lag).extracting(r -> r.get("threshold")).containsOnly(10_000.0);
        assertThat((String) lag.get(0).get("detail")).contains("4 messages behind", "next offset " + read.get(0));

        String freshRun = "monitor-fresh-" + tag;
        assertThat(runStep(JOB, "check_freshness", Map.of("run_id", freshRun), Map.of()).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        Map<String, Object> topic = result(freshRun, "freshness", "topic", TOPIC);
        assertThat((Double) topic.get("value")).as("seconds since the last message").isBetween(0.0, 120.0);
        assertThat(topic.get("threshold")).as("social_mentions' own max-age, PT30M").isEqualTo(1800.0);
        assertThat(topic.get("status")).isEqualTo("ok");
        Map<String, Object> landed = result(freshRun, "freshness", "source", "events/social_mentions");
        assertThat((Double) landed.get("value")).as("seconds since the extract landed them").isBetween(0.0, 300.0);
        assertThat(landed.get("threshold")).isEqualTo(26 * 3600.0);
        assertThat(landed.get("status")).isEqualTo("ok");

        String metrics = get("/actuator/prometheus", bearer(VIEWER_TOKEN)).body();
        assertThat(metrics)
                .containsPattern("dss_consumer_lag\\{[^}]*consumer=\"source:events\"[^}]*partition=\"0\"[^}]*topic=\""
                        + TOPIC + "\"[^}]*} 4\\.0\\n")
                .containsPattern("dss_consumer_lag\\{[^}]*partition=\"1\"[^}]*topic=\"" + TOPIC + "\"[^}]*} 1\\.0\\n")
                .containsPattern("dss_topic_freshness_seconds\\{[^}]*topic=\"" + TOPIC + "\"[^}]*} [0-9.]+(E-?[0-9]+)?\\n")
                .containsPattern("dss_source_freshness_seconds\\{[^}]*entity=\"social_mentions\"[^}]*source=\"events\"");

        // Nothing more is produced; the next run measures 31 minutes later.
        String quietRun = "monitor-quiet-" + tag;
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.ofHours(7)).plusMinutes(31);
        assertThat(runStep(JOB, "check_freshness", Map.of("run_id", quietRun), Map.of("as_of", later.toString()))
                .getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Object> quiet = result(quietRun, "freshness", "topic", TOPIC);
        assertThat(quiet.get("status")).isEqualTo("alert");
        assertThat((Double) quiet.get("value")).isBetween(31 * 60.0, 33 * 60.0);
        assertThat((String) quiet.get("detail")).contains("above the maximum age of 1800 s");
        assertThat(result(quietRun, "freshness", "source", "events/social_mentions").get("status"))
                .as("the lake is still within its 26 hours").isEqualTo("ok");

        String key = "monitoring:freshness:topic:" + TOPIC;
        assertThat(jdbc.queryForList("select outcome from ops.alert_delivery where alert_key = ? and run_id = ? "
                + "and channel = 'kafka'", String.class, key, quietRun)).containsExactly("sent");
        List<JsonNode> alerts = messages("etl_alerts").stream().map(json::readTree)
                .filter(m -> m.path("key").asString().equals(key) && m.path("run_id").asString().equals(quietRun))
                .toList();
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.get(0);
        assertThat(alert.path("kind").asString()).isEqualTo("HEALTH");
        assertThat(alert.path("job").asString()).isEqualTo(JOB);
        assertThat(alert.path("title").asString()).startsWith("Topic " + TOPIC + ": newest message ")
                .contains("above the maximum age of 1800 s");
        assertThat(alert.path("fields").path("threshold").asDouble()).isEqualTo(1800.0);
        assertThat(alert.path("fields").path("value").asDouble()).isGreaterThan(1800.0);
    }

    @Test
    void theWholeJobMeasuresEveryCheckAndALateScheduledJobAlertsPastItsGrace() {
        produce(0, 2);
        String run = "monitor-job-" + tag;
        JobExecution execution = jobOperatorStart(run);
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForList("select distinct \"check\" from ops.monitoring_result where run_id = ? order by 1",
                String.class, run)).containsExactly("consumer_lag", "freshness", "job_lateness", "volume");
        Map<String, Object> volume = result(run, "volume", "topic", TOPIC);
        assertThat((Double) volume.get("value")).as("messages produced to it in the last hour").isGreaterThanOrEqualTo(2.0);
        assertThat((String) volume.get("detail")).contains("no baseline");
        assertThat(count("select count(*) from ops.monitoring_result where run_id = ? and \"check\" = 'job_lateness'",
                run)).as("one row per scheduled definition")
                .isEqualTo(catalogue.definitions().values().stream().filter(d -> d.schedule() != null).count());

        // Twenty minutes later realtime_monitoring has missed its slots since this run: past its ten-minute grace.
        String lateRun = "monitor-late-" + tag;
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.ofHours(7)).plusMinutes(20);
        assertThat(runStep(JOB, "check_job_lateness", Map.of("run_id", lateRun), Map.of("as_of", later.toString()))
                .getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Object> late = result(lateRun, "job_lateness", "job", JOB);
        assertThat(late.get("status")).isEqualTo("alert");
        assertThat((Double) late.get("value")).isBetween(15 * 60.0, 20 * 60.0);
        assertThat(late.get("threshold")).isEqualTo(600.0);
        assertThat(jdbc.queryForList("select outcome from ops.alert_delivery where alert_key = ? and run_id = ?",
                String.class, "monitoring:job_lateness:job:" + JOB, lateRun)).containsExactly("sent");
    }

    private JobExecution jobOperatorStart(String run) {
        try {
            return jobOperator.start(catalogue.jobs().get(JOB), new JobParametersBuilder().addString("run_id", run)
                    .toJobParameters());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Map<String, Object> result(String run, String check, String kind, String subject) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select value, threshold, status, detail from ops.monitoring_result
                where run_id = ? and "check" = ? and subject_kind = ? and subject = ?
                """, run, check, kind, subject);
        assertThat(rows).as("%s of %s %s in %s", check, kind, subject, run).hasSize(1);
        return rows.get(0);
    }

    /** Partition to next offset as the events source's last extract saved it for the topic. */
    private Map<Integer, Long> watermark() {
        String mark = jdbc.queryForObject("select watermark from ops.source_watermark where source = 'events' "
                + "and entity = ?", String.class, TOPIC);
        Map<Integer, Long> offsets = new HashMap<>();
        for (String part : mark.split(",")) {
            String[] pair = part.split(":");
            offsets.put(Integer.parseInt(pair[0]), Long.parseLong(pair[1]));
        }
        return offsets;
    }

    private void produce(int partition, int messages) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < messages; i++) {
                String id = "sm-monitor-" + tag + "-" + partition + "-" + System.nanoTime();
                producer.send(new ProducerRecord<>(TOPIC, partition, id, """
                        {"event_id": "%s", "schema_version": 1, "platform": "shopee", "sentiment": "positive"}
                        """.formatted(id))).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    /** The shared broker's topic gets a second partition the first time (its other readers read every partition). */
    private void ensurePartitions(int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicDescription description;
            try {
                description = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
                return;
            }
            if (description.partitions().size() < partitions) {
                admin.createPartitions(Map.of(TOPIC, NewPartitions.increaseTo(partitions))).all().get();
            }
        }
    }
}
