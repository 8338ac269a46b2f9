package vn.ecomdss.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import vn.ecomdss.lake.PayloadPointer;
import vn.ecomdss.pipeline.EntityDefinition;

/**
 * The raw gate for one record: a natural id, and every required field present with its declared type.
 * Returns the reasons it fails, empty when it passes. A record its reader could not read lands as
 * {@code parse_error} (a Kafka message that is not JSON, a file's broken row with the file and line): that is
 * its reason, the fields it lacks only follow from it.
 */
final class RawRecordCheck {

    /** The payload field in which a reader says why it could not read a record, and where it was. */
    static final String PARSE_ERROR = "parse_error";

    static List<String> failures(String naturalId, Document payload, EntityDefinition entity) {
        if (payload.get(PARSE_ERROR) instanceof String unreadable) {
            return List.of("unreadable: " + unreadable);
        }
        List<String> failures = new ArrayList<>();
        if (naturalId == null || naturalId.isBlank()) {
            failures.add("natural id " + entity.idPointer() + " is missing");
        }
        for (Map.Entry<String, String> required : entity.required().entrySet()) {
            Object value = PayloadPointer.at(payload, required.getKey());
            if (value == null) {
                failures.add(required.getKey() + " is missing");
            } else if (!hasType(value, required.getValue())) {
                failures.add(required.getKey() + " should be " + required.getValue() + " but is "
                        + value.getClass().getSimpleName() + " '" + value + "'");
            }
        }
        return failures;
    }

    private static boolean hasType(Object value, String type) {
        return switch (type) {
            case "string" -> value instanceof String s && !s.isBlank();
            case "number" -> value instanceof Number;
            case "integer" -> value instanceof Integer || value instanceof Long;
            case "boolean" -> value instanceof Boolean;
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            default -> false;
        };
    }
}
