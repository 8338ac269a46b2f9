package vn.ecomdss.ml;

import java.time.Instant;
import java.time.LocalDate;

import tools.jackson.databind.JsonNode;

/** One version of a model in {@code ml.model_registry}; {@code artifact} is the trained network's parameters. */
public record RegisteredModel(String model, int version, String kind, String status, Instant trainedAt, String runId,
                              LocalDate trainingCutoff, LocalDate dataFrom, LocalDate dataTo, String codeVersion,
                              JsonNode parameters, JsonNode metrics, JsonNode baselineMetrics, JsonNode folds,
                              String decision, byte[] artifact) {
}
