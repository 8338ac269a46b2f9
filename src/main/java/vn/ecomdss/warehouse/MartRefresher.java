package vn.ecomdss.warehouse;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refreshes one materialised view {@code CONCURRENTLY} (dashboards keep reading the old contents meanwhile), in
 * the caller's transaction, with the memory to aggregate a mart's distinct counts and to diff old and new rows
 * without spilling to disk.
 */
@Component
public class MartRefresher {

    /** One refresh: the view, its rows afterwards and how long it took. */
    public record Refresh(String view, long rows, long millis) {
    }

    private final JdbcTemplate jdbc;

    public MartRefresher(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param view a schema-qualified name checked by the caller (job definitions are validated at start-up) */
    public Refresh refresh(String view) {
        long started = System.nanoTime();
        jdbc.execute("set local work_mem = '256MB'");
        jdbc.execute("refresh materialized view concurrently " + view);
        Long rows = jdbc.queryForObject("select count(*) from " + view, Long.class);
        return new Refresh(view, rows == null ? 0 : rows, (System.nanoTime() - started) / 1_000_000);
    }
}
