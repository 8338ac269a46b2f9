package vn.ecomdss.extract.cdc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What logical replication of a shop database needs on the server, made when missing: {@code wal_level=logical}
 * (checked: it needs a server restart, so it is the operator's to set), a publication of the source's tables
 * (inserts, updates and deletes) and a {@code pgoutput} replication slot, which keeps the WAL the capture has
 * not confirmed yet. The publication is made before the slot, so the slot decodes against it from its first change.
 */
final class ReplicationSlot {

    private static final Logger log = LoggerFactory.getLogger(ReplicationSlot.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** The prefix of the message that marks where a bounded capture stops. */
    static final String END_MARKER = "ecommerce-dss-cdc-end";

    private static final String TABLE_EXISTS = "select to_regclass(?) is not null";
    private static final String REPLICA_IDENTITY = """
            select c.relreplident from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = ? and c.relname = ?
            """;
    private static final String PRIMARY_KEY = """
            select a.attname from pg_index i
            join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
            where i.indrelid = ?::regclass and i.indisprimary
            order by array_position(i.indkey::int2[], a.attnum)
            """;
    private static final String PUBLICATION_EXISTS = "select count(*) from pg_publication where pubname = ?";
    private static final String PUBLISHED_TABLES = """
            select schemaname || '.' || tablename from pg_publication_tables where pubname = ?
            """;
    private static final String SLOT = """
            select plugin, database = current_database() from pg_replication_slots where slot_name = ?
            """;
    private static final String CREATE_SLOT = "select pg_create_logical_replication_slot(?, 'pgoutput')";
    private static final String EMIT_END = "select pg_logical_emit_message(false, ?, ?)::text";

    private final String source;
    private final String where;
    private final String name;
    private final List<String> tables;

    /**
     * @param where  the database, for messages (its URL)
     * @param name   the slot's and the publication's name
     * @param tables {@code schema.table} of every entity
     */
    ReplicationSlot(String source, String where, String name, List<String> tables) {
        this.source = source;
        this.where = where;
        this.name = identifier(name, "slot name");
        this.tables = tables.stream().map(this::qualifiedTable).toList();
    }

    String name() {
        return name;
    }

    /**
     * Checks the WAL level and the tables, then makes the publication and the slot where missing; answers each
     * table's primary key columns (empty for a table without one), which key its changes.
     */
    Map<String, List<String>> prepare(Connection connection) throws SQLException {
        requireLogicalWal(walLevel(connection));
        List<String> missing = new ArrayList<>();
        for (String table : tables) {
            if (!queryBoolean(connection, TABLE_EXISTS, table)) {
                missing.add(table);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("source " + source + ": no table " + String.join(", ", missing) + " in "
                    + where + " (the shop simulator makes them: simulate --oltp)");
        }
        for (String table : tables) {
            String[] parts = table.split("\\.");
            if (!"f".equals(queryText(connection, REPLICA_IDENTITY, parts[0], parts[1]))) {
                log.warn("{}: {} has no REPLICA IDENTITY FULL, so its updates and deletes carry no complete row "
                        + "before the change (ALTER TABLE {} REPLICA IDENTITY FULL)", source, table, table);
            }
        }
        ensurePublication(connection);
        ensureSlot(connection);
        Map<String, List<String>> keys = new HashMap<>();
        for (String table : tables) {
            keys.put(table, queryColumn(connection, PRIMARY_KEY, table));
        }
        return keys;
    }

    /**
     * Writes a non-transactional logical decoding message and answers its LSN: every transaction committed before
     * it reaches the replication stream before the message does, so the message marks the end of a bounded capture.
     */
    String markEnd(Connection connection) throws SQLException {
        return queryText(connection, EMIT_END, END_MARKER, name);
    }

    /** Fails, saying what to do, unless the server's {@code wal_level} is {@code logical}. */
    void requireLogicalWal(String walLevel) {
        if (!"logical".equals(walLevel)) {
            throw new IllegalStateException("source " + source + ": PostgreSQL at " + where + " runs with wal_level="
                    + walLevel + "; change data capture needs wal_level=logical (ALTER SYSTEM SET wal_level = logical, "
                    + "or set it in postgresql.conf, then restart the server)");
        }
    }

    private static String walLevel(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("show wal_level")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void ensurePublication(Connection connection) throws SQLException {
        String tableList = String.join(", ", tables);
        if (queryLong(connection, PUBLICATION_EXISTS, name) == 0) {
            execute(connection, "create publication " + name + " for table " + tableList
                    + " with (publish = 'insert, update, delete')");
            log.info("{}: created publication {} of {} in {}", source, name, tableList, where);
            return;
        }
        List<String> published = queryColumn(connection, PUBLISHED_TABLES, name);
        if (!published.containsAll(tables) || !tables.containsAll(published)) {
            execute(connection, "alter publication " + name + " set table " + tableList);
            log.info("{}: publication {} now publishes {} (it published {})", source, name, tableList, published);
        }
    }

    private void ensureSlot(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SLOT)) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    if (!"pgoutput".equals(rs.getString(1)) || !rs.getBoolean(2)) {
                        throw new IllegalStateException("source " + source + ": replication slot " + name + " in "
                                + where + " is a " + rs.getString(1) + " slot or belongs to another database; "
                                + "drop it (select pg_drop_replication_slot('" + name + "')) or rename the source");
                    }
                    return;
                }
            }
        }
        queryText(connection, CREATE_SLOT, name);
        log.info("{}: created replication slot {} in {}; changes are captured from now on", source, name, where);
    }

    private String qualifiedTable(String path) {
        String[] parts = path.split("\\.", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("source " + source + ": entity path '" + path
                    + "' is not schema.table");
        }
        return identifier(parts[0], "schema") + "." + identifier(parts[1], "table");
    }

    private String identifier(String text, String what) {
        if (!IDENTIFIER.matcher(text).matches()) {
            throw new IllegalArgumentException("source " + source + ": " + what + " '" + text
                    + "' is not a lower-case PostgreSQL identifier");
        }
        return text;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static boolean queryBoolean(Connection connection, String sql, String... values) throws SQLException {
        return "t".equals(queryText(connection, sql, values));
    }

    private static long queryLong(Connection connection, String sql, String... values) throws SQLException {
        return Long.parseLong(queryText(connection, sql, values));
    }

    private static List<String> queryColumn(Connection connection, String sql, String value) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, value);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    private static String queryText(Connection connection, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
