package vn.ecomdss.monitor;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.Alert;
import vn.ecomdss.pipeline.AlertSink;

/**
 * Where a monitoring step's figures go: rows of {@code ops.monitoring_result}, the {@code dss_*} gauges, and an
 * alert on the job's channels for each figure over its threshold (a repeat within the job's quiet period is not
 * sent again). Each step also deletes its check's rows older than its {@code keep:} period.
 */
@Component
class MonitoringResults {

    private static final String INSERT = """
            insert into ops.monitoring_result (run_id, measured_at, "check", subject_kind, subject, topic, partition,
                                               value, threshold, status, detail)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String PRUNE = """
            delete from ops.monitoring_result where "check" = ? and recorded_at < now() - make_interval(secs => ?)
            """;

    private final JdbcTemplate jdbc;
    private final AlertSink alerts;
    private final MonitoringMetrics metrics;

    MonitoringResults(JdbcTemplate jdbc, AlertSink alerts, MonitoringMetrics metrics) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.metrics = metrics;
    }

    /** Records the figures of one check and raises the alerts; returns the step's summary. */
    String record(String check, List<Measurement> figures, Instant measuredAt, String job, String runId,
                  Alert.Kind kind, Duration keep) {
        Timestamp at = Timestamp.from(measuredAt);
        jdbc.batchUpdate(INSERT, figures, 500, (ps, m) -> {
            ps.setString(1, runId);
            ps.setTimestamp(2, at);
            ps.setString(3, m.check());
            ps.setString(4, m.subjectKind());
            ps.setString(5, m.subject());
            ps.setString(6, m.topic());
            if (m.partition() == null) {
                ps.setNull(7, Types.INTEGER);
            } else {
                ps.setInt(7, m.partition());
            }
            if (m.value() == null) {
                ps.setNull(8, Types.DOUBLE);
            } else {
                ps.setDouble(8, m.value());
            }
            ps.setDouble(9, m.threshold());
            ps.setString(10, m.alert() ? "alert" : "ok");
            ps.setString(11, m.detail());
        });
        jdbc.update(PRUNE, check, (double) keep.toSeconds());
        metrics.track(figures);
        long alerted = 0;
        for (Measurement m : figures) {
            if (m.alert()) {
                alerted++;
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("check", m.check());
                fields.put("subject", m.subject());
                if (m.topic() != null) {
                    fields.put("topic", m.topic());
                }
                if (m.partition() != null) {
                    fields.put("partition", m.partition());
                }
                fields.put("value", m.value());
                fields.put("threshold", m.threshold());
                fields.put("measured_at", measuredAt.toString());
                alerts.raise(new Alert(m.alertKey(), kind, Alert.Severity.WARNING, job, runId,
                        capitalised(m.subjectLabel()) + ": " + m.detail(), m.detail(), fields));
            }
        }
        return String.format("%s: %d figures at %s, %d over threshold", check, figures.size(), measuredAt, alerted);
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
