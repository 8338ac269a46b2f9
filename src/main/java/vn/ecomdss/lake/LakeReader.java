package vn.ecomdss.lake;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.bson.Document;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Reads the envelopes a run accepted for several (source, entity) pairs, one after the other, in {@code _id}
 * order. Its position (pair and count within the pair) is saved with each chunk; a restart skips what was read.
 */
public final class LakeReader implements ItemStreamReader<LakeRecord> {

    private static final String PAIR = "lake.pair";
    private static final String COUNT = "lake.count";

    /** One listing to read: a source's entity, and for an incremental read the run it continues from. */
    public record Listing(String source, String entity, String since) {

        public Listing(String source, String entity) {
            this(source, entity, null);
        }
    }

    private final DataLake lake;
    private final String runId;
    private final List<Listing> listings;

    private int pair;
    private long count;
    private Stream<Document> stream;
    private Iterator<Document> cursor;

    private final boolean everything;

    public LakeReader(DataLake lake, String runId, List<Listing> listings) {
        this(lake, runId, listings, false);
    }

    /** @param everything read every envelope ever accepted for the listings, not only this run's (a full refresh) */
    public LakeReader(DataLake lake, String runId, List<Listing> listings, boolean everything) {
        this.lake = lake;
        this.runId = runId;
        this.listings = List.copyOf(listings);
        this.everything = everything;
    }

    @Override
    public void open(ExecutionContext context) {
        pair = context.getInt(PAIR, 0);
        count = context.getLong(COUNT, 0);
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(PAIR, pair);
        context.putLong(COUNT, count);
    }

    @Override
    public LakeRecord read() {
        while (pair < listings.size()) {
            if (cursor == null) {
                Listing listing = listings.get(pair);
                Query query = (everything ? lake.everAccepted(listing.source(), listing.entity())
                        : listing.since() != null ? lake.acceptedSince(runId, listing.since(), listing.source(), listing.entity())
                        : lake.acceptedBy(runId, listing.source(), listing.entity())).skip(count);
                stream = lake.template().stream(query, Document.class, DataLake.ENVELOPES);
                cursor = stream.iterator();
            }
            if (cursor.hasNext()) {
                Document doc = cursor.next();
                count++;
                java.util.Date fetched = doc.getDate("fetched_at");
                return new LakeRecord(doc.getString("_id"), doc.getString("source"), doc.getString("entity"),
                        doc.getString("natural_id"), doc.get("payload", Document.class),
                        fetched == null ? null : fetched.toInstant());
            }
            closeCursor();
            pair++;
            count = 0;
        }
        return null;
    }

    @Override
    public void close() {
        closeCursor();
    }

    private void closeCursor() {
        if (stream != null) {
            stream.close();
        }
        stream = null;
        cursor = null;
    }
}
