package vn.ecomdss.pipeline;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * A place in a definition file, {@code entities.products.fields} of {@code sources/shop.yml}, and the value there
 * (possibly absent). Its reads report what is wrong with the value at this file and field, and return the fallback,
 * so a loader reads a whole file and reports every problem at once. {@code field} is the path from the top of the
 * file ({@code steps[2].depends-on}, empty at the top); {@code json} is the value as parsed, for what is handed on
 * unread (a step's parameters).
 */
public record DefinitionNode(JsonNode json, String file, String field, DefinitionProblems problems) {

    public DefinitionNode get(String key) {
        return new DefinitionNode(json.path(key), file, field.isEmpty() ? key : field + "." + key, problems);
    }

    public DefinitionNode get(int index) {
        return new DefinitionNode(json.path(index), file, field + "[" + index + "]", problems);
    }

    public boolean has(String key) {
        return json.has(key);
    }

    /** Not in the file, or written empty ({@code key:} with nothing after it, or {@code key: null}). */
    public boolean isAbsent() {
        return json.isMissingNode() || json.isNull();
    }

    public boolean isMapping() {
        return json.isObject();
    }

    /** A list with at least one item. */
    public boolean isNonEmptyList() {
        return json.isArray() && !json.isEmpty();
    }

    /** The items of a list, each at its index; none when this is not a list. */
    public List<DefinitionNode> items() {
        List<DefinitionNode> items = new ArrayList<>();
        for (int i = 0; i < (json.isArray() ? json.size() : 0); i++) {
            items.add(get(i));
        }
        return items;
    }

    /** The keys of a mapping in the order of the file, each with its value; none when this is not a mapping. */
    public Map<String, DefinitionNode> entries() {
        Map<String, DefinitionNode> entries = new LinkedHashMap<>();
        json.propertyNames().forEach(key -> entries.put(key, get(key)));
        return entries;
    }

    public void problem(String message) {
        problems.add(file, field, message);
    }

    /** Reports each key of this mapping that is not one of {@code known}, at its own field. */
    public void allowOnly(Set<String> known) {
        for (String key : json.propertyNames()) {
            if (!known.contains(key)) {
                get(key).problem("unknown key (known: " + known.stream().sorted().toList() + ")");
            }
        }
    }

    public String text(String fallback) {
        return json.asString(fallback);
    }

    /** The text, or null once {@code required} is reported: absent, empty, blank or not a single json. */
    public String requiredText() {
        if (isAbsent() || !json.isValueNode() || json.asString().isBlank()) {
            problem("required");
            return null;
        }
        return json.asString();
    }

    /**
     * A single text as a list of one, or the items of a list as texts; none when absent. A mapping, or a list
     * holding one, is reported with {@code notAList}, which says what belongs here.
     */
    public List<String> texts(String notAList) {
        if (isAbsent()) {
            return List.of();
        }
        List<JsonNode> items = json.isArray() ? json.valueStream().toList() : List.of(json);
        if (items.stream().anyMatch(JsonNode::isContainer)) {
            problem(notAList);
            return List.of();
        }
        return items.stream().map(JsonNode::asString).toList();
    }

    /** The text, which when present must be one of {@code allowed}; else {@code unknown <what> 'x' (known: ...)}. */
    public String known(Collection<String> allowed, String fallback, String what) {
        String text = text(fallback);
        if (text != null && !allowed.contains(text)) {
            problem("unknown " + what + " '" + text + "' (known: " + allowed + ")");
        }
        return text;
    }

    /** The text, which when present must be one of {@code allowed}; else {@code expected <expected>, got 'x'}. */
    public String oneOf(Collection<String> allowed, String fallback, String expected) {
        String text = text(fallback);
        if (text != null && !allowed.contains(text)) {
            problem("expected " + expected + ", got '" + text + "'");
        }
        return text;
    }

    public int integer(int fallback) {
        return integer(fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** A whole number from {@code min} to {@code max}; the fallback when absent or once a problem is reported. */
    public int integer(int fallback, int min, int max) {
        if (json.isMissingNode()) {
            return fallback;
        }
        Integer number = json.isIntegralNumber() && json.canConvertToInt() ? Integer.valueOf(json.intValue())
                : json.isString() ? parseInteger(json.asString().trim()) : null;
        if (number == null) {
            problem("expected a whole number, got '" + shown() + "'");
            return fallback;
        }
        if (number < min || number > max) {
            problem(max == Integer.MAX_VALUE ? "at least " + min
                    : min == Integer.MIN_VALUE ? "at most " + max : "between " + min + " and " + max);
            return fallback;
        }
        return number;
    }

    /** Any number; null when absent or once a problem is reported. */
    public BigDecimal decimal() {
        if (json.isMissingNode()) {
            return null;
        }
        if (!json.isNumber()) {
            problem("expected a number, got '" + shown() + "'");
            return null;
        }
        return json.decimalValue();
    }

    /** A share from 0 to 1; the fallback when absent or once a problem is reported. */
    public Double ratio(Double fallback) {
        return ratio(fallback, 1.0, " between 0 and 1");
    }

    /** A ratio of 0 or more, such as a change of at most 0.5 (half) or 2 (double); the fallback when absent or wrong. */
    public Double ratioOfAtLeastZero(Double fallback) {
        return ratio(fallback, Double.MAX_VALUE, " of at least 0");
    }

    private Double ratio(Double fallback, double upper, String range) {
        if (json.isMissingNode()) {
            return fallback;
        }
        if (!json.isNumber() || json.asDouble() < 0 || json.asDouble() > upper) {
            problem("expected a ratio" + range + ", got '" + shown() + "'");
            return fallback;
        }
        return json.asDouble();
    }

    /** An ISO-8601 duration such as PT2H; the fallback when absent or once a problem is reported. */
    public Duration duration(Duration fallback) {
        if (json.isMissingNode()) {
            return fallback;
        }
        try {
            return Duration.parse(json.asString());
        } catch (RuntimeException e) {
            problem("expected an ISO-8601 duration such as PT2H, got '" + shown() + "'");
            return fallback;
        }
    }

    /** The json as a problem quotes it; Jackson gives no text of a list or mapping. */
    private String shown() {
        return json.isContainer() ? json.toString() : json.asString();
    }

    private static Integer parseInteger(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
