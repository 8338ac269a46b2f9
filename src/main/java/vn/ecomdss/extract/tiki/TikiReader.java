package vn.ecomdss.extract.tiki;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.partner.PartnerApiException;
import vn.ecomdss.extract.partner.PartnerReader;
import vn.ecomdss.extract.partner.PartnerSession;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * Reads a Tiki seller's listings ({@code /integration/v2/products}, {@code /integration/v2/orders}, each order
 * with its lines as {@code items}) page by page. {@link vn.ecomdss.extract.PagedEntityReader} walks by offset; Tiki pages by number,
 * so the offset is sent as page {@code offset / limit + 1} and the answer's {@code paging} says when the last page
 * is reached. An incremental entity asks only for what changed since its watermark ({@code updated_from_date}).
 * Tiki writes times as Vietnam local time to the second ({@code 2026-10-01 09:00:00}); they are landed as ISO-8601
 * instants, the text as sent kept as {@code <field>_text}, so that watermarks and transforms read one format.
 *
 * <p>No {@code updated_to_date} is sent. An upper bound taken from this side's clock would leave out changes Tiki
 * stamps ahead of it, and records changed during the walk would drop out of the window, moving every later record
 * back a place: the first of the next page would slip onto a page already read and be skipped. Without it the
 * window only grows while it is walked, which can read a record twice (it lands once: an envelope is identified by
 * its payload) but skips none.
 */
final class TikiReader extends PartnerReader {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final DateTimeFormatter TIKI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<String> TIME_FIELDS = List.of("created_at", "updated_at");

    TikiReader(SourceDefinition source, PartnerSession session, SourceProgress progress,
               Map<String, String> watermarks) {
        super(source, session, progress, watermarks);
    }

    @Override
    protected Page fetch(EntityDefinition entity, int offset) {
        int limit = source.paging().pageSize();
        int page = offset / limit + 1;
        String apiPath = apiPath(entity);
        Map<String, String> params = fixedParams(entity);
        params.put(source.paging().offsetParam(), Integer.toString(page));
        params.put(source.paging().limitParam(), Integer.toString(limit));
        String watermark = watermark(entity);
        if (incrementalParam(entity) != null && watermark != null) {
            params.put(incrementalParam(entity), tikiTime(Instant.parse(watermark)));
        }
        JsonNode body = session.get(apiPath, params, progress).body();
        String itemsField = entity.itemsField() == null ? "data" : entity.itemsField();
        JsonNode items = body.path(itemsField);
        if (!items.isArray()) {
            throw new PartnerApiException(source.name() + ": " + apiPath + " page " + page + " answered no array "
                    + itemsField + " (entity " + entity.name() + ")");
        }
        List<JsonNode> records = new ArrayList<>();
        // A page shorter than the limit before the last leaves the offset inside a page: what was read is passed.
        for (int i = offset % limit; i < items.size(); i++) {
            records.add(normalised(items.get(i)));
        }
        JsonNode paging = body.path("paging");
        if (!paging.path("current_page").isNumber() || !paging.path("last_page").isNumber()) {
            throw new PartnerApiException(source.name() + ": " + apiPath + " page " + page + " answered no paging "
                    + "with current_page and last_page (entity " + entity.name() + "): " + paging);
        }
        return new Page(records, paging.path("current_page").asInt() >= paging.path("last_page").asInt());
    }

    private static JsonNode normalised(JsonNode item) {
        if (!(item instanceof ObjectNode object)) {
            return item;
        }
        for (String field : TIME_FIELDS) {
            JsonNode value = object.get(field);
            if (value == null || !value.isString()) {
                continue;
            }
            String text = value.asString().trim();
            String iso = iso(text);
            if (iso != null) {
                object.put(field + "_text", text);
                object.put(field, iso);
            }
        }
        return object;
    }

    /** A Tiki time as an ISO-8601 instant, or null when it is not written as Tiki writes times. */
    static String iso(String text) {
        try {
            return LocalDateTime.parse(text, TIKI_TIME).atZone(VIETNAM).toInstant().toString();
        } catch (DateTimeParseException notTiki) {
            return null;
        }
    }

    /** An instant as Tiki's filters take it: Vietnam local time, to the second. */
    static String tikiTime(Instant instant) {
        return TIKI_TIME.format(LocalDateTime.ofInstant(instant, VIETNAM));
    }
}
