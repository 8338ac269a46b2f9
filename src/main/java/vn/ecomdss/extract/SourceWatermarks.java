package vn.ecomdss.extract;

import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Per source and entity, how far the last completed extract read ({@code ops.source_watermark}). */
@Component
public class SourceWatermarks {

    private final JdbcTemplate jdbc;

    public SourceWatermarks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, String> of(String source) {
        Map<String, String> marks = new HashMap<>();
        jdbc.query("select entity, watermark from ops.source_watermark where source = ?",
                rs -> {
                    marks.put(rs.getString(1), rs.getString(2));
                }, source);
        return marks;
    }

    public void save(String source, Map<String, String> watermarks, String runId) {
        watermarks.forEach((entity, watermark) -> jdbc.update("""
                insert into ops.source_watermark (source, entity, watermark, run_id) values (?, ?, ?, ?)
                on conflict (source, entity) do update
                set watermark = excluded.watermark, run_id = excluded.run_id, updated_at = now()
                """, source, entity, watermark, runId));
    }

}
