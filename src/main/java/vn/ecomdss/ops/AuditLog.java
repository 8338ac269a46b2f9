package vn.ecomdss.ops;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code ops.audit_log} table: every operator action, whether it was carried out or refused. */
@Component
public class AuditLog {

    public record Entry(long id, OffsetDateTime at, String actor, String action, String target, String outcome,
                        String detail) {
    }

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, String action, String target, String outcome, String detail) {
        jdbc.update("insert into ops.audit_log (actor, action, target, outcome, detail) values (?, ?, ?, ?, ?)",
                actor, action, target, outcome, detail);
    }

    public List<Entry> latest(int limit) {
        return jdbc.query("""
                select id, at, actor, action, target, outcome, detail
                from ops.audit_log order by id desc limit ?
                """, (rs, i) -> new Entry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class),
                rs.getString("actor"), rs.getString("action"), rs.getString("target"), rs.getString("outcome"),
                rs.getString("detail")), limit);
    }
}
