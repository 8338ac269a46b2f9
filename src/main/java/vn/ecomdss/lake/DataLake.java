package vn.ecomdss.lake;

import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The raw data lake: envelopes in {@code data_lake}, rejected records in {@code quarantine}. Every write is an
 * idempotent upsert, so a retried or restarted chunk stores nothing twice.
 */
@Component
public class DataLake {

    public static final String ENVELOPES = "data_lake";
    public static final String QUARANTINE = "quarantine";

    private final MongoTemplate mongo;

    public DataLake(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(ENVELOPES).createIndex(new Index().on("run_ids", Sort.Direction.ASC).on("entity", Sort.Direction.ASC));
        mongo.indexOps(ENVELOPES).createIndex(new Index().on("source", Sort.Direction.ASC).on("entity", Sort.Direction.ASC)
                .on("natural_id", Sort.Direction.ASC));
        mongo.indexOps(QUARANTINE).createIndex(new Index().on("run_id", Sort.Direction.ASC));
    }

    public MongoTemplate template() {
        return mongo;
    }

    /** Stores the envelopes not yet stored and records that this run saw every one of them. */
    public void store(List<RawEnvelope> envelopes) {
        if (envelopes.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ENVELOPES);
        for (RawEnvelope envelope : envelopes) {
            Update update = new Update()
                    .setOnInsert("source", envelope.source())
                    .setOnInsert("entity", envelope.entity())
                    .setOnInsert("natural_id", envelope.naturalId())
                    .setOnInsert("payload", envelope.payload())
                    .setOnInsert("payload_hash", envelope.payloadHash())
                    .setOnInsert("first_run_id", envelope.runId())
                    .setOnInsert("fetched_at", Date.from(envelope.fetchedAt()))
                    .set("last_fetched_at", Date.from(envelope.fetchedAt()))
                    .addToSet("run_ids", envelope.runId());
            bulk.upsert(Query.query(Criteria.where("_id").is(envelope.id())), update);
        }
        bulk.execute();
    }

    /**
     * Which of {@code naturalIds} the lake already holds an envelope of, for one source and entity: what a reader
     * that reads again behind its watermark passes over as landed.
     */
    public Set<String> held(String source, String entity, Collection<String> naturalIds) {
        if (naturalIds.isEmpty()) {
            return Set.of();
        }
        Query query = Query.query(Criteria.where("source").is(source).and("entity").is(entity)
                .and("natural_id").in(naturalIds));
        query.fields().include("natural_id");
        Set<String> held = new HashSet<>();
        mongo.find(query, Document.class, ENVELOPES).forEach(d -> held.add(d.getString("natural_id")));
        return held;
    }

    /** The envelopes a run saw for one source and entity, in a stable order so a restarted reader can skip. */
    public Query seenBy(String runId, String source, String entity) {
        return Query.query(Criteria.where("run_ids").is(runId).and("source").is(source).and("entity").is(entity))
                .with(Sort.by("_id"));
    }

    /** As {@link #seenBy} without the envelopes the raw quality check quarantined in that run. */
    public Query acceptedBy(String runId, String source, String entity) {
        return Query.query(Criteria.where("run_ids").is(runId).and("source").is(source).and("entity").is(entity)
                .and("quarantined_runs").ne(runId)).with(Sort.by("_id"));
    }

    /**
     * As {@link #acceptedBy} without the envelopes that run {@code since} also saw: what changed since then,
     * including records that changed back to an earlier payload.
     */
    public Query acceptedSince(String runId, String since, String source, String entity) {
        return Query.query(new Criteria().andOperator(Criteria.where("run_ids").is(runId),
                        Criteria.where("run_ids").ne(since))
                .and("source").is(source).and("entity").is(entity)
                .and("quarantined_runs").ne(runId)).with(Sort.by("_id"));
    }

    /** Every envelope of a source's entity that no run quarantined: what a full refresh rebuilds from. */
    public Query everAccepted(String source, String entity) {
        return Query.query(Criteria.where("source").is(source).and("entity").is(entity)
                .and("quarantined_runs").exists(false)).with(Sort.by("_id"));
    }

    /** Puts a rejected envelope aside with the rule it broke; the envelope itself stays in the lake. */
    public void quarantine(List<QuarantinedRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        BulkOperations quarantine = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, QUARANTINE);
        BulkOperations marks = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ENVELOPES);
        for (QuarantinedRecord record : records) {
            Document doc = new Document("envelope_id", record.envelopeId())
                    .append("run_id", record.runId())
                    .append("source", record.source())
                    .append("entity", record.entity())
                    .append("natural_id", record.naturalId())
                    .append("rule", record.rule())
                    .append("reason", record.reason())
                    .append("quarantined_at", new Date());
            quarantine.upsert(Query.query(Criteria.where("_id").is(record.runId() + ":" + record.envelopeId())),
                    Update.fromDocument(new Document("$set", doc)));
            marks.updateOne(Query.query(Criteria.where("_id").is(record.envelopeId())),
                    new Update().addToSet("quarantined_runs", record.runId()));
        }
        quarantine.execute();
        marks.execute();
    }

    public long quarantinedCount(String runId, String source) {
        return mongo.count(Query.query(Criteria.where("run_id").is(runId).and("source").is(source)), QUARANTINE);
    }

    public long quarantinedCount(String runId) {
        return mongo.count(Query.query(Criteria.where("run_id").is(runId)), QUARANTINE);
    }
}
