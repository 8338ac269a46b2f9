package vn.ecomdss.quality;

import java.sql.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.definition.JobDefinition;
import vn.ecomdss.definition.RunParameters;
import vn.ecomdss.definition.SourceCatalogue;
import vn.ecomdss.definition.StepDefinition;
import vn.ecomdss.definition.StepFactory;
import vn.ecomdss.notify.EventPublisher;

/**
 * {@code type: quality-final}: completeness, duplicates, validity intervals, referential integrity and row counts
 * of the warehouse after the load. Error rules that fail stop the job; the overall score is stored, and a score
 * under {@code quality.final-min-score} is published to the {@code data_quality_alerts} topic.
 */
@Component
public class FinalQualityStepFactory implements StepFactory {

    private static final Logger log = LoggerFactory.getLogger(FinalQualityStepFactory.class);
    public static final String ALERT_TOPIC = "data_quality_alerts";

    /** A rule as one query answering (checked, failed, sample of failing keys). */
    private record Rule(String name, String target, String severity, String sql, boolean perRun) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("completeness", "dw.dim_customer", "warn", """
                    select count(*), count(*) filter (where full_name is null or email is null),
                           (array_agg(source || ':' || customer_id) filter (where full_name is null or email is null))[1:10]
                    from dw.dim_customer where is_current and not is_inferred
                    """, false),
            new Rule("completeness", "dw.dim_product", "warn", """
                    select count(*), count(*) filter (where title is null or price is null),
                           (array_agg(source || ':' || product_id) filter (where title is null or price is null))[1:10]
                    from dw.dim_product where is_current and not is_inferred
                    """, false),
            new Rule("duplicates", "dw.dim_customer", "error", """
                    select count(*), count(*) filter (where n > 1), (array_agg(k) filter (where n > 1))[1:10]
                    from (select source || ':' || customer_id as k, count(*) filter (where is_current) as n
                          from dw.dim_customer group by 1) keys
                    """, false),
            new Rule("duplicates", "dw.dim_product", "error", """
                    select count(*), count(*) filter (where n > 1), (array_agg(k) filter (where n > 1))[1:10]
                    from (select source || ':' || product_id as k, count(*) filter (where is_current) as n
                          from dw.dim_product group by 1) keys
                    """, false),
            new Rule("validity_intervals", "dw.dim_customer", "error", """
                    select count(*), count(*) filter (where next_from is not null and next_from <> valid_to and not closed_by_delete),
                           (array_agg(k) filter (where next_from is not null and next_from <> valid_to and not closed_by_delete))[1:10]
                    from (select source || ':' || customer_id as k, valid_to, closed_by_delete,
                                 lead(valid_from) over (partition by source, customer_id order by valid_from) as next_from
                          from dw.dim_customer) versions
                    """, false),
            new Rule("validity_intervals", "dw.dim_product", "error", """
                    select count(*), count(*) filter (where next_from is not null and next_from <> valid_to and not closed_by_delete),
                           (array_agg(k) filter (where next_from is not null and next_from <> valid_to and not closed_by_delete))[1:10]
                    from (select source || ':' || product_id as k, valid_to, closed_by_delete,
                                 lead(valid_from) over (partition by source, product_id order by valid_from) as next_from
                          from dw.dim_product) versions
                    """, false),
            new Rule("referential_integrity", "dw.fact_sales", "error", """
                    select count(*), count(*) filter (where c.customer_key is null or p.product_key is null),
                           (array_agg(f.source || ':' || f.order_id || ':' || f.line_number)
                               filter (where c.customer_key is null or p.product_key is null))[1:10]
                    from dw.fact_sales f
                    left join dw.dim_customer c on c.customer_key = f.customer_key
                    left join dw.dim_product p on p.product_key = f.product_key
                    where f.run_id = ?
                    """, true),
            new Rule("row_count", "staging.sales_line -> dw.fact_sales", "error", """
                    select count(*), count(*) filter (where f.order_id is null),
                           (array_agg(s.source || ':' || s.order_id || ':' || s.line_number)
                               filter (where f.order_id is null))[1:10]
                    from staging.sales_line s
                    left join dw.fact_sales f on f.source = s.source and f.order_id = s.order_id
                        and f.line_number = s.line_number
                        and f.order_date = (s.order_ts at time zone 'Asia/Ho_Chi_Minh')::date
                    where s.run_id = ?
                    """, true));

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final JdbcTemplate jdbc;
    private final QualityResults results;
    private final EventPublisher publisher;

    public FinalQualityStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                   JdbcTemplate jdbc, QualityResults results, EventPublisher publisher) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.jdbc = jdbc;
        this.results = results;
        this.publisher = publisher;
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
                    List<CheckResult> checks = new ArrayList<>();
                    for (Rule rule : RULES) {
                        double threshold = switch (rule.name()) {
                            case "completeness" -> 1.0 - thresholds.minCompleteness();
                            case "duplicates" -> thresholds.maxDuplicateRatio();
                            default -> 0.0;
                        };
                        checks.add(run(rule, run.runId(), threshold));
                    }
                    double score = results.store(run.runId(), "final", checks);
                    execution.getExecutionContext().putDouble("quality.score", score);
                    String summary = String.format("final score %.4f (minimum %.2f), %d of %d rules passed", score,
                            thresholds.finalMinScore(), checks.stream().filter(CheckResult::passed).count(), checks.size());
                    log.info("{} {}", step.name(), summary);
                    if (score < thresholds.finalMinScore()) {
                        publisher.publish(ALERT_TOPIC, run.runId(), java.util.Map.of("run_id", run.runId(),
                                "job", job.name(), "stage", "final", "score", score,
                                "minimum", thresholds.finalMinScore(),
                                "failed_rules", checks.stream().filter(c -> !c.passed())
                                        .map(c -> c.rule() + " " + c.target()).toList()));
                    }
                    List<CheckResult> errors = checks.stream().filter(c -> !c.passed() && c.severity().equals("error")).toList();
                    if (!errors.isEmpty()) {
                        throw new QualityGateException("final quality: " + errors.stream()
                                .map(e -> String.format("%s on %s failed %d of %d, e.g. %s", e.rule(), e.target(),
                                        e.failed(), e.checked(), e.sampleKeys())).toList());
                    }
                    contribution.setExitStatus(contribution.getExitStatus().addExitDescription(summary));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    private CheckResult run(Rule rule, String runId, double threshold) {
        Object[] args = rule.perRun() ? new Object[]{runId} : new Object[0];
        return jdbc.queryForObject(rule.sql(), (rs, i) -> {
            Array sample = rs.getArray(3);
            List<String> keys = sample == null ? List.of() : Arrays.stream((Object[]) sample.getArray()).map(String::valueOf).toList();
            return new CheckResult("final", rule.name(), rule.target(), rule.severity(), rs.getLong(1), rs.getLong(2),
                    threshold, keys);
        }, args);
    }
}
