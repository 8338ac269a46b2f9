package vn.ecomdss.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.RunParameters;

class QualityGateTest {

    private static final RunParameters RUN = new RunParameters("run-7", LocalDate.of(2026, 3, 1), Set.of(), false);
    private static final JobDefinition JOB = new JobDefinition("etl.yml", "dss_etl", "", null,
            JobDefinition.QualityThresholds.defaults(), JobDefinition.Alerting.defaults(), false, List.of());

    private final JobDefinition.QualityThresholds defaults = JobDefinition.QualityThresholds.defaults();

    @Test
    void rulesWithoutTheirOwnThresholdTakeTheOriginalOnes() {
        assertThat(rule(RuleType.NOT_NULL, null).threshold(defaults)).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rule(RuleType.RANGE, null).threshold(defaults)).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rule(RuleType.UNIQUE, null).threshold(defaults)).isEqualTo(0.01);
        assertThat(rule(RuleType.REFERENTIAL, null).threshold(defaults)).isZero();
        assertThat(rule(RuleType.FRESHNESS, null).maxAge(defaults)).hasHours(2);
        assertThat(rule(RuleType.RANGE, 0.2).threshold(defaults)).isEqualTo(0.2);
    }

    @Test
    void onlyAnErrorRuleAboveItsThresholdBlocks() {
        assertThat(new CheckResult("raw", "r", "range", "t", "error", 100, 2, 0.01, List.of(), null).blocking()).isTrue();
        assertThat(new CheckResult("raw", "r", "range", "t", "error", 100, 1, 0.01, List.of(), null).blocking()).isFalse();
        assertThat(new CheckResult("raw", "r", "range", "t", "warn", 100, 50, 0.01, List.of(), null).blocking()).isFalse();
        assertThat(new CheckResult("raw", "r", "range", "t", "warn", 0, 0, 0.0, List.of(), null).passed()).isTrue();
    }

    @Test
    void wildcardPointersReachEveryLine() {
        var payload = new org.bson.Document("lines", List.of(new org.bson.Document("price", 5),
                new org.bson.Document("price", -3), new org.bson.Document("qty", 1)));
        assertThat(CollectionCheck.values(payload, "/lines/*/price")).containsExactly(5, -3);
        assertThat(CollectionCheck.values(payload, "/lines/*")).hasSize(3);
        assertThat(CollectionCheck.values(payload, "/missing/*/price")).isEmpty();
    }

    @Test
    void aBreachedErrorRuleFailsTheGateNamingItAfterTheResultsAreStoredAndTheAlertSent() {
        List<CheckResult> checks = List.of(
                new CheckResult("raw", "required_fields", "required-fields", "shop/products", "error", 100, 10, 0.05,
                        List.of("p-7"), null),
                new CheckResult("raw", "price_range", "range", "shop/products", "warn", 100, 50, 0.01, List.of(), null));
        QualityResults results = mock(QualityResults.class);
        when(results.store(eq(RUN.runId()), eq("raw"), any())).thenReturn(new QualityResults.Scores(0.7, 0.8));
        List<String> published = new ArrayList<>();
        QualityGate gate = new QualityGate("raw", "dq.failed_record", results,
                new QualityAlerts((topic, key, message) -> published.add(topic + " " + key),
                        alert -> published.add("alert " + alert.key())));
        StepExecution execution = MetaDataInstanceFactory.createStepExecution();

        assertThatThrownBy(() -> gate.close(RUN, JOB, checks, execution, scores -> "raw score " + scores.stage()))
                .isInstanceOf(QualityGateException.class)
                .hasMessage("raw quality gate: [required_fields on shop/products failed 10 of 100 (10.00% > 5.00%), "
                        + "e.g. [p-7]]; see dq.failed_record; raw score 0.7");
        verify(results).store(RUN.runId(), "raw", checks);
        assertThat(execution.getExecutionContext().getDouble("quality.score")).isEqualTo(0.7);
        assertThat(published).containsExactly("data_quality_alerts run-7", "alert data_quality:dss_etl:raw");
    }

    @Test
    void aGateWithoutBreachesReturnsTheSummaryAndAlertsOnlyUnderTheMinimum() {
        List<CheckResult> checks = List.of(new CheckResult("final", "unique_order_line", "unique", "dw.fact_sales",
                "warn", 100, 2, 0.01, List.of("o-1"), null));
        QualityResults results = mock(QualityResults.class);
        when(results.store(eq(RUN.runId()), eq("final"), any())).thenReturn(new QualityResults.Scores(0.98, 0.97));
        List<String> published = new ArrayList<>();
        QualityGate gate = new QualityGate("final", "dq.failed_record", results,
                new QualityAlerts((topic, key, message) -> published.add(topic),
                        alert -> published.add("alert " + alert.key())));

        assertThat(gate.close(RUN, JOB, checks, MetaDataInstanceFactory.createStepExecution(),
                scores -> "final score " + scores.stage())).isEqualTo("final score 0.98");
        assertThat(published).as("0.97 is above the default minimum of 0.95").isEmpty();
    }

    private static QualityRule rule(RuleType type, Double maxFailedRatio) {
        return new QualityRule("f.yml", "rules[0]", "r", type, Severity.ERROR, List.of("c"), List.of(), null, null, null,
                null, null, null, null, null, maxFailedRatio);
    }
}
