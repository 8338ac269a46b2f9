package vn.ecomdss.extract.partner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import vn.ecomdss.extract.PagedEntityReader;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * A marketplace's listings read page by page, as {@link PagedEntityReader} walks them, through a
 * {@link PartnerSession}. An entity's path may fix parameters of its own ({@code /products/get?filter=all}), sent
 * with each page's. Change markers are instants, which platforms write with more than one offset or precision, so
 * they are stored as ISO-8601 instants and compared as instants.
 */
public abstract class PartnerReader extends PagedEntityReader {

    protected final PartnerSession session;

    protected PartnerReader(SourceDefinition source, PartnerSession session, SourceProgress progress,
                            Map<String, String> watermarks) {
        super(source, progress, watermarks);
        this.session = session;
    }

    @Override
    protected String marker(String text) {
        return Instant.parse(text).toString();
    }

    @Override
    protected int compareMarkers(String a, String b) {
        return Instant.parse(a).compareTo(Instant.parse(b));
    }

    /** The API path of the entity's listing: its path without the query string. */
    protected static String apiPath(EntityDefinition entity) {
        return entity.path().split("\\?", 2)[0];
    }

    /** The parameters the entity's path fixes in its query string, in their order, for a page to add its own to. */
    protected static Map<String, String> fixedParams(EntityDefinition entity) {
        String[] pathAndQuery = entity.path().split("\\?", 2);
        Map<String, String> params = new LinkedHashMap<>();
        if (pathAndQuery.length > 1) {
            for (String pair : pathAndQuery[1].split("&")) {
                String[] nameValue = pair.split("=", 2);
                params.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
            }
        }
        return params;
    }

    /**
     * The parameter that asks the platform only for what changed since a time, for an incremental entity whose
     * definition names one; null when the entity is read whole.
     */
    protected static String incrementalParam(EntityDefinition entity) {
        return entity.incremental() == null ? null : entity.incremental().param();
    }

    /**
     * The records the entity's listing answered under {@code answerName} (the part of the answer {@code answer}
     * is): the array at the entity's items field, or {@code answer} itself when it names none. An answer without
     * that field is an empty page; anything else under it fails, naming the call and the entity.
     */
    protected final List<JsonNode> listed(JsonNode answer, String answerName, EntityDefinition entity,
                                          String apiPath) {
        JsonNode items = entity.itemsField() == null ? answer : answer.path(entity.itemsField());
        if (!items.isArray() && !(items.isMissingNode() && answer.isObject())) {
            throw new PartnerApiException(source.name() + ": " + apiPath + " answered no array under " + answerName
                    + "." + entity.itemsField() + " (entity " + entity.name() + ")");
        }
        List<JsonNode> listed = new ArrayList<>();
        items.forEach(listed::add);
        return listed;
    }
}
