package vn.ecomdss.extract.docstore;

import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stored document as the JSON payload the lake keeps: an ObjectId as its hex string, a date as an ISO-8601
 * instant in UTC ({@code 2025-11-30T03:15:00Z}), a Decimal128 as a decimal number, nested documents and arrays
 * as they are. So the payload reads as a JSON API's record would, and the transforms' JSON pointers apply.
 */
final class BsonPayload {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BsonPayload() {
    }

    static ObjectNode of(Document document) {
        ObjectNode object = NODES.objectNode();
        document.forEach((key, value) -> object.set(key, node(value)));
        return object;
    }

    /** The value at a JSON pointer into the document ({@code /context/at} is the field {@code context.at}). */
    static Object at(Document document, String pointer) {
        Object value = document;
        for (String key : pointer.substring(1).split("/", -1)) {
            if (!(value instanceof Document nested)) {
                return null;
            }
            value = nested.get(key.replace("~1", "/").replace("~0", "~"));
        }
        return value;
    }

    /** The MongoDB field name a JSON pointer names: {@code /context/at} is {@code context.at}. */
    static String field(String pointer) {
        return pointer.substring(1).replace("/", ".").replace("~1", "/").replace("~0", "~");
    }

    private static JsonNode node(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Document nested) {
            return of(nested);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, item) -> object.set(String.valueOf(key), node(item)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(node(item)));
            return array;
        }
        if (value instanceof String text) {
            return NODES.stringNode(text);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Double number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Decimal128 number) {
            return number.isFinite() ? NODES.numberNode(number.bigDecimalValue()) : NODES.stringNode(number.toString());
        }
        if (value instanceof ObjectId id) {
            return NODES.stringNode(id.toHexString());
        }
        if (value instanceof Date date) {
            return NODES.stringNode(date.toInstant().toString());
        }
        if (value instanceof BsonTimestamp stamp) {
            return NODES.stringNode(Instant.ofEpochSecond(stamp.getTime()).toString());
        }
        if (value instanceof Binary binary) {
            return NODES.stringNode(Base64.getEncoder().encodeToString(binary.getData()));
        }
        return NODES.stringNode(value.toString());
    }
}
