package vn.ecomdss.monitor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The monitoring's figures as Prometheus gauges, each the value of its subject's latest row of
 * {@code ops.monitoring_result} recorded in the last hour (so a server shows the runs of every process on its
 * database, and a figure no run measured for an hour reads NaN rather than a stale value):
 * {@code dss_source_freshness_seconds{source,entity}}, {@code dss_topic_freshness_seconds{topic}},
 * {@code dss_consumer_lag{consumer,topic,partition}}, {@code dss_source_records_last_hour{source,entity}},
 * {@code dss_topic_messages_last_hour{topic}} and {@code dss_job_lateness_seconds{job}}. A subject gets its gauge
 * when the server starts (from the rows of the last hour) or when a run in this process first measures it.
 */
@Component
class MonitoringMetrics implements MeterBinder {

    private static final long REFRESH_MILLIS = 5_000;
    private static final String LATEST = """
            select distinct on ("check", subject_kind, subject, topic, partition)
                   "check", subject_kind, subject, topic, partition, value
            from ops.monitoring_result
            where recorded_at > now() - interval '1 hour'
            order by "check", subject_kind, subject, topic, partition, recorded_at desc, id desc
            """;

    private record Key(String check, String subjectKind, String subject, String topic, Integer partition) {
        static Key of(Measurement m) {
            return new Key(m.check(), m.subjectKind(), m.subject(), m.topic(), m.partition());
        }
    }

    private record Snapshot(long takenAt, Map<Key, Double> values) {
    }

    private final JdbcTemplate jdbc;
    private final Set<Key> registered = ConcurrentHashMap.newKeySet();
    private volatile MeterRegistry registry;
    private volatile Snapshot snapshot = new Snapshot(0, Map.of());

    MonitoringMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        this.registry = meters;
        current().values().keySet().forEach(this::register);
    }

    /** Gives each newly measured subject its gauge, and makes the next scrape read the new rows. */
    void track(List<Measurement> figures) {
        snapshot = new Snapshot(0, snapshot.values());
        figures.stream().map(Key::of).forEach(this::register);
    }

    private void register(Key key) {
        MeterRegistry meters = registry;
        if (meters == null || !registered.add(key)) {
            return;
        }
        List<String> tags = new ArrayList<>();
        String name;
        String description;
        switch (key.check() + "/" + key.subjectKind()) {
            case Measurement.FRESHNESS + "/source" -> {
                name = "dss_source_freshness_seconds";
                description = "Age of the newest record landed in the lake for a source's entity";
                sourceTags(tags, key.subject());
            }
            case Measurement.FRESHNESS + "/topic" -> {
                name = "dss_topic_freshness_seconds";
                description = "Age of the newest message on a Kafka topic";
                tags.addAll(List.of("topic", key.subject()));
            }
            case Measurement.CONSUMER_LAG + "/consumer" -> {
                name = "dss_consumer_lag";
                description = "Messages of a topic partition a platform consumer has not read yet";
                // A topic that does not exist yet has no partition: its one figure is NaN under partition "none".
                tags.addAll(List.of("consumer", key.subject(), "topic", key.topic(), "partition",
                        key.partition() == null ? "none" : key.partition().toString()));
            }
            case Measurement.VOLUME + "/source" -> {
                name = "dss_source_records_last_hour";
                description = "Records of a source's entity first landed in the hour before the latest monitoring run";
                sourceTags(tags, key.subject());
            }
            case Measurement.VOLUME + "/topic" -> {
                name = "dss_topic_messages_last_hour";
                description = "Messages produced to a topic in the hour before the latest monitoring run";
                tags.addAll(List.of("topic", key.subject()));
            }
            case Measurement.JOB_LATENESS + "/job" -> {
                name = "dss_job_lateness_seconds";
                description = "How long past its due cron slot a scheduled job has not completed a run (0: not due)";
                tags.addAll(List.of("job", key.subject()));
            }
            default -> {
                return;
            }
        }
        Gauge.builder(name, this, metrics -> metrics.current().values().getOrDefault(key, Double.NaN))
                .description(description).tags(tags.toArray(String[]::new)).register(meters);
    }

    private static void sourceTags(List<String> tags, String subject) {
        int slash = subject.indexOf('/');
        tags.addAll(List.of("source", subject.substring(0, slash), "entity", subject.substring(slash + 1)));
    }

    private Snapshot current() {
        Snapshot taken = snapshot;
        if (System.currentTimeMillis() - taken.takenAt() > REFRESH_MILLIS) {
            Map<Key, Double> values = new HashMap<>();
            jdbc.query(LATEST, rs -> {
                double value = rs.getDouble("value");
                boolean unmeasured = rs.wasNull();
                values.put(new Key(rs.getString("check"), rs.getString("subject_kind"), rs.getString("subject"),
                        rs.getString("topic"), (Integer) rs.getObject("partition")), unmeasured ? Double.NaN : value);
            });
            taken = new Snapshot(System.currentTimeMillis(), values);
            snapshot = taken;
        }
        return taken;
    }
}
