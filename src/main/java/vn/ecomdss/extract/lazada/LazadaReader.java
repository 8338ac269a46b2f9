package vn.ecomdss.extract.lazada;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.partner.PartnerApiException;
import vn.ecomdss.extract.partner.PartnerReader;
import vn.ecomdss.extract.partner.PartnerSession;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * Reads a Lazada seller's listings ({@code /products/get}, {@code /orders/get}) page by page with {@code offset} and
 * {@code limit}, asking only for what changed since the watermark ({@code update_after}); an order listing's page
 * is completed with its lines from {@code /orders/items/get} (GetMultipleOrderItems). Lazada writes times as
 * {@code 2018-02-01 18:28:17 +0800} and products' as epoch milliseconds: they are rewritten as ISO-8601 (the text as
 * sent is kept as {@code <field>_text}) so that watermarks and transforms read one format. The position and the
 * highest change marker are saved with each chunk by {@link vn.ecomdss.extract.PagedEntityReader}.
 */
final class LazadaReader extends PartnerReader {

    private static final Logger log = LoggerFactory.getLogger(LazadaReader.class);
    /** Before any Lazada shop: a full read asks for everything updated after it, as GetOrders needs a time bound. */
    static final String EARLIEST = "2012-01-01T00:00:00Z";
    /** GetOrders pages no further than offset 5000 ("Get Order - Lazada", open.alitrip.com articleId=121327). */
    private static final int MAX_OFFSET = 5000;
    private static final List<String> TIME_FIELDS = List.of("created_at", "updated_at", "created_time", "updated_time");
    private static final DateTimeFormatter LAZADA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx");

    LazadaReader(SourceDefinition source, PartnerSession session, SourceProgress progress,
                 Map<String, String> watermarks) {
        super(source, session, progress, watermarks);
    }

    @Override
    protected Page fetch(EntityDefinition entity, int offset) {
        if (offset >= MAX_OFFSET) {
            throw new PartnerApiException(source.name() + ": more than " + MAX_OFFSET + " " + entity.name()
                    + " changed since " + since(entity) + ", past the deepest page Lazada serves; run the "
                    + "incremental job more often, or backfill in shorter windows");
        }
        String apiPath = apiPath(entity);
        Map<String, String> params = fixedParams(entity);
        params.put(source.paging().offsetParam(), Integer.toString(offset));
        params.put(source.paging().limitParam(), Integer.toString(source.paging().pageSize()));
        if (incrementalParam(entity) != null) {
            params.put(incrementalParam(entity), since(entity));
        }
        JsonNode data = session.get(apiPath, params, progress).body().path("data");
        List<JsonNode> page = new ArrayList<>();
        listed(data, "data", entity, apiPath).forEach(item -> page.add(normalised(item)));
        if ("order".equals(entity.target()) && !page.isEmpty()) {
            attachLines(entity, page);
        }
        return new Page(page, page.size() < source.paging().pageSize());
    }

    private String since(EntityDefinition entity) {
        String watermark = watermark(entity);
        return OffsetDateTime.ofInstant(Instant.parse(watermark == null ? EARLIEST : watermark), ZoneOffset.UTC)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /**
     * Gives each order of the page its lines. Lazada lists one order item per unit sold, so each line is one unit.
     * An order the items call leaves out lands without lines: the raw quality check quarantines it, with the reason.
     */
    private void attachLines(EntityDefinition entity, List<JsonNode> page) {
        String linesField = entity.lines().pointer().substring(1);
        List<String> ids = page.stream().map(order -> order.at(entity.idPointer()).asString()).toList();
        JsonNode data = session.get("/orders/items/get", Map.of("order_ids", "[" + String.join(",", ids) + "]"),
                progress).body().path("data");
        Map<String, JsonNode> linesByOrder = new HashMap<>();
        data.forEach(order -> linesByOrder.put(order.path("order_id").asString(), order.path("order_items")));
        for (JsonNode order : page) {
            JsonNode lines = linesByOrder.get(order.at(entity.idPointer()).asString());
            if (lines == null || !lines.isArray()) {
                log.warn("{}: /orders/items/get returned no items for order {}; it lands without lines and is "
                        + "quarantined by the raw quality check", source.name(), order.at(entity.idPointer()).asString());
                continue;
            }
            lines.forEach(line -> {
                if (line instanceof ObjectNode object && !object.has("quantity")) {
                    object.put("quantity", 1);
                }
            });
            ((ObjectNode) order).set(linesField, lines);
        }
    }

    private static JsonNode normalised(JsonNode item) {
        if (!(item instanceof ObjectNode object)) {
            return item;
        }
        for (String field : TIME_FIELDS) {
            JsonNode value = object.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            String text = value.asString().trim();
            String iso = iso(text);
            if (iso != null && !iso.equals(text)) {
                object.put(field + "_text", text);
                object.put(field, iso);
            }
        }
        return object;
    }

    /** A Lazada time as an ISO-8601 instant, or null when it is neither of Lazada's formats nor ISO already. */
    static String iso(String text) {
        if (text.matches("\\d{12,14}")) {
            return Instant.ofEpochMilli(Long.parseLong(text)).toString();
        }
        try {
            return OffsetDateTime.parse(text, LAZADA_TIME).toInstant().toString();
        } catch (DateTimeParseException notLazada) {
            try {
                return OffsetDateTime.parse(text).toInstant().toString();
            } catch (DateTimeParseException notIso) {
                return null;
            }
        }
    }
}
