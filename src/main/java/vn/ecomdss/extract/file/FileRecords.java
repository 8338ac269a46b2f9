package vn.ecomdss.extract.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import vn.ecomdss.extract.FetchedRecord;
import vn.ecomdss.pipeline.EntityDefinition;

/**
 * The records of one file of an entity. A row is a record, except for an entity whose records carry nested rows
 * (an order's {@code lines:}, a product's {@code reviews:}): there consecutive rows with the same id are gathered
 * into one record, the first row's columns with every row under the nested field, so that a flat file of order
 * lines lands as orders, as an API would return them. A row that already holds an array there is a whole record.
 * A row that cannot be read, or lacks a required field, is returned as its own record holding only
 * {@code parse_error} (file, place and reason), {@code file}, {@code at} and the text of the row: it lands in the
 * lake, and the raw quality check quarantines it with that reason, while the rest of the file lands.
 */
final class FileRecords implements Closeable {

    private final String source;
    private final EntityDefinition entity;
    private final Path file;
    private final String name;
    private final FileRows rows;
    private final DeclaredTypes types;
    private final String nested;
    private final JsonMapper json;
    private final Deque<FetchedRecord> ready = new ArrayDeque<>();
    private ObjectNode gathering;
    private String gatheringId;
    private boolean ended;

    FileRecords(String source, EntityDefinition entity, Path file, String name, FileRows rows, JsonMapper json) {
        this.source = source;
        this.entity = entity;
        this.file = file;
        this.name = name;
        this.rows = rows;
        this.json = json;
        EntityDefinition.Lines nestedRows = entity.lines() != null ? entity.lines() : entity.reviews();
        this.nested = nestedRows == null ? null : nestedRows.pointer();
        this.types = new DeclaredTypes(entity.required(), nested);
    }

    /** The next record of the file, or null after the last. */
    FetchedRecord next() throws IOException {
        while (ready.isEmpty() && !ended) {
            FileRows.Row row = rows.next();
            if (row == null) {
                ended = true;
                flush();
            } else if (row.values() == null) {
                ready.add(unreadable(row.at(), row.error(), row.text()));
            } else {
                take(row);
            }
        }
        return ready.poll();
    }

    private void take(FileRows.Row row) {
        String problem = types.conform(row.values());
        if (problem != null) {
            ready.add(unreadable(row.at(), problem, json.writeValueAsString(row.values())));
            return;
        }
        if (nested == null || row.values().at(nested).isArray()) {
            flush();
            ready.add(record(row.values()));
            return;
        }
        JsonNode idNode = row.values().at(entity.idPointer());
        String id = idNode.isMissingNode() || idNode.isNull() ? null : idNode.asString();
        if (gathering == null || id == null || !Objects.equals(id, gatheringId)) {
            flush();
            gathering = row.values().deepCopy();
            gathering.putArray(nested.substring(1));
            gatheringId = id;
        }
        ((ArrayNode) gathering.get(nested.substring(1))).add(row.values());
        if (id == null) {
            flush();
        }
    }

    private void flush() {
        if (gathering != null) {
            ready.add(record(gathering));
            gathering = null;
            gatheringId = null;
        }
    }

    private FetchedRecord record(ObjectNode item) {
        return new FetchedRecord(source, entity.name(), entity.idPointer(), item);
    }

    private FetchedRecord unreadable(String at, String error, String text) {
        ObjectNode item = json.createObjectNode()
                .put("parse_error", file + " " + at + ": " + error)
                .put("file", name)
                .put("at", at);
        if (text != null) {
            item.put("text", text);
        }
        return record(item);
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
