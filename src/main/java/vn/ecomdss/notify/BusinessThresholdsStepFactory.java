package vn.ecomdss.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import vn.ecomdss.DssProperties;
import vn.ecomdss.pipeline.Alert;
import vn.ecomdss.pipeline.AlertSink;
import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;
import vn.ecomdss.pipeline.SummarisedSteps;

/**
 * {@code type: business-thresholds}, after the marts are refreshed: evaluates the business thresholds of
 * {@code job-definitions/alerts/} (or the step's {@code rules: [...]}) on the run's logical date and raises one
 * alert per breaching row on the job's alert channels. Each query runs in a read-only transaction of its own.
 */
@Component
public class BusinessThresholdsStepFactory implements StepFactory {

    private final SummarisedSteps steps;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final AlertSink alerts;
    private final DssProperties properties;
    private Map<String, ThresholdRule> rules;

    public BusinessThresholdsStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                         NamedParameterJdbcTemplate jdbc, AlertSink alerts, DssProperties properties) {
        this.steps = new SummarisedSteps(jobRepository, transactionManager);
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.properties = properties;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public String type() {
        return "business-thresholds";
    }

    @Override
    public void validate(StepDefinition step, SourceCatalogue sources, DefinitionProblems problems) {
        Map<String, ThresholdRule> known = rules();
        List<String> named = step.list("rules");
        for (int i = 0; i < named.size(); i++) {
            if (!known.containsKey(named.get(i))) {
                problems.add(step.file(), step.field() + ".rules[" + i + "]", "unknown business threshold '"
                        + named.get(i) + "' (known: " + known.keySet() + ")");
            }
        }
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        List<String> named = step.list("rules");
        return steps.step(step.name(), (run, contribution, execution) -> {
            List<ThresholdRule> chosen = named.isEmpty() ? List.copyOf(rules().values())
                    : named.stream().map(rules()::get).toList();
            return evaluate(chosen, job, run);
        });
    }

    /** Raises an alert per breaching row and says which rules breached. */
    String evaluate(List<ThresholdRule> chosen, JobDefinition job, RunParameters run) {
        List<String> breached = new ArrayList<>();
        for (ThresholdRule rule : chosen) {
            List<Map<String, Object>> rows = breaches(rule, run);
            for (Map<String, Object> row : rows) {
                alerts.raise(new Alert(rule.alertKey(row), Alert.Kind.BUSINESS, rule.severity(), job.name(),
                        run.runId(), rule.message(row), rule.description(), row));
            }
            if (!rows.isEmpty()) {
                breached.add(rule.name() + ": " + rows.size());
            }
        }
        return String.format("%d business thresholds on %s, %s", chosen.size(), run.logicalDate(),
                breached.isEmpty() ? "none breached" : "breached " + breached);
    }

    private List<Map<String, Object>> breaches(ThresholdRule rule, RunParameters run) {
        return readOnly.execute(status -> {
            jdbc.getJdbcOperations().execute("set transaction read only");
            return jdbc.queryForList(rule.query(), new MapSqlParameterSource("logical_date", run.logicalDate()));
        });
    }

    /**
     * Read once, when the definitions are validated at start-up: the loader plans each query against the warehouse,
     * which the migrations have built by then (the JDBC templates wait for Flyway).
     */
    private synchronized Map<String, ThresholdRule> rules() {
        if (rules == null) {
            rules = new ThresholdRuleLoader(jdbc).load(properties.definitions());
        }
        return rules;
    }
}
