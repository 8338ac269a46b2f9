package vn.ecomdss.quality;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;

/**
 * {@code type: quality-final}: runs the table rules of {@code quality/*.yml} over the warehouse after the load
 * (completeness, duplicates, validity intervals, referential integrity, row counts, accepted values...), stores
 * every result and failing row in {@code dq}, alerts on {@code data_quality_alerts} when the score is under
 * {@code quality.final-min-score}, and fails the job when an error rule breaches its threshold.
 */
@Component
public class QualityFinalStepFactory implements StepFactory {

    private static final Logger log = LoggerFactory.getLogger(QualityFinalStepFactory.class);
    public static final String ALERT_TOPIC = QualityAlerts.TOPIC;

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final NamedParameterJdbcTemplate jdbc;
    private final QualityResults results;
    private final QualityAlerts alerts;
    private final ObjectProvider<QualityRuleBook> ruleBook;

    public QualityFinalStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                   NamedParameterJdbcTemplate jdbc, QualityResults results, QualityAlerts alerts,
                                   ObjectProvider<QualityRuleBook> ruleBook) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.jdbc = jdbc;
        this.results = results;
        this.alerts = alerts;
        this.ruleBook = ruleBook;
    }

    @Override
    public String type() {
        return "quality-final";
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        JobDefinition.QualityThresholds thresholds = job.quality();
        return new StepBuilder(step.name(), jobRepository)
                .tasklet((contribution, context) -> {
                    StepExecution execution = context.getStepContext().getStepExecution();
                    RunParameters run = RunParameters.of(execution.getJobExecution().getJobParameters());
                    results.clear(run.runId(), "final");
                    List<CheckResult> checks = new ArrayList<>();
                    for (RuleSet set : ruleBook.getObject().tables()) {
                        TableCheck check = new TableCheck(jdbc, transactionManager, set, run.runId(), thresholds);
                        checks.addAll(check.run());
                        results.failedRecords(run.runId(), "final", check.failedRecords());
                    }
                    QualityResults.Scores scores = results.store(run.runId(), "final", checks);
                    execution.getExecutionContext().putDouble("quality.score", scores.stage());
                    String summary = String.format("final score %.4f, run score %.4f (minimum %.2f), %d of %d rules passed",
                            scores.stage(), scores.overall(), thresholds.finalMinScore(),
                            checks.stream().filter(CheckResult::passed).count(), checks.size());
                    log.info("{} {}", step.name(), summary);
                    alerts.alertIfBelow(run.runId(), job.name(), "final", scores, thresholds.finalMinScore(), checks);
                    List<CheckResult> errors = checks.stream().filter(CheckResult::blocking).toList();
                    if (!errors.isEmpty()) {
                        throw new QualityGateException("final quality: " + errors.stream()
                                .map(e -> String.format("%s on %s failed %d of %d, e.g. %s", e.rule(), e.target(),
                                        e.failed(), e.checked(), e.sampleKeys())).toList()
                                + "; see dq.failed_record for every failing row");
                    }
                    contribution.setExitStatus(contribution.getExitStatus().addExitDescription(summary));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
