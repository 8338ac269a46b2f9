package vn.ecomdss.quality;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a run's quality results in {@code dq}: every rule's figures and the stage's overall score, the mean
 * pass ratio of its rules. Storing a stage again (a restarted step) replaces what it stored before. Results
 * are committed in their own transaction so that a gate failing the step keeps the figures that failed it.
 */
@Component
public class QualityResults {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public QualityResults(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public double store(String runId, String stage, List<CheckResult> results) {
        Double score = ownTransaction.execute(status -> write(runId, stage, results));
        return score == null ? 1.0 : score;
    }

    private double write(String runId, String stage, List<CheckResult> results) {
        jdbc.update("delete from dq.check_result where run_id = ? and stage = ?", runId, stage);
        jdbc.batchUpdate("""
                insert into dq.check_result (run_id, stage, rule, target, severity, checked, failed, ratio, threshold,
                    passed, sample_keys)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, results, results.size(), (ps, r) -> {
            ps.setString(1, runId);
            ps.setString(2, stage);
            ps.setString(3, r.rule());
            ps.setString(4, r.target());
            ps.setString(5, r.severity());
            ps.setLong(6, r.checked());
            ps.setLong(7, r.failed());
            ps.setDouble(8, r.ratio());
            ps.setDouble(9, r.threshold());
            ps.setBoolean(10, r.passed());
            ps.setArray(11, ps.getConnection().createArrayOf("text", r.sampleKeys().toArray()));
        });
        double score = results.isEmpty() ? 1.0 : results.stream().mapToDouble(r -> 1.0 - r.ratio()).average().orElse(1.0);
        int failed = (int) results.stream().filter(r -> !r.passed()).count();
        jdbc.update("""
                insert into dq.run_score (run_id, stage, score, checks, failed) values (?, ?, ?, ?, ?)
                on conflict (run_id, stage) do update set score = excluded.score, checks = excluded.checks,
                    failed = excluded.failed, scored_at = now()
                """, runId, stage, score, results.size(), failed);
        return score;
    }
}
