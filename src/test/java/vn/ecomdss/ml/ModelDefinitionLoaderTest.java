package vn.ecomdss.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.ecomdss.pipeline.InvalidDefinitionException;

/**
 * Model files are checked at start-up against the kind that trains them, and the promotion rule reads their margins
 * and floors the same way whichever direction the kind's metric goes.
 */
class ModelDefinitionLoaderTest {

    /** A kind with one option, enough for the loader; it is never trained here. */
    private static final ModelKind RANKING = new ModelKind() {
        @Override
        public String kind() {
            return "ranking";
        }

        @Override
        public List<String> reads() {
            return List.of();
        }

        @Override
        public String scores() {
            return "ml.ranking";
        }

        @Override
        public Metric metric() {
            return Metric.score("hit_rate_at_10");
        }

        @Override
        public Map<String, Double> options() {
            return Map.of("factors", 16.0, "top-n", 10.0);
        }

        @Override
        public Trained train(ModelDefinition model, ModelDefinition.Training training, LocalDate cutoff, String runId,
                             Optional<RegisteredModel> champion) {
            throw new UnsupportedOperationException("not trained in this test");
        }

        @Override
        public long score(ModelDefinition model, RegisteredModel champion, LocalDate origin, String runId) {
            throw new UnsupportedOperationException("not scored in this test");
        }
    };

    @TempDir
    Path definitions;

    @Test
    void optionsDefaultToTheKindsAndTheFileOverridesThem() throws IOException {
        write("ranking.yml", """
                model: ranking
                kind: ranking
                promotion:
                  beat-baselines-by: 0.5
                  require-at-least: {hit_rate_at_10: 0.05}
                options:
                  factors: 32
                """);

        ModelDefinition model = load().get("ranking");

        assertThat(model.intOption("factors")).isEqualTo(32);
        assertThat(model.intOption("top-n")).as("the kind's default").isEqualTo(10);
        assertThat(model.promotion().beatBaselinesBy()).isEqualTo(0.5);
        assertThat(model.promotion().requireAtLeast()).containsEntry("hit_rate_at_10", 0.05);
    }

    @Test
    void anOptionTheKindDoesNotDeclareOrAFloorThatIsNoNumberRefusesTheStartNamingFileAndField() throws IOException {
        write("ranking.yml", """
                model: ranking
                kind: ranking
                promotion:
                  require-at-least: {auc: high}
                options:
                  layers: 3
                """);

        assertThatThrownBy(this::load).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("models/ranking.yml")
                .hasMessageContaining("options.layers").hasMessageContaining("unknown key (known: [factors, top-n])")
                .hasMessageContaining("promotion.require-at-least.auc");
    }

    @Test
    void aScoreMustReachTheBaselinePlusItsMarginAndEveryFloorAndBeatTheChampion() {
        ModelKind.Metric spearman = ModelKind.Metric.score("spearman");
        ModelDefinition.Promotion points = new ModelDefinition.Promotion(0.0, 0.1, Map.of("spearman", 0.2));
        Map<String, Double> pastSpend = Map.of("past_spend", 0.30);

        assertThat(PromotionRule.decide(spearman, 0.41, pastSpend, points, null, Map.of()).promote()).isTrue();
        assertThat(PromotionRule.decide(spearman, 0.39, pastSpend, points, null, Map.of()).reason())
                .contains("spearman 0.3900 is not at least 0.4000", "past_spend (0.3000)");
        assertThat(PromotionRule.decide(spearman, 0.45, pastSpend, points, 0.46, Map.of()).reason())
                .contains("does not beat the champion's 0.4600");

        ModelKind.Metric mape = ModelKind.Metric.error("mape");
        ModelDefinition.Promotion floors = new ModelDefinition.Promotion(0.0, 0.0, Map.of("r2", 0.8));
        Map<String, Double> categoryMedian = Map.of("category_median", 0.35);
        assertThat(PromotionRule.decide(mape, 0.12, categoryMedian, floors, null, Map.of("r2", 0.91)).promote())
                .isTrue();
        assertThat(PromotionRule.decide(mape, 0.12, categoryMedian, floors, null, Map.of("r2", 0.75)).reason())
                .contains("r2 0.7500 is not at least the required 0.8000");
        assertThat(PromotionRule.decide(mape, 0.12, categoryMedian, floors, null, Map.of()).reason())
                .contains("r2 was not measured");
        assertThat(PromotionRule.decide(mape, 0.40, categoryMedian, floors, null, Map.of("r2", 0.9)).reason())
                .contains("is not at most 0.3500");
    }

    @Test
    void aPerBaselineMarginReplacesTheCommonOneForThatBaselineOnly() {
        ModelKind.Metric hitRate = ModelKind.Metric.score("hit_rate_at_10");
        ModelDefinition.Promotion margins = new ModelDefinition.Promotion(0.0, 0.0, Map.of(),
                Map.of("popularity", 0.5, "item_cosine", 0.0));
        Map<String, Double> baselines = new java.util.LinkedHashMap<>();
        baselines.put("popularity", 0.24);
        baselines.put("item_cosine", 0.52);

        assertThat(PromotionRule.decide(hitRate, 0.53, baselines, margins, null, Map.of()).promote()).isTrue();
        assertThat(PromotionRule.decide(hitRate, 0.35, baselines, margins, null, Map.of()).reason())
                .contains("not at least 0.3600", "baseline popularity");
        assertThat(PromotionRule.decide(hitRate, 0.50, baselines, margins, null, Map.of()).reason())
                .contains("not at least 0.5200", "baseline item_cosine");
        ModelDefinition.Promotion misnamed = new ModelDefinition.Promotion(0.0, 0.0, Map.of(), Map.of("populr", 0.5));
        assertThat(PromotionRule.decide(hitRate, 0.9, baselines, misnamed, null, Map.of()).reason())
                .contains("beat-baseline names 'populr'", "[popularity, item_cosine]");
    }

    private Map<String, ModelDefinition> load() {
        return new ModelDefinitionLoader(Map.of("ranking", RANKING)).load("file:" + definitions);
    }

    private void write(String name, String yaml) throws IOException {
        Files.createDirectories(definitions.resolve("models"));
        Files.writeString(definitions.resolve("models").resolve(name), yaml);
    }
}
