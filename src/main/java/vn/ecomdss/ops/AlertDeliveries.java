package vn.ecomdss.ops;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the alert channels were asked to carry, newest first, from {@code ops.alert_delivery}: one row per alert and
 * channel, with whether it was sent, suppressed within the quiet period, skipped (channel not configured) or failed.
 */
@Component
public class AlertDeliveries {

    public record Delivery(long id, OffsetDateTime at, String alertKey, String kind, String job, String runId,
                           String title, String channel, String outcome, String error) {
    }

    private static final String LATEST = """
            select id, at, alert_key, kind, job, run_id, title, channel, outcome, error
            from ops.alert_delivery
            where (cast(? as text) is null or outcome = ?)
            order by id desc
            limit ?
            """;

    private final JdbcTemplate jdbc;

    public AlertDeliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest {@code limit} deliveries, only those with {@code outcome} when it is given. */
    public List<Delivery> latest(String outcome, int limit) {
        return jdbc.query(LATEST, (rs, n) -> new Delivery(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class),
                rs.getString("alert_key"), rs.getString("kind"), rs.getString("job"), rs.getString("run_id"),
                rs.getString("title"), rs.getString("channel"), rs.getString("outcome"), rs.getString("error")),
                outcome, outcome, limit);
    }
}
