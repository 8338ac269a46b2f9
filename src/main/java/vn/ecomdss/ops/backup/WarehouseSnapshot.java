package vn.ecomdss.ops.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The warehouse and the job repository (one PostgreSQL database) as one file per base table, written by
 * {@code COPY ... TO STDOUT (FORMAT binary)} inside a single repeatable-read, read-only transaction, so every table
 * is read as of the same moment; and loaded back by {@code COPY ... FROM STDIN} in a single transaction with
 * triggers and foreign keys off. Names come from the catalogue and are quoted; materialised views are not dumped
 * (restore refreshes them).
 */
final class WarehouseSnapshot {

    /** Leaf tables of every non-system schema (partitions included, partitioned parents hold no rows). */
    private static final String TABLES = """
            select c.oid::bigint as oid, n.nspname as schema_name, c.relname as table_name,
                   pn.nspname as parent_schema, pc.relname as parent_name,
                   pg_get_expr(c.relpartbound, c.oid) as partition_bound
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            left join pg_inherits i on c.relispartition and i.inhrelid = c.oid
            left join pg_class pc on pc.oid = i.inhparent
            left join pg_namespace pn on pn.oid = pc.relnamespace
            where c.relkind = 'r' and c.relpersistence <> 't'
              and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
            order by n.nspname, c.relname
            """;

    /** The columns COPY can write back: not dropped, not generated. */
    private static final String COLUMNS = """
            select attname from pg_attribute
            where attrelid = cast(? as bigint)::oid and attnum > 0 and not attisdropped and attgenerated = ''
            order by attnum
            """;

    private static final String SEQUENCES = """
            select n.nspname as schema_name, c.relname as sequence_name
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind = 'S' and n.nspname not in ('pg_catalog', 'information_schema')
              and n.nspname not like 'pg\\_%'
            order by n.nspname, c.relname
            """;

    private static final String FLYWAY_TABLE = """
            select n.nspname from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relname = 'flyway_schema_history' and c.relkind = 'r'
            """;

    private static final String MATERIALIZED_VIEWS = """
            select schemaname, matviewname from pg_matviews
            where schemaname not in ('pg_catalog', 'information_schema') order by schemaname, matviewname
            """;

    /** A month's partition as the loads create them; nothing else is accepted as DDL read from a manifest. */
    private static final Pattern RANGE_BOUND = Pattern.compile(
            "FOR VALUES FROM \\('\\d{4}-\\d{2}-\\d{2}'\\) TO \\('\\d{4}-\\d{2}-\\d{2}'\\)");
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    static final String FLYWAY_HISTORY = "flyway_schema_history";

    record Dump(List<BackupManifest.Table> tables, List<BackupManifest.Sequence> sequences, String flywayVersion,
                String postgresVersion) {
    }

    private WarehouseSnapshot() {
    }

    /** Dumps every table into {@code dir/postgres/}; the connection is the caller's, in a fresh transaction. */
    static Dump dump(Connection connection, Path dir) throws SQLException, IOException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("set transaction isolation level repeatable read, read only");
        }
        try {
            Files.createDirectories(dir.resolve("postgres"));
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            List<BackupManifest.Table> tables = new ArrayList<>();
            for (CatalogTable table : tables(connection)) {
                String file = "postgres/" + table.schema() + "." + table.name() + ".bin.gz";
                long rows;
                try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(
                        Files.newOutputStream(dir.resolve(file))), 1 << 16)) {
                    rows = copy.copyOut("copy " + table.quoted() + " (" + quotedColumns(table.columns())
                            + ") to stdout (format binary)", out);
                }
                tables.add(new BackupManifest.Table(table.schema(), table.name(), file, table.columns(), rows,
                        table.parent(), table.bound()));
            }
            List<BackupManifest.Sequence> sequences = new ArrayList<>();
            for (String[] sequence : sequences(connection)) {
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("select last_value, is_called from "
                             + quote(sequence[0]) + "." + quote(sequence[1]))) {
                    rs.next();
                    sequences.add(new BackupManifest.Sequence(sequence[0], sequence[1], rs.getLong(1),
                            rs.getBoolean(2)));
                }
            }
            return new Dump(tables, sequences, flywayVersion(connection), postgresVersion(connection));
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    /**
     * Loads a backup's tables into the connection's database in one transaction: creates the partitions the loads
     * had created, empties what Flyway seeded, copies each file back, sets the sequences, and checks every table's
     * count against the manifest before committing. The Flyway history is the target's own (the versions are equal).
     */
    static void load(Connection connection, Path dir, BackupManifest manifest) throws SQLException, IOException {
        Map<String, CatalogTable> present = new HashMap<>();
        for (CatalogTable table : tables(connection)) {
            present.put(table.schema() + "." + table.name(), table);
        }
        List<BackupManifest.Table> tables = manifest.tables().stream()
                .filter(table -> !table.name().equals(FLYWAY_HISTORY)).toList();
        List<String> missing = new ArrayList<>();
        for (BackupManifest.Table table : tables) {
            if (!present.containsKey(table.qualified()) && table.partitionOf() == null) {
                missing.add(table.qualified());
            }
            if (!Files.isRegularFile(dir.resolve(table.file()))) {
                throw new BackupException("the backup in " + dir + " lacks " + table.file() + " of table "
                        + table.qualified());
            }
        }
        if (!missing.isEmpty()) {
            throw new BackupException("the database has no table " + String.join(", ", missing) + " that the backup "
                    + "holds; create them first (oltp.* are created by 'simulate --oltp')");
        }
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local session_replication_role = replica");
            for (BackupManifest.Table table : tables) {
                if (!present.containsKey(table.qualified())) {
                    statement.execute(createPartition(table));
                }
            }
            statement.execute("truncate " + tables.stream().map(t -> quote(t.schema()) + "." + quote(t.name()))
                    .collect(Collectors.joining(", ")));
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (BackupManifest.Table table : tables) {
                try (InputStream in = new GZIPInputStream(new BufferedInputStream(
                        Files.newInputStream(dir.resolve(table.file()))), 1 << 16)) {
                    copy.copyIn("copy " + quote(table.schema()) + "." + quote(table.name()) + " ("
                            + quotedColumns(table.columns()) + ") from stdin (format binary)", in);
                } catch (SQLException e) {
                    throw new BackupException("loading table " + table.qualified() + " from " + table.file()
                            + " failed: " + e.getMessage(), e);
                }
            }
            try (PreparedStatement setval = connection.prepareStatement("select setval(?::regclass, ?, ?)")) {
                for (BackupManifest.Sequence sequence : manifest.sequences()) {
                    setval.setString(1, quote(sequence.schema()) + "." + quote(sequence.name()));
                    setval.setLong(2, sequence.lastValue());
                    setval.setBoolean(3, sequence.isCalled());
                    try (ResultSet ignored = setval.executeQuery()) {
                        // the value set
                    } catch (SQLException e) {
                        throw new BackupException("setting sequence " + sequence.schema() + "." + sequence.name()
                                + " failed: " + e.getMessage(), e);
                    }
                }
            }
            for (BackupManifest.Table table : tables) {
                try (ResultSet rs = statement.executeQuery("select count(*) from " + quote(table.schema()) + "."
                        + quote(table.name()))) {
                    rs.next();
                    if (rs.getLong(1) != table.rows()) {
                        throw new BackupException("table " + table.qualified() + " holds " + rs.getLong(1)
                                + " rows after the restore; the backup's manifest says " + table.rows());
                    }
                }
            }
            connection.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    static String flywayVersion(Connection connection) throws SQLException {
        String schema = null;
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(FLYWAY_TABLE)) {
            if (rs.next()) {
                schema = rs.getString(1);
            }
        }
        if (schema == null) {
            return null;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select version from " + quote(schema) + "." + FLYWAY_HISTORY
                     + " where success and version is not null order by installed_rank desc limit 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The materialised views to refresh after a restore, schema-qualified and quoted. */
    static List<String> materializedViews(Connection connection) throws SQLException {
        List<String> views = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(MATERIALIZED_VIEWS)) {
            while (rs.next()) {
                views.add(quote(rs.getString(1)) + "." + quote(rs.getString(2)));
            }
        }
        return views;
    }

    private static String postgresVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String createPartition(BackupManifest.Table table) {
        String[] parent = table.partitionOf().split("\\.", 2);
        if (parent.length != 2 || !NAME.matcher(parent[0]).matches() || !NAME.matcher(parent[1]).matches()
                || !NAME.matcher(table.name()).matches() || !table.schema().equals(parent[0])
                || table.partitionBound() == null || !RANGE_BOUND.matcher(table.partitionBound()).matches()) {
            throw new BackupException("the manifest's partition " + table.qualified() + " of " + table.partitionOf()
                    + " (" + table.partitionBound() + ") is not a monthly range partition this restore creates");
        }
        return "create table " + quote(table.schema()) + "." + quote(table.name()) + " partition of "
                + quote(parent[0]) + "." + quote(parent[1]) + " " + table.partitionBound();
    }

    private record CatalogTable(long oid, String schema, String name, String parent, String bound,
                                List<String> columns) {
        String quoted() {
            return quote(schema) + "." + quote(name);
        }
    }

    private static List<CatalogTable> tables(Connection connection) throws SQLException {
        Map<Long, String[]> found = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(TABLES)) {
            while (rs.next()) {
                String parent = rs.getString("parent_name") == null ? null
                        : rs.getString("parent_schema") + "." + rs.getString("parent_name");
                found.put(rs.getLong("oid"), new String[] {rs.getString("schema_name"), rs.getString("table_name"),
                        parent, rs.getString("partition_bound")});
            }
        }
        List<CatalogTable> tables = new ArrayList<>();
        try (PreparedStatement columns = connection.prepareStatement(COLUMNS)) {
            for (Map.Entry<Long, String[]> table : found.entrySet()) {
                columns.setLong(1, table.getKey());
                List<String> names = new ArrayList<>();
                try (ResultSet rs = columns.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                String[] t = table.getValue();
                tables.add(new CatalogTable(table.getKey(), t[0], t[1], t[2], t[3], names));
            }
        }
        return tables;
    }

    private static List<String[]> sequences(Connection connection) throws SQLException {
        List<String[]> sequences = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(SEQUENCES)) {
            while (rs.next()) {
                sequences.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return sequences;
    }

    private static String quotedColumns(List<String> columns) {
        return columns.stream().map(WarehouseSnapshot::quote).collect(Collectors.joining(", "));
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
