package vn.ecomdss.quality;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a run's quality results in {@code dq}: every rule's figures, every failing record, the stage's score (the
 * mean pass ratio of its rules) and the run's overall score over all its stages so far. Storing a stage again (a
 * restarted step) replaces what it stored before. Results are committed in their own transaction so that a gate
 * failing the step keeps the figures that failed it.
 */
@Component
public class QualityResults {

    /** The scores after a stage was stored. */
    public record Scores(double stage, double overall) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public QualityResults(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Clears what an earlier attempt of the stage stored, before its checks write failing records again. */
    public void clear(String runId, String stage) {
        ownTransaction.executeWithoutResult(status -> {
            jdbc.update("delete from dq.check_result where run_id = ? and stage = ?", runId, stage);
            jdbc.update("delete from dq.failed_record where run_id = ? and stage = ?", runId, stage);
        });
    }

    public void failedRecords(String runId, String stage, List<FailedRecord> records) {
        ownTransaction.executeWithoutResult(status -> jdbc.batchUpdate("""
                insert into dq.failed_record (run_id, stage, rule, target, record_key, severity, quarantined, reason,
                    envelope_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, records, 1000, (ps, r) -> {
            ps.setString(1, runId);
            ps.setString(2, stage);
            ps.setString(3, r.rule());
            ps.setString(4, r.target());
            ps.setString(5, r.recordKey());
            ps.setString(6, r.severity().key());
            ps.setBoolean(7, r.severity() == Severity.ERROR);
            ps.setString(8, r.reason());
            ps.setString(9, r.envelopeId());
        }));
    }

    public Scores store(String runId, String stage, List<CheckResult> results) {
        return ownTransaction.execute(status -> write(runId, stage, results));
    }

    private Scores write(String runId, String stage, List<CheckResult> results) {
        jdbc.update("delete from dq.check_result where run_id = ? and stage = ?", runId, stage);
        jdbc.batchUpdate("""
                insert into dq.check_result (run_id, stage, rule, rule_type, target, severity, checked, failed, ratio,
                    threshold, passed, sample_keys, observed)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, results, results.size(), (ps, r) -> {
            ps.setString(1, runId);
            ps.setString(2, stage);
            ps.setString(3, r.rule());
            ps.setString(4, r.ruleType());
            ps.setString(5, r.target());
            ps.setString(6, r.severity());
            ps.setLong(7, r.checked());
            ps.setLong(8, r.failed());
            ps.setDouble(9, r.ratio());
            ps.setDouble(10, r.threshold());
            ps.setBoolean(11, r.passed());
            ps.setArray(12, ps.getConnection().createArrayOf("text", r.sampleKeys().toArray()));
            ps.setObject(13, r.observed(), java.sql.Types.DOUBLE);
        });
        double score = results.stream().mapToDouble(r -> 1.0 - r.ratio()).average().orElse(1.0);
        int failed = (int) results.stream().filter(r -> !r.passed()).count();
        upsertScore(runId, stage, score, results.size(), failed);
        Double overall = jdbc.queryForObject("""
                select coalesce(avg(1 - ratio), 1)::float8 from dq.check_result where run_id = ? and stage <> 'run'
                """, Double.class, runId);
        Integer checks = jdbc.queryForObject("select count(*) from dq.check_result where run_id = ? and stage <> 'run'",
                Integer.class, runId);
        Integer failing = jdbc.queryForObject(
                "select count(*) from dq.check_result where run_id = ? and stage <> 'run' and not passed", Integer.class, runId);
        upsertScore(runId, "run", overall, checks, failing);
        return new Scores(score, overall);
    }

    private void upsertScore(String runId, String stage, double score, int checks, int failed) {
        jdbc.update("""
                insert into dq.run_score (run_id, stage, score, checks, failed) values (?, ?, ?, ?, ?)
                on conflict (run_id, stage) do update set score = excluded.score, checks = excluded.checks,
                    failed = excluded.failed, scored_at = now()
                """, runId, stage, score, checks, failed);
    }
}
