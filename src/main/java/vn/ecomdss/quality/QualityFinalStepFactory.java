package vn.ecomdss.quality;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;
import vn.ecomdss.pipeline.SummarisedSteps;

/**
 * {@code type: quality-final}: runs the table rules of {@code quality/*.yml} over the warehouse after the load
 * (completeness, duplicates, validity intervals, referential integrity, row counts, accepted values...), stores
 * every result and failing row in {@code dq}, alerts on {@code data_quality_alerts} when the score is under
 * {@code quality.final-min-score}, and fails the job when an error rule breaches its threshold.
 */
@Component
public class QualityFinalStepFactory implements StepFactory {

    public static final String ALERT_TOPIC = QualityAlerts.TOPIC;

    private final SummarisedSteps steps;
    private final PlatformTransactionManager transactionManager;
    private final NamedParameterJdbcTemplate jdbc;
    private final QualityResults results;
    private final QualityGate gate;
    private final ObjectProvider<QualityRuleBook> ruleBook;

    public QualityFinalStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                   NamedParameterJdbcTemplate jdbc, QualityResults results, QualityAlerts alerts,
                                   ObjectProvider<QualityRuleBook> ruleBook) {
        this.steps = new SummarisedSteps(jobRepository, transactionManager);
        this.transactionManager = transactionManager;
        this.jdbc = jdbc;
        this.results = results;
        this.gate = new QualityGate("final", "dq.failed_record for every failing row", results, alerts);
        this.ruleBook = ruleBook;
    }

    @Override
    public String type() {
        return "quality-final";
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        return steps.step(step.name(), (run, contribution, execution) -> check(job, run, execution));
    }

    /** Runs every table rule set over the warehouse, then closes the final gate. */
    private String check(JobDefinition job, RunParameters run, StepExecution execution) {
        results.clear(run.runId(), "final");
        List<CheckResult> checks = new ArrayList<>();
        for (RuleSet set : ruleBook.getObject().tables()) {
            TableCheck check = new TableCheck(jdbc, transactionManager, set, run.runId(), job.quality());
            checks.addAll(check.run());
            results.failedRecords(run.runId(), "final", check.failedRecords());
        }
        return gate.close(run, job, checks, execution, scores -> String.format(
                "final score %.4f, run score %.4f (minimum %.2f), %d of %d rules passed", scores.stage(),
                scores.overall(), job.quality().finalMinScore(), checks.stream().filter(CheckResult::passed).count(),
                checks.size()));
    }
}
