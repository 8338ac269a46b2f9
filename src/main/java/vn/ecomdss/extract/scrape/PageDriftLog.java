package vn.ecomdss.extract.scrape;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Listing pages that yielded no item where items were expected ({@code dq.page_drift}), for the raw quality check. */
@Component
public class PageDriftLog {

    private final JdbcTemplate jdbc;

    public PageDriftLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String runId, String source, String entity, String url, String selector) {
        jdbc.update("""
                insert into dq.page_drift (run_id, source, entity, url, selector) values (?, ?, ?, ?, ?)
                on conflict (run_id, source, entity, url) do update set selector = excluded.selector, detected_at = now()
                """, runId, source, entity, url, selector);
    }
}
