package vn.ecomdss.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Writes the {@link LogDocuments} into a MongoDB database in real time for a bounded duration, as the shop's
 * services would: every second, the documents whose time has come, one unordered insert per collection (documents
 * falling behind are written at once, so the rate holds on average). A document already there (the same seed and
 * start written before) is left as it is. The platform's own document store unless a connection string is given.
 */
@Component
public class LogSimulator {

    private static final long TICK_NANOS = 1_000_000_000L;
    private static final int DUPLICATE_KEY = 11000;

    private final MongoClient platformStore;

    public LogSimulator(MongoClient platformStore) {
        this.platformStore = platformStore;
    }

    /** Per collection, the documents written, how many of them are broken, and the time it took. */
    public record Written(Map<LogDocuments.Collection, Long> documents, Map<LogDocuments.Collection, Long> broken,
                          Duration elapsed) {
        public long total() {
            return documents.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** @param uri a MongoDB connection string, or null for the platform's document store */
    public Written run(String uri, String database, Duration duration, double rateScale, long seed, Instant start) {
        if (uri == null) {
            return write(platformStore.getDatabase(database), duration, rateScale, seed, start);
        }
        try (MongoClient client = MongoClients.create(uri)) {
            return write(client.getDatabase(database), duration, rateScale, seed, start);
        }
    }

    private Written write(MongoDatabase database, Duration duration, double rateScale, long seed, Instant start) {
        LogDocuments logs = new LogDocuments(seed, start);
        Map<LogDocuments.Collection, Long> due = new EnumMap<>(LogDocuments.Collection.class);
        Map<LogDocuments.Collection, Long> written = new EnumMap<>(LogDocuments.Collection.class);
        Map<LogDocuments.Collection, Long> broken = new EnumMap<>(LogDocuments.Collection.class);
        for (LogDocuments.Collection collection : LogDocuments.Collection.values()) {
            due.put(collection, logs.count(collection, duration, rateScale));
            written.put(collection, 0L);
            broken.put(collection, 0L);
        }
        long began = System.nanoTime();
        while (written.entrySet().stream().anyMatch(e -> e.getValue() < due.get(e.getKey()))) {
            long elapsed = System.nanoTime() - began;
            for (LogDocuments.Collection collection : LogDocuments.Collection.values()) {
                long from = written.get(collection);
                long until = Math.min(due.get(collection),
                        (long) Math.floor(elapsed / collection.intervalNanos(rateScale)) + 1);
                List<Document> batch = new ArrayList<>();
                for (long k = from; k < until; k++) {
                    batch.add(logs.document(collection, k, rateScale));
                    if (logs.broken(collection, k)) {
                        broken.merge(collection, 1L, Long::sum);
                    }
                }
                insert(database, collection.collection, batch);
                written.put(collection, Math.max(from, until));
            }
            long wait = TICK_NANOS - (System.nanoTime() - began) % TICK_NANOS;
            if (written.entrySet().stream().anyMatch(e -> e.getValue() < due.get(e.getKey()))) {
                sleep(wait);
            }
        }
        return new Written(written, broken, Duration.ofNanos(System.nanoTime() - began));
    }

    private static void insert(MongoDatabase database, String collection, List<Document> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            database.getCollection(collection).insertMany(batch, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            List<BulkWriteError> other = e.getWriteErrors().stream().filter(w -> w.getCode() != DUPLICATE_KEY).toList();
            if (!other.isEmpty() || e.getWriteConcernError() != null) {
                throw new IllegalStateException("Cannot write the logs into " + database.getName() + "." + collection
                        + ": " + (other.isEmpty() ? e.getWriteConcernError() : other.get(0).getMessage()), e);
            }
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("log simulation interrupted", e);
        }
    }
}
