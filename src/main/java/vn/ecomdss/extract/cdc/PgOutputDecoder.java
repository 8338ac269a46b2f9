package vn.ecomdss.extract.cdc;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes the messages of PostgreSQL's {@code pgoutput} plugin, protocol version 1 (text column values), into
 * {@link Decoded} values: a transaction's begin and commit, a row change with the row before and after it, and a
 * logical decoding message. Relation messages are kept to name the tables and columns of the changes that follow;
 * type and origin messages carry nothing the capture needs. Column values become JSON by their type: integers,
 * numerics and floats as numbers, booleans as booleans, everything else as the text PostgreSQL sends.
 */
final class PgOutputDecoder {

    private static final long MICROS_2000_01_01 = 946_684_800_000_000L;
    private static final int BOOL = 16;
    private static final int INT8 = 20;
    private static final int INT2 = 21;
    private static final int INT4 = 23;
    private static final int FLOAT4 = 700;
    private static final int FLOAT8 = 701;
    private static final int NUMERIC = 1700;

    /** What one pgoutput message means to the capture. */
    sealed interface Decoded {
    }

    /** A transaction begins; its changes follow, then its commit at {@code commitLsn}. */
    record Begin(long commitLsn, long committedAtMicros, long xid) implements Decoded {
    }

    record Commit(long commitLsn, long endLsn) implements Decoded {
    }

    /**
     * One row inserted, updated or deleted. {@code before} is null for an insert (and for an update of a table
     * whose replica identity is not full and whose key did not change); {@code after} is null for a delete.
     * {@code keyColumns} are the replica identity's columns, every column under {@code REPLICA IDENTITY FULL}.
     */
    record RowChange(String schema, String table, String operation, List<String> keyColumns, ObjectNode before,
                     ObjectNode after) implements Decoded {
    }

    /** A logical decoding message ({@code pg_logical_emit_message}) written at {@code lsn}. */
    record Message(long lsn, boolean transactional, String prefix, String content) implements Decoded {
    }

    /** A message of no interest to the capture (relation, type, origin, truncate). */
    record Other(char kind) implements Decoded {
    }

    private record Column(String name, int type, boolean key) {
    }

    private record Relation(String schema, String table, List<Column> columns) {
    }

    private final Map<Integer, Relation> relations = new HashMap<>();
    private final JsonMapper json;

    PgOutputDecoder(JsonMapper json) {
        this.json = json;
    }

    /** Microseconds since 2000-01-01, pgoutput's epoch, as microseconds since 1970-01-01. */
    static long unixMicros(long postgresMicros) {
        return postgresMicros + MICROS_2000_01_01;
    }

    Decoded decode(ByteBuffer buffer) {
        char kind = (char) buffer.get();
        return switch (kind) {
            case 'B' -> new Begin(buffer.getLong(), buffer.getLong(), Integer.toUnsignedLong(buffer.getInt()));
            case 'C' -> {
                buffer.get();
                yield new Commit(buffer.getLong(), buffer.getLong());
            }
            case 'R' -> {
                relation(buffer);
                yield new Other(kind);
            }
            case 'I' -> {
                Relation relation = relation(buffer.getInt());
                expect(buffer, 'N');
                yield change(relation, "insert", null, tuple(buffer, relation, null));
            }
            case 'U' -> {
                Relation relation = relation(buffer.getInt());
                char next = (char) buffer.get();
                ObjectNode before = null;
                if (next == 'K' || next == 'O') {
                    before = tuple(buffer, relation, null);
                    next = (char) buffer.get();
                }
                if (next != 'N') {
                    throw new IllegalStateException("pgoutput: an update of " + relation.table()
                            + " without its new row (tag '" + next + "')");
                }
                yield change(relation, "update", before, tuple(buffer, relation, before));
            }
            case 'D' -> {
                Relation relation = relation(buffer.getInt());
                buffer.get();
                yield change(relation, "delete", tuple(buffer, relation, null), null);
            }
            case 'M' -> {
                boolean transactional = (buffer.get() & 1) == 1;
                long lsn = buffer.getLong();
                String prefix = string(buffer);
                byte[] content = new byte[buffer.getInt()];
                buffer.get(content);
                yield new Message(lsn, transactional, prefix, new String(content, StandardCharsets.UTF_8));
            }
            default -> new Other(kind);
        };
    }

    private RowChange change(Relation relation, String operation, ObjectNode before, ObjectNode after) {
        List<String> keys = relation.columns().stream().filter(Column::key).map(Column::name).toList();
        return new RowChange(relation.schema(), relation.table(), operation, keys, before, after);
    }

    private void relation(ByteBuffer buffer) {
        int oid = buffer.getInt();
        String schema = string(buffer);
        String table = string(buffer);
        buffer.get();
        int count = buffer.getShort();
        List<Column> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean key = (buffer.get() & 1) == 1;
            String name = string(buffer);
            int type = buffer.getInt();
            buffer.getInt();
            columns.add(new Column(name, type, key));
        }
        relations.put(oid, new Relation(schema, table, columns));
    }

    private Relation relation(int oid) {
        Relation relation = relations.get(oid);
        if (relation == null) {
            throw new IllegalStateException("pgoutput: a change of relation " + oid + " before its relation message");
        }
        return relation;
    }

    /**
     * A row; a column TOASTed and unchanged by an update is not sent, and is taken from the row before when that
     * is known (replica identity full), else left out.
     */
    private ObjectNode tuple(ByteBuffer buffer, Relation relation, ObjectNode before) {
        int count = buffer.getShort();
        ObjectNode row = json.createObjectNode();
        for (int i = 0; i < count; i++) {
            Column column = relation.columns().get(i);
            char kind = (char) buffer.get();
            switch (kind) {
                case 'n' -> row.putNull(column.name());
                case 'u' -> {
                    if (before != null && before.has(column.name())) {
                        row.set(column.name(), before.get(column.name()));
                    }
                }
                case 't' -> {
                    byte[] bytes = new byte[buffer.getInt()];
                    buffer.get(bytes);
                    put(row, column, new String(bytes, StandardCharsets.UTF_8));
                }
                default -> throw new IllegalStateException("pgoutput: column " + relation.table() + "."
                        + column.name() + " sent in format '" + kind + "', expected text");
            }
        }
        return row;
    }

    private static void put(ObjectNode row, Column column, String text) {
        switch (column.type()) {
            case INT2, INT4, INT8 -> row.put(column.name(), Long.parseLong(text));
            case NUMERIC -> {
                if (text.equals("NaN")) {
                    row.put(column.name(), text);
                } else {
                    row.put(column.name(), new BigDecimal(text));
                }
            }
            case FLOAT4, FLOAT8 -> row.put(column.name(), Double.parseDouble(text));
            case BOOL -> row.put(column.name(), text.equals("t"));
            default -> row.put(column.name(), text);
        }
    }

    private static void expect(ByteBuffer buffer, char tag) {
        char actual = (char) buffer.get();
        if (actual != tag) {
            throw new IllegalStateException("pgoutput: expected tuple tag '" + tag + "', got '" + actual + "'");
        }
    }

    private static String string(ByteBuffer buffer) {
        int start = buffer.position();
        while (buffer.get() != 0) {
            // scans to the terminating zero byte
        }
        byte[] bytes = new byte[buffer.position() - start - 1];
        buffer.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
