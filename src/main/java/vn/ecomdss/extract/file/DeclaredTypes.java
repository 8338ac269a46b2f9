package vn.ecomdss.extract.file;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Holds each row of a file to the entity's {@code required:} fields and their types, converting text where the
 * type says so: a CSV file carries only text, so {@code /quantity: integer} is what makes its {@code "2"} the
 * number a JSON-lines or Parquet file would carry, and the same rows land alike whatever the format. A row that
 * lacks a required field, or whose value is not of its type, is unreadable with the field, its value and the row's
 * place in the file; the raw quality check would refuse it anyway, but without saying where it was.
 * The fields of an order's lines or a product's reviews gathered from several rows are left to the raw check.
 */
final class DeclaredTypes {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, String> types = new LinkedHashMap<>();

    /** @param nested the top-level field rows are gathered under ({@code /lines}), whose pointers are left out */
    DeclaredTypes(Map<String, String> required, String nested) {
        required.forEach((pointer, type) -> {
            if (nested == null || !(pointer.equals(nested) || pointer.startsWith(nested + "/"))) {
                types.put(pointer, type);
            }
        });
    }

    /** Converts the row's required values to their types in place; what is wrong with the row, or null. */
    String conform(ObjectNode row) {
        for (Map.Entry<String, String> declared : types.entrySet()) {
            String pointer = declared.getKey();
            JsonNode value = row.at(pointer);
            if (value.isMissingNode() || value.isNull()) {
                return pointer + " is missing";
            }
            JsonNode converted = convert(value, declared.getValue());
            if (converted == null) {
                return pointer + " should be " + declared.getValue() + " but is '" + text(value) + "'";
            }
            if (converted != value) {
                int slash = pointer.lastIndexOf('/');
                JsonNode parent = slash == 0 ? row : row.at(pointer.substring(0, slash));
                if (parent instanceof ObjectNode object) {
                    object.set(pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~"), converted);
                }
            }
        }
        return null;
    }

    /** The value as {@code type}: itself when it already is, converted from text when it reads as one, else null. */
    private static JsonNode convert(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isString() ? (value.asString().isBlank() ? null : value)
                    : value.isValueNode() ? NODES.stringNode(value.asString()) : null;
            case "integer" -> value.isIntegralNumber() ? value : integer(value);
            case "number" -> value.isNumber() ? value : number(value);
            case "boolean" -> value.isBoolean() ? value : value.isString() && value.asString().matches("(?i)true|false")
                    ? NODES.booleanNode(Boolean.parseBoolean(value.asString())) : null;
            case "object" -> value.isObject() ? value : null;
            case "array" -> value.isArray() ? value : null;
            default -> null;
        };
    }

    private static JsonNode integer(JsonNode value) {
        BigDecimal number = decimal(value);
        try {
            return number == null ? null : NODES.numberNode(number.longValueExact());
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static JsonNode number(JsonNode value) {
        BigDecimal number = decimal(value);
        return number == null ? null : NODES.numberNode(number);
    }

    private static BigDecimal decimal(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (!value.isString()) {
            return null;
        }
        try {
            return new BigDecimal(value.asString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asString() : value.toString();
    }
}
