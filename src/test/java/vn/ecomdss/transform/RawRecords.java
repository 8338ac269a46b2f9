package vn.ecomdss.transform;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;

import vn.ecomdss.lake.LakeRecord;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.RunParameters;

/** Raw records, entity mappings and runs as the transformers receive them, built without a lake or a definition file. */
final class RawRecords {

    static final Instant FETCHED = Instant.parse("2026-03-01T02:30:00Z");
    static final RunParameters RUN = new RunParameters("run-7", LocalDate.parse("2026-03-02"), Set.of(), false);
    static final RunParameters FULL_REFRESH = new RunParameters("run-8", LocalDate.parse("2026-03-02"), Set.of(), true);

    private RawRecords() {
    }

    static LakeRecord record(String entity, String id, String json) {
        return new LakeRecord("env-" + id, "shop", entity, id, Document.parse(json), FETCHED);
    }

    static LakeRecord unfetched(String entity, String id, String json) {
        return new LakeRecord("env-" + id, "shop", entity, id, Document.parse(json));
    }

    /** Each field read from the pointer {@code /field}, the simplest mapping a source can declare. */
    static Map<String, List<String>> sameNames(String... fields) {
        Map<String, List<String>> mapping = new LinkedHashMap<>();
        for (String field : fields) {
            mapping.put(field, List.of("/" + field));
        }
        return mapping;
    }

    static EntityDefinition entity(String name, String target, Map<String, List<String>> fields) {
        return new EntityDefinition(name, "/" + name, null, "/id", target, Map.of(), fields, null, null, false, false,
                null, null, target.equals("activity") ? "shop" : null);
    }

    static EntityDefinition order(Map<String, List<String>> fields, String linesPointer,
                                  Map<String, List<String>> lineFields) {
        return new EntityDefinition("orders", "/orders", null, "/id", "order", Map.of(), fields,
                new EntityDefinition.Lines(linesPointer, lineFields), null, false, false, null, null, null);
    }

    static EntityDefinition reviewed(String reviewsPointer, Map<String, List<String>> reviewFields) {
        return new EntityDefinition("products", "/products", null, "/id", "product", Map.of(), sameNames("title"),
                null, new EntityDefinition.Lines(reviewsPointer, reviewFields), false, false, null, null, null);
    }

    static String where(String entity, String id) {
        return "source shop, entity " + entity + ", id " + id + " (envelope env-" + id + ")";
    }
}
