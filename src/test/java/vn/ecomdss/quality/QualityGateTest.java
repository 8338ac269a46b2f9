package vn.ecomdss.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import vn.ecomdss.pipeline.JobDefinition;

class QualityGateTest {

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

    private static QualityRule rule(RuleType type, Double maxFailedRatio) {
        return new QualityRule("f.yml", "rules[0]", "r", type, Severity.ERROR, List.of("c"), List.of(), null, null, null,
                null, null, null, null, null, maxFailedRatio);
    }
}
