package vn.ecomdss.monitor;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.springframework.stereotype.Component;

import vn.ecomdss.lake.DataLake;

/**
 * What landed in the raw lake per source and entity, each answered by one aggregation over the envelopes: when a
 * run last stored or saw a record ({@code last_fetched_at}), and how many records first landed between two
 * moments ({@code fetched_at}).
 */
@Component
class LakeLandings {

    private final DataLake lake;

    LakeLandings(DataLake lake) {
        this.lake = lake;
    }

    /** {@code source/entity} to the newest {@code last_fetched_at} of its envelopes. */
    Map<String, Instant> newest() {
        Map<String, Instant> newest = new TreeMap<>();
        for (Document group : aggregate(List.of(new Document("$group", new Document("_id", sourceAndEntity())
                .append("newest", new Document("$max", "$last_fetched_at")))))) {
            Object value = group.get("newest");
            if (value instanceof Date date) {
                newest.put(subject(group), date.toInstant());
            }
        }
        return newest;
    }

    /** {@code source/entity} to how many of its envelopes first landed at or after {@code from} and before {@code to}. */
    Map<String, Long> landed(Instant from, Instant to) {
        Map<String, Long> counts = new TreeMap<>();
        Document window = new Document("fetched_at", new Document("$gte", Date.from(from)).append("$lt", Date.from(to)));
        for (Document group : aggregate(List.of(new Document("$match", window),
                new Document("$group", new Document("_id", sourceAndEntity())
                        .append("records", new Document("$sum", 1)))))) {
            counts.put(subject(group), ((Number) group.get("records")).longValue());
        }
        return counts;
    }

    private Iterable<Document> aggregate(List<Document> pipeline) {
        return lake.template().getCollection(DataLake.ENVELOPES).aggregate(pipeline);
    }

    private static Document sourceAndEntity() {
        return new Document("source", "$source").append("entity", "$entity");
    }

    private static String subject(Document group) {
        Document id = group.get("_id", Document.class);
        return id.getString("source") + "/" + id.getString("entity");
    }
}
