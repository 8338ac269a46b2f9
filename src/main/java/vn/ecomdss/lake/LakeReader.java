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
    private static final String ARCHIVED = "lake.archived";

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
    private final LakeArchive archive;
    /** How many of the current pair's archived envelopes were read, once its lake envelopes are all read. */
    private long archived;
    private Stream<Document> archiveStream;
    private Iterator<Document> archiveCursor;

    public LakeReader(DataLake lake, String runId, List<Listing> listings) {
        this(lake, runId, listings, false, null);
    }

    /**
     * @param everything read every envelope ever accepted for the listings, not only this run's (a full refresh):
     *                   the lake's, then those moved to {@code archive} (none when it is null)
     */
    public LakeReader(DataLake lake, String runId, List<Listing> listings, boolean everything, LakeArchive archive) {
        this.lake = lake;
        this.runId = runId;
        this.listings = List.copyOf(listings);
        this.everything = everything;
        this.archive = archive;
    }

    @Override
    public void open(ExecutionContext context) {
        pair = context.getInt(PAIR, 0);
        count = context.getLong(COUNT, 0);
        archived = context.getLong(ARCHIVED, 0);
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(PAIR, pair);
        context.putLong(COUNT, count);
        context.putLong(ARCHIVED, archived);
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
            Document doc = null;
            if (archiveCursor == null && cursor.hasNext()) {
                doc = cursor.next();
                count++;
            } else if (everything && archive != null) {
                if (archiveCursor == null) {
                    Listing listing = listings.get(pair);
                    archiveStream = archive.read(listing.source(), listing.entity());
                    archiveCursor = archiveStream.iterator();
                    for (long skipped = 0; skipped < archived && archiveCursor.hasNext(); skipped++) {
                        archiveCursor.next();
                    }
                }
                if (archiveCursor.hasNext()) {
                    doc = archiveCursor.next();
                    archived++;
                }
            }
            if (doc != null) {
                java.util.Date fetched = doc.getDate("fetched_at");
                return new LakeRecord(doc.getString("_id"), doc.getString("source"), doc.getString("entity"),
                        doc.getString("natural_id"), doc.get("payload", Document.class),
                        fetched == null ? null : fetched.toInstant());
            }
            closeCursor();
            pair++;
            count = 0;
            archived = 0;
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
        if (archiveStream != null) {
            archiveStream.close();
        }
        stream = null;
        cursor = null;
        archiveStream = null;
        archiveCursor = null;
    }
}
