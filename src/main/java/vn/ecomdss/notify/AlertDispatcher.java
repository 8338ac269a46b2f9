package vn.ecomdss.notify;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import vn.ecomdss.pipeline.Alert;
import vn.ecomdss.pipeline.AlertSink;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.JobDefinitions;

/**
 * Delivers an alert on each channel its job declares (a failed run on e-mail as {@code email-on-failure} says),
 * once per quiet period: a channel that sent the same key less
 * than {@code quiet-period} ago records the repeat as suppressed. A channel that is not configured is skipped, and
 * one that fails is recorded with its error; neither stops the others. Every delivery is a row of
 * {@code ops.alert_delivery}.
 */
@Component
class AlertDispatcher implements AlertSink {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

    private static final String LAST_SENT = """
            select max(at) from ops.alert_delivery where alert_key = ? and channel = ? and outcome = 'sent'
            """;
    private static final String RECORD = """
            insert into ops.alert_delivery (alert_key, channel, kind, job, run_id, title, outcome, error)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private final Map<String, AlertChannel> channels;
    private final ObjectProvider<JobDefinitions> definitions;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    AlertDispatcher(List<AlertChannel> channels, ObjectProvider<JobDefinitions> definitions, JdbcTemplate jdbc,
                    TransactionTemplate transactions) {
        this.channels = channels.stream().collect(Collectors.toMap(AlertChannel::name, Function.identity()));
        this.definitions = definitions;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public void raise(Alert alert) {
        JobDefinition.Alerting alerting = definitions.getObject().definition(alert.job())
                .map(JobDefinition::alerts).orElse(JobDefinition.Alerting.defaults());
        for (String name : alerting.channelsFor(alert.kind())) {
            transactions.executeWithoutResult(status -> deliver(alert, channels.get(name), alerting));
        }
    }

    /** Holds a transaction lock on the key and channel, so two processes raising the same alert send it once. */
    private void deliver(Alert alert, AlertChannel channel, JobDefinition.Alerting alerting) {
        jdbc.query("select pg_advisory_xact_lock(hashtext(?))", rs -> null, alert.key() + "|" + channel.name());
        if (!channel.configured()) {
            record(alert, channel, "skipped", "channel not configured");
            log.info("Alert {} not sent on {}: the channel is not configured", alert.key(), channel.name());
            return;
        }
        OffsetDateTime last = jdbc.queryForObject(LAST_SENT, OffsetDateTime.class, alert.key(), channel.name());
        if (last != null && last.plus(alerting.quietPeriod()).isAfter(OffsetDateTime.now())) {
            record(alert, channel, "suppressed", "sent at " + last + ", quiet for " + alerting.quietPeriod());
            return;
        }
        try {
            channel.send(alert, alerting);
            record(alert, channel, "sent", null);
            log.info("Alert {} sent on {}: {}", alert.key(), channel.name(), alert.title());
        } catch (Exception e) {
            record(alert, channel, "failed", e.getMessage());
            log.warn("Alert {} could not be sent on {}: {}", alert.key(), channel.name(), e.getMessage());
        }
    }

    private void record(Alert alert, AlertChannel channel, String outcome, String error) {
        jdbc.update(RECORD, alert.key(), channel.name(), alert.kind().name(), alert.job(), alert.runId(),
                alert.title(), outcome, error);
    }
}
