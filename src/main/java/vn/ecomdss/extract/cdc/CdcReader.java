package vn.ecomdss.extract.cdc;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import vn.ecomdss.extract.FetchedRecord;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.extract.http.SourceRequestException;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * A bounded capture of a shop database's changes by logical replication ({@code pgoutput}): at open it marks the
 * current end of the WAL with a logical decoding message and reads the slot's changes up to that mark, so the
 * step ends. Each row change is published on {@code cdc_<table>} (keyed by the row's primary key, with its before
 * and after images, operation, LSN and transaction) and returned for the lake.
 *
 * <p>Two positions are kept, because the topics and the lake commit separately: the topics' own, committed with
 * each chunk's Kafka transaction ({@link ChangeTopics}), and the lake's, saved in the step's execution context
 * with each chunk and becoming the source's watermark when the step completes. The stream starts from the earlier
 * of the two; a change is published only after the topics' position and landed only after the lake's, so a
 * capture killed anywhere repeats nothing on the topics, and the lake, whose writes are idempotent, misses nothing.
 * The slot is confirmed up to that earlier position when a capture opens, releasing the WAL both have.
 */
final class CdcReader implements SourceReader {

    private static final Logger log = LoggerFactory.getLogger(CdcReader.class);
    private static final String POSITION = "cdc.position";
    /** Generous: the server sends a large transaction only once it has decoded all of it. */
    private static final Duration STALL = Duration.ofMinutes(5);

    /** Where the shop database answers. */
    record Database(String url, String user, String password) {
    }

    private final SourceDefinition source;
    private final Database database;
    private final String bootstrapServers;
    private final ChangePosition watermark;
    private final JsonMapper json;
    private final Map<String, EntityDefinition> byTable = new HashMap<>();
    private final Deque<FetchedRecord> ready = new ArrayDeque<>();
    private Map<String, List<String>> primaryKeys = Map.of();
    private PgOutputDecoder decoder;
    private ReplicationSlot slot;
    private ChangeTopics topics;
    private Connection replication;
    private PGReplicationStream stream;
    private long endLsn;
    private boolean ended;
    private ChangePosition landed;
    private ChangePosition reached;
    private PgOutputDecoder.Begin transaction;
    private long changesInTransaction;

    CdcReader(SourceDefinition source, Database database, String bootstrapServers, ChangePosition watermark,
              JsonMapper json) {
        this.source = source;
        this.database = database;
        this.bootstrapServers = bootstrapServers;
        this.watermark = watermark;
        this.json = json;
        source.entities().values().forEach(entity -> byTable.put(entity.path(), entity));
    }

    /** The slot's and the publication's name for a source: {@code dss_cdc_} and its name in identifier form. */
    static String slotName(String source) {
        return "dss_cdc_" + source.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    @Override
    public void open(ExecutionContext context) {
        landed = context.containsKey(POSITION) ? ChangePosition.parse(context.getString(POSITION)) : watermark;
        decoder = new PgOutputDecoder(json);
        slot = new ReplicationSlot(source.name(), database.url(), slotName(source.name()), byTable.keySet().stream()
                .sorted().toList());
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            primaryKeys = slot.prepare(connection);
            topics = ChangeTopics.open(source.name(), bootstrapServers);
            endLsn = LogSequenceNumber.valueOf(slot.markEnd(connection)).asLong();
        } catch (SQLException e) {
            throw new SourceRequestException("source " + source.name() + ": cannot prepare logical replication in "
                    + database.url() + ": " + e.getMessage(), e);
        }
        ChangePosition from = landed.compareTo(topics.published()) <= 0 ? landed : topics.published();
        reached = landed;
        log.info("{}: capturing changes of {} from {} up to {} (topics hold up to {}, the lake up to {})",
                source.name(), byTable.keySet(), from, LogSequenceNumber.valueOf(endLsn).asString(), topics.published(),
                landed);
        startStream(from);
    }

    private void startStream(ChangePosition from) {
        Properties properties = new Properties();
        if (database.user() != null) {
            PGProperty.USER.set(properties, database.user());
        }
        if (database.password() != null) {
            PGProperty.PASSWORD.set(properties, database.password());
        }
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(properties, "14");
        PGProperty.REPLICATION.set(properties, "database");
        PGProperty.PREFER_QUERY_MODE.set(properties, "simple");
        try {
            replication = DriverManager.getConnection(database.url(), properties);
            LogSequenceNumber start = LogSequenceNumber.valueOf(from.commitLsn());
            stream = replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                    .withSlotName(slot.name())
                    .withStartPosition(start)
                    .withSlotOption("proto_version", 1)
                    .withSlotOption("publication_names", slot.name())
                    .withSlotOption("messages", true)
                    .withStatusInterval(10, TimeUnit.SECONDS)
                    .start();
            if (from.commitLsn() != 0) {
                stream.setFlushedLSN(start);
                stream.setAppliedLSN(start);
                stream.forceUpdateStatus();
            }
        } catch (SQLException e) {
            throw new SourceRequestException("source " + source.name() + ": cannot start replication from slot "
                    + slot.name() + " in " + database.url() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public FetchedRecord read() throws SQLException, InterruptedException {
        long stalledSince = System.nanoTime();
        while (ready.isEmpty() && !ended) {
            ByteBuffer message = stream.readPending();
            if (message == null) {
                if (System.nanoTime() - stalledSince > STALL.toNanos()) {
                    throw new SourceRequestException("source " + source.name() + ": slot " + slot.name() + " in "
                            + database.url() + " sent nothing for " + STALL.toSeconds() + " s before reaching "
                            + LogSequenceNumber.valueOf(endLsn).asString());
                }
                TimeUnit.MILLISECONDS.sleep(10);
                continue;
            }
            stalledSince = System.nanoTime();
            handle(decoder.decode(message), stream.getLastReceiveLSN().asLong());
        }
        return ready.poll();
    }

    private void handle(PgOutputDecoder.Decoded decoded, long lsn) {
        if (decoded instanceof PgOutputDecoder.Begin begin) {
            transaction = begin;
            changesInTransaction = 0;
        } else if (decoded instanceof PgOutputDecoder.RowChange change) {
            changesInTransaction++;
            boolean forTopics = topics.published().isBefore(transaction.commitLsn(), changesInTransaction);
            boolean forLake = landed.isBefore(transaction.commitLsn(), changesInTransaction);
            if (!forTopics && !forLake) {
                return;
            }
            ObjectNode record = record(change, lsn);
            if (forTopics) {
                topics.send(change.table(), json.writeValueAsString(record.get("key")), json.writeValueAsString(record));
            }
            if (forLake) {
                EntityDefinition entity = byTable.get(change.schema() + "." + change.table());
                ready.add(new FetchedRecord(source.name(), entity.name(), entity.idPointer(), record));
                reached = new ChangePosition(transaction.commitLsn(), changesInTransaction);
            }
        } else if (decoded instanceof PgOutputDecoder.Message message && !message.transactional()
                && ReplicationSlot.END_MARKER.equals(message.prefix())
                && Long.compareUnsigned(message.lsn(), endLsn) >= 0) {
            ended = true;
        }
    }

    /**
     * The change as published and landed: its identity (LSN, table, primary key), operation, transaction and rows.
     * A table without a primary key is keyed by its replica identity, as the server marks it.
     */
    private ObjectNode record(PgOutputDecoder.RowChange change, long lsn) {
        ObjectNode row = change.after() != null ? change.after() : change.before();
        ObjectNode key = json.createObjectNode();
        List<String> keyColumns = primaryKeys.getOrDefault(change.schema() + "." + change.table(), List.of());
        (keyColumns.isEmpty() ? change.keyColumns() : keyColumns).forEach(column -> key.set(column, row.get(column)));
        String lsnText = LogSequenceNumber.valueOf(lsn).asString();
        StringBuilder keyText = new StringBuilder();
        key.values().forEach(value -> keyText.append(keyText.isEmpty() ? "" : ",").append(value.asString()));
        ObjectNode record = json.createObjectNode()
                .put("change_id", lsnText + ":" + change.schema() + "." + change.table() + ":" + keyText)
                .put("source", source.name())
                .put("schema", change.schema())
                .put("table", change.table())
                .put("op", change.operation())
                .put("lsn", lsnText)
                .put("commit_lsn", LogSequenceNumber.valueOf(transaction.commitLsn()).asString())
                .put("xid", transaction.xid())
                .put("committed_at", Instant.EPOCH.plus(PgOutputDecoder.unixMicros(transaction.committedAtMicros()),
                        ChronoUnit.MICROS).toString());
        record.set("key", key);
        record.set("before", change.before());
        record.set("after", change.after());
        return record;
    }

    /** Commits this chunk's changes on the topics, then saves the lake's position with the chunk. */
    @Override
    public void update(ExecutionContext context) {
        if (topics != null) {
            ChangePosition sent = topics.published().compareTo(reached) < 0 ? reached : topics.published();
            topics.commit(sent);
            context.putString(POSITION, reached.toString());
        }
    }

    @Override
    public void close() {
        try {
            if (stream != null) {
                stream.close();
            }
            if (replication != null) {
                replication.close();
            }
        } catch (SQLException e) {
            log.warn("{}: closing the replication connection to {} failed: {}", source.name(), database.url(),
                    e.getMessage());
        } finally {
            stream = null;
            replication = null;
            if (topics != null) {
                topics.close();
                topics = null;
            }
        }
    }

    /** Every entity to the lake's position: the next capture's start when nothing newer is on the topics. */
    @Override
    public Map<String, String> newWatermarks() {
        Map<String, String> marks = new HashMap<>();
        byTable.values().forEach(entity -> marks.put(entity.name(), reached.toString()));
        return marks;
    }
}
