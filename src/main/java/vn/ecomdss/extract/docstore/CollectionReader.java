package vn.ecomdss.extract.docstore;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.BsonType;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.conversions.Bson;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import vn.ecomdss.extract.FetchedRecord;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.extract.http.SourceRequestException;
import vn.ecomdss.lake.DataLake;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * Reads a document-store source's collections, one entity after the other, each in two passes.
 *
 * <p>First the documents whose timestamp field holds a date, in (timestamp, _id) order, in batches: those after
 * the entity's watermark, which is the (timestamp, _id) of the last document the last completed run read, so a
 * document at the same timestamp as the last one read is read when its _id comes later. With a {@code lookback},
 * the run starts that long before the watermark, for documents that arrived late with an older timestamp; of those
 * at or before the watermark, the ones the lake already holds (by _id) are passed over as unchanged, so only the
 * late ones land. A document older than the lookback that arrives after its time is read by a full refresh.
 *
 * <p>Then the documents whose timestamp is missing or not a date, which no timestamp order can place: every one
 * the lake does not hold yet is landed with {@code parse_error} naming the collection, the _id and what is wrong,
 * for the raw quality check to quarantine with that reason, never dropped.
 *
 * <p>The (timestamp, _id) of the last document returned is saved with each chunk, so a restarted step goes on
 * after it; a chunk landed again after a kill is stored once by the lake.
 */
final class CollectionReader implements SourceReader {

    private static final String ENTITY = "docstore.entity";
    private static final String UNDATED = "docstore.undated";
    private static final String RETURNED = "docstore.returned.";
    private static final DocumentCodec DOCUMENTS = new DocumentCodec();

    private final SourceDefinition source;
    private final MongoDatabase database;
    private final String where;
    private final List<EntityDefinition> entities;
    private final Map<String, CollectionPosition> from = new HashMap<>();
    private final boolean fullRefresh;
    private final DataLake lake;
    private final SourceProgress progress;
    private final int batchSize;
    private final Map<String, CollectionPosition> scanned = new HashMap<>();
    private final Map<String, CollectionPosition> returned = new HashMap<>();
    private final Deque<Pending> buffer = new ArrayDeque<>();
    private int entityIndex;
    private boolean undated;
    private boolean exhausted;
    private MongoCursor<RawBsonDocument> undatedCursor;

    /** A fetched document waiting to be returned, and where it stands in the collection. */
    private record Pending(FetchedRecord record, CollectionPosition position) {
    }

    /**
     * @param where      the connection and database, for messages
     * @param watermarks entity name to {@link CollectionPosition#watermark()}, empty on a full refresh
     */
    CollectionReader(SourceDefinition source, MongoDatabase database, String where, Map<String, String> watermarks,
                     boolean fullRefresh, DataLake lake, SourceProgress progress) {
        this.source = source;
        this.database = database;
        this.where = where;
        this.entities = List.copyOf(source.entities().values());
        watermarks.forEach((entity, mark) -> {
            if (source.entities().containsKey(entity) && mark != null && !mark.isBlank()) {
                from.put(entity, CollectionPosition.parse(mark, source.name() + "/" + entity));
            }
        });
        this.fullRefresh = fullRefresh;
        this.lake = lake;
        this.progress = progress;
        this.batchSize = source.paging().pageSize();
    }

    @Override
    public void open(ExecutionContext context) {
        entityIndex = context.getInt(ENTITY, 0);
        undated = context.containsKey(UNDATED) && context.getString(UNDATED).equals("true");
        for (EntityDefinition entity : entities) {
            if (context.containsKey(RETURNED + entity.name())) {
                CollectionPosition position = CollectionPosition.parse(context.getString(RETURNED + entity.name()),
                        source.name() + "/" + entity.name());
                returned.put(entity.name(), position);
                scanned.put(entity.name(), position);
            }
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(ENTITY, entityIndex);
        context.putString(UNDATED, Boolean.toString(undated));
        returned.forEach((entity, position) -> context.putString(RETURNED + entity, position.watermark()));
    }

    @Override
    public void close() {
        closeCursor();
        buffer.clear();
    }

    @Override
    public FetchedRecord read() {
        while (entityIndex < entities.size()) {
            EntityDefinition entity = entities.get(entityIndex);
            if (buffer.isEmpty() && !exhausted) {
                fetch(entity);
                continue;
            }
            Pending next = buffer.poll();
            if (next != null) {
                if (next.position() != null) {
                    returned.put(entity.name(), next.position());
                }
                return next.record();
            }
            if (!undated) {
                CollectionPosition end = scanned.get(entity.name());
                if (end != null) {
                    returned.put(entity.name(), end);
                }
                undated = true;
            } else {
                closeCursor();
                undated = false;
                entityIndex++;
            }
            exhausted = false;
        }
        return null;
    }

    /** Entity name to the (timestamp, _id) of the last dated document read, or the watermark it started from. */
    @Override
    public Map<String, String> newWatermarks() {
        Map<String, String> marks = new HashMap<>();
        for (EntityDefinition entity : entities) {
            CollectionPosition start = from.get(entity.name());
            CollectionPosition reached = returned.get(entity.name());
            CollectionPosition mark = reached == null ? start : start == null ? reached : CollectionPosition.later(start,
                    reached);
            if (mark != null) {
                marks.put(entity.name(), mark.watermark());
            }
        }
        return marks;
    }

    private void fetch(EntityDefinition entity) {
        MongoCollection<Document> collection = database.getCollection(entity.path());
        try {
            if (undated) {
                fetchUndated(entity, collection);
            } else {
                fetchDated(entity, collection);
            }
        } catch (MongoException e) {
            throw new SourceRequestException("source " + source.name() + ": reading collection " + entity.path()
                    + " of " + where + " failed: " + e.getMessage(), e);
        }
    }

    /** The next batch of documents with a date at the timestamp field, after what this run or the last one read. */
    private void fetchDated(EntityDefinition entity, MongoCollection<Document> collection) {
        String field = BsonPayload.field(entity.incremental().field());
        CollectionPosition after = scanned.get(entity.name());
        CollectionPosition start = from.get(entity.name());
        Duration lookback = entity.incremental().lookback();
        Bson filter;
        if (after != null) {
            filter = after.filterAfter(field);
        } else if (start != null && !lookback.isZero()) {
            filter = Filters.and(Filters.type(field, BsonType.DATE_TIME),
                    Filters.gte(field, Date.from(start.timestamp().toInstant().minus(lookback))));
        } else if (start != null) {
            filter = start.filterAfter(field);
        } else {
            filter = Filters.type(field, BsonType.DATE_TIME);
        }
        List<Document> batch = new ArrayList<>();
        long bytes = 0;
        for (RawBsonDocument raw : collection.withDocumentClass(RawBsonDocument.class).find(filter)
                .sort(Sorts.ascending(field, "_id")).limit(batchSize)) {
            bytes += raw.getByteBuffer().remaining();
            batch.add(raw.decode(DOCUMENTS));
        }
        if (!batch.isEmpty()) {
            progress.page(bytes);
        }
        if (batch.size() < batchSize) {
            exhausted = true;
        }
        List<Pending> fetched = new ArrayList<>();
        Set<String> behindWatermark = new HashSet<>();
        for (Document document : batch) {
            CollectionPosition position = new CollectionPosition((Date) BsonPayload.at(document, entity.incremental()
                    .field()), document.get("_id"));
            scanned.put(entity.name(), position);
            FetchedRecord record = record(entity, BsonPayload.of(document));
            fetched.add(new Pending(record, position));
            if (start != null && CollectionPosition.later(start, position) == start) {
                behindWatermark.add(naturalId(record));
            }
        }
        Set<String> landed = lake.held(source.name(), entity.name(), behindWatermark);
        for (Pending pending : fetched) {
            if (behindWatermark.contains(naturalId(pending.record())) && landed.contains(naturalId(pending.record()))) {
                progress.unchanged();
            } else {
                buffer.add(pending);
            }
        }
    }

    /** The documents whose timestamp is missing or not a date that the lake does not hold, a batch at a time. */
    private void fetchUndated(EntityDefinition entity, MongoCollection<Document> collection) {
        String pointer = entity.incremental().field();
        if (undatedCursor == null) {
            undatedCursor = collection.withDocumentClass(RawBsonDocument.class)
                    .find(Filters.not(Filters.type(BsonPayload.field(pointer), BsonType.DATE_TIME)))
                    .sort(Sorts.ascending("_id")).batchSize(batchSize).iterator();
        }
        List<FetchedRecord> batch = new ArrayList<>();
        long bytes = 0;
        while (batch.size() < batchSize && undatedCursor.hasNext()) {
            RawBsonDocument raw = undatedCursor.next();
            bytes += raw.getByteBuffer().remaining();
            Document document = raw.decode(DOCUMENTS);
            ObjectNode payload = BsonPayload.of(document);
            Object value = BsonPayload.at(document, pointer);
            String problem = value == null ? (document.containsKey(BsonPayload.field(pointer)) ? " is null"
                    : " is missing") : " should be a date but is " + value.getClass().getSimpleName() + " '" + value + "'";
            payload.put("parse_error", "collection " + entity.path() + ", _id " + payload.path("_id").asString()
                    + ": timestamp " + pointer + problem + "; the collection is read in timestamp order");
            batch.add(record(entity, payload));
        }
        if (batch.size() < batchSize) {
            exhausted = true;
        }
        if (!batch.isEmpty()) {
            progress.page(bytes);
        }
        Set<String> landed = fullRefresh ? Set.of() : lake.held(source.name(), entity.name(),
                batch.stream().map(CollectionReader::naturalId).toList());
        for (FetchedRecord record : batch) {
            if (landed.contains(naturalId(record))) {
                progress.unchanged();
            } else {
                buffer.add(new Pending(record, null));
            }
        }
    }

    private FetchedRecord record(EntityDefinition entity, ObjectNode payload) {
        return new FetchedRecord(source.name(), entity.name(), entity.idPointer(), payload);
    }

    private static String naturalId(FetchedRecord record) {
        JsonNode id = record.item().at(record.idPointer());
        return id.isMissingNode() || id.isNull() ? null : id.asString();
    }

    private void closeCursor() {
        if (undatedCursor != null) {
            undatedCursor.close();
            undatedCursor = null;
        }
    }
}
