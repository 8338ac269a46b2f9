package vn.ecomdss.extract.docstore;

import java.util.Date;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.json.JsonParseException;

import com.mongodb.client.model.Filters;

/**
 * Where a collection was read to: the timestamp and _id of a document, in the (timestamp, _id) order the reader
 * reads in. As a watermark it is MongoDB extended JSON, {@code {"timestamp": {"$date": ...}, "_id": {"$oid": ...}}},
 * so the _id keeps its BSON type (an ObjectId, a string, a number) and compares as MongoDB compares it.
 */
record CollectionPosition(Date timestamp, Object id) {

    static CollectionPosition parse(String watermark, String what) {
        try {
            Document document = Document.parse(watermark);
            if (document.get("timestamp") instanceof Date timestamp && document.containsKey("_id")) {
                return new CollectionPosition(timestamp, document.get("_id"));
            }
        } catch (JsonParseException e) {
            throw new IllegalStateException(what + ": watermark '" + watermark + "' in ops.source_watermark is not "
                    + "extended JSON: " + e.getMessage(), e);
        }
        throw new IllegalStateException(what + ": watermark '" + watermark + "' in ops.source_watermark has no "
                + "timestamp date and _id; delete it to read the collection from the start");
    }

    String watermark() {
        return new Document("timestamp", timestamp).append("_id", id).toJson();
    }

    /** The documents after this one in (timestamp, _id) order, whose {@code field} holds a date. */
    Bson filterAfter(String field) {
        return Filters.or(Filters.and(Filters.type(field, org.bson.BsonType.DATE_TIME), Filters.gt(field, timestamp)),
                Filters.and(Filters.eq(field, timestamp), Filters.gt("_id", id)));
    }

    /** The later of two positions; {@code a} when they are the same. */
    static CollectionPosition later(CollectionPosition a, CollectionPosition b) {
        int byTime = a.timestamp.compareTo(b.timestamp);
        if (byTime != 0) {
            return byTime > 0 ? a : b;
        }
        return compareIds(a.id, b.id) >= 0 ? a : b;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareIds(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Comparable x && a.getClass().equals(b.getClass())) {
            return x.compareTo(b);
        }
        return a.getClass().getName().compareTo(b.getClass().getName());
    }
}
