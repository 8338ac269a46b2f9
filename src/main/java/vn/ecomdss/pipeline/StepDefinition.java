package vn.ecomdss.pipeline;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A named step of a definition: its type from the step catalogue, the steps it waits for, and the rest of its
 * keys as parameters for the step factory. {@code field} is where it sits in its file, for error messages.
 */
public record StepDefinition(String name, String type, List<String> dependsOn, Map<String, JsonNode> params,
                             String file, String field) {

    public String text(String param, String fallback) {
        JsonNode value = params.get(param);
        return value == null || value.isNull() ? fallback : value.asString();
    }

    public List<String> list(String param) {
        JsonNode value = params.get(param);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isArray()) {
            return value.valueStream().map(JsonNode::asString).toList();
        }
        return List.of(value.asString());
    }

    public int integer(String param, int fallback) {
        JsonNode value = params.get(param);
        return value == null || value.isNull() ? fallback : value.asInt();
    }
}
