package vn.ecomdss.quality;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Prints a run's quality results from {@code dq}: scores, every rule's figures, and the quarantine by rule. */
@Component
public class QualityReport {

    private final JdbcTemplate jdbc;

    public QualityReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest scored run when {@code runId} is null; returns false when there is nothing to show. */
    public boolean print(String runId, PrintStream out) {
        String run = runId != null ? runId : latestRun();
        if (run == null) {
            out.println("No quality results yet: run dss_etl first.");
            return false;
        }
        List<Map<String, Object>> scores = jdbc.queryForList("""
                select stage, score, checks, failed, scored_at from dq.run_score where run_id = ?
                order by case stage when 'raw' then 1 when 'final' then 2 else 3 end
                """, run);
        if (scores.isEmpty()) {
            out.printf("No quality results for run %s%n", run);
            return false;
        }
        out.printf("Quality of run %s%n", run);
        for (Map<String, Object> score : scores) {
            out.printf("  %-6s score %.4f  %s rules, %s failing  (%s)%n", score.get("stage"),
                    ((Number) score.get("score")).doubleValue(), score.get("checks"), score.get("failed"), score.get("scored_at"));
        }
        out.printf("%n  %-6s %-5s %-34s %-30s %8s %8s %8s %8s  %s%n", "stage", "sev", "target", "rule", "checked",
                "failed", "ratio", "limit", "sample of failing keys");
        jdbc.query("""
                select stage, severity, target, rule, checked, failed, ratio, threshold, passed, sample_keys
                from dq.check_result where run_id = ?
                order by case stage when 'raw' then 1 else 2 end, passed, target, rule
                """, rs -> {
            String[] sample = (String[]) rs.getArray("sample_keys").getArray();
            out.printf("  %-6s %-5s %-34s %-30s %8d %8d %8.4f %8.4f %s %s%n", rs.getString("stage"), rs.getString("severity"),
                    rs.getString("target"), rs.getString("rule"), rs.getLong("checked"), rs.getLong("failed"),
                    rs.getDouble("ratio"), rs.getDouble("threshold"), rs.getBoolean("passed") ? " " : "!",
                    sample.length == 0 ? "" : String.join(", ", sample));
        }, run);
        List<Map<String, Object>> quarantined = jdbc.queryForList("""
                select stage, target, rule, count(*) as records from dq.failed_record
                where run_id = ? and quarantined group by stage, target, rule order by stage desc, target, rule
                """, run);
        out.printf("%nQuarantined records (error rules): %d%n",
                quarantined.stream().mapToLong(q -> ((Number) q.get("records")).longValue()).sum());
        quarantined.forEach(q -> out.printf("  %-6s %-34s %-30s %6s%n", q.get("stage"), q.get("target"), q.get("rule"), q.get("records")));
        return true;
    }

    private String latestRun() {
        List<String> runs = jdbc.queryForList("select run_id from dq.run_score order by scored_at desc limit 1", String.class);
        return runs.isEmpty() ? null : runs.get(0);
    }
}
