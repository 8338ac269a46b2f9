package vn.ecomdss.api.predictions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import vn.ecomdss.ml.DemandPredictions;
import vn.ecomdss.ml.ModelDefinition;
import vn.ecomdss.ml.ModelKind;
import vn.ecomdss.ml.ModelRegistry;
import vn.ecomdss.ml.Models;
import vn.ecomdss.ml.RegisteredModel;

/** The models for a VIEWER: each one's champion with its metrics against the baselines, and its latest version. */
@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models", description = "The registry's champions and candidates")
public class ModelsController {

    /**
     * One model: the figure it is judged by and which way is better, its champion (null until one is promoted), its
     * latest version and how many it has.
     */
    public record ModelSummary(String model, String kind, String description, String metric, boolean higherIsBetter,
                               Version champion, Version latest, int versions) {
    }

    public record Version(int version, String status, Instant trainedAt, LocalDate trainingCutoff, String codeVersion,
                          JsonNode metrics, JsonNode baselineMetrics, JsonNode folds, String decision) {

        static Version of(RegisteredModel model) {
            return new Version(model.version(), model.status(), model.trainedAt(), model.trainingCutoff(),
                    model.codeVersion(), model.metrics(), model.baselineMetrics(), model.folds(), model.decision());
        }
    }

    private final Models models;
    private final ModelRegistry registry;
    private final DemandPredictions demand;

    public ModelsController(Models models, ModelRegistry registry, DemandPredictions demand) {
        this.models = models;
        this.registry = registry;
        this.demand = demand;
    }

    @GetMapping
    @Operation(summary = "Every model of job-definitions/models/ with its champion and latest version")
    public List<ModelSummary> models() {
        return models.definitions().values().stream().map(this::summary).toList();
    }

    @GetMapping("/demand/products")
    @Operation(summary = "The products the latest demand scoring forecast most units for")
    public List<DemandPredictions.ForecastProduct> demandProducts(@RequestParam(required = false) Integer limit) {
        return demand.forecastProducts(limit == null ? 20 : Math.max(1, Math.min(limit, 200)));
    }

    private ModelSummary summary(ModelDefinition model) {
        List<RegisteredModel> versions = registry.versions(model.name());
        Optional<RegisteredModel> champion = versions.stream().filter(v -> v.status().equals("champion")).findFirst();
        ModelKind.Metric metric = models.kindOf(model).metric();
        return new ModelSummary(model.name(), model.kind(), model.description(), metric.name(),
                metric.higherIsBetter(), champion.map(Version::of).orElse(null),
                versions.isEmpty() ? null : Version.of(versions.get(0)), versions.size());
    }
}
