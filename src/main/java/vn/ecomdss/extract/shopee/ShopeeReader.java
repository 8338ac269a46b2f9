package vn.ecomdss.extract.shopee;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.partner.PartnerApiException;
import vn.ecomdss.extract.partner.PartnerReader;
import vn.ecomdss.extract.partner.PartnerSession;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * Reads a Shopee shop's listings, each completed by its detail call, asking only for what changed since the
 * entity's watermark (by update time) up to the moment the step started:
 * <ul>
 * <li>{@code get_item_list} by {@code offset}, each page's items from {@code get_item_base_info}, each item with its
 * {@code comments} ({@link ShopeeComments}); an incremental read also lands, after the listing, the items that did
 * not change but have a comment written since the watermark;</li>
 * <li>{@code get_order_list} in windows of at most 15 days (Shopee's limit), each window paged by
 * {@code cursor}, each page's orders with their lines from {@code get_order_detail};</li>
 * <li>{@code get_return_list} by {@code page_no}.</li>
 * </ul>
 * A detail call takes at most 50 ids. Ids it leaves out (Shopee names them in the answer's {@code warning}) are
 * asked for once more in a call of their own; one still missing lands as the listing gave it, without its details
 * and with {@code detail_missing} saying why, so that the raw quality check quarantines it with the reason, and
 * the entity's watermark is held before it so that the next run asks for it again. Shopee's epoch-second times are
 * landed as ISO-8601, the number as sent beside them as {@code <field>_epoch}.
 *
 * <p>A first read (no watermark) of the orders asks for the last {@link #FIRST_READ}: Shopee has no listing of
 * every order, only of 15-day windows, and each window costs a call of the hourly quota. Items and returns are
 * listed whole.
 */
final class ShopeeReader extends PartnerReader {

    static final String ITEM_LIST = "/api/v2/product/get_item_list";
    static final String ITEM_BASE_INFO = "/api/v2/product/get_item_base_info";
    static final String ORDER_LIST = "/api/v2/order/get_order_list";
    static final String ORDER_DETAIL = "/api/v2/order/get_order_detail";
    static final String RETURN_LIST = "/api/v2/returns/get_return_list";
    static final Duration ORDER_WINDOW = Duration.ofDays(15);
    static final Duration FIRST_READ = Duration.ofDays(30);
    static final int IDS_PER_CALL = 50;
    /** What an order's detail is asked to include besides its header: the buyer, the address, lines and amounts. */
    static final String ORDER_FIELDS = "buyer_user_id,buyer_username,recipient_address,item_list,total_amount,"
            + "estimated_shipping_fee,payment_method,pay_time";

    private static final Logger log = LoggerFactory.getLogger(ShopeeReader.class);
    private static final List<String> TIME_FIELDS = List.of("create_time", "update_time", "pay_time", "ship_by_date");
    private static final String UNTIL = "reader.shopee.until";
    private static final String HOLD = "reader.shopee.hold.";

    private final Clock clock;
    /** Entity name to the watermark it must not pass: just before a record that landed without its details. */
    private final Map<String, String> holds = new HashMap<>();
    /** The upper bound of every time filter of the step (epoch seconds), kept so a restart asks the same. */
    private long until;
    private OrderWalk walk;
    private ShopeeComments comments;

    /** Where the order listing is: its windows, the window and cursor of the next page, and that page's offset. */
    private static final class OrderWalk {
        private final List<long[]> windows;
        private int window;
        private String cursor = "";
        private int offset;

        OrderWalk(List<long[]> windows) {
            this.windows = windows;
        }

        boolean done() {
            return window >= windows.size();
        }
    }

    /** A detail call's answers by id, and for each id still missing after the second ask, why. */
    private record Details(Map<String, JsonNode> found, Map<String, String> missing) {
    }

    ShopeeReader(SourceDefinition source, PartnerSession session, SourceProgress progress,
                 Map<String, String> watermarks, Clock clock) {
        super(source, session, progress, watermarks);
        this.clock = clock;
    }

    @Override
    public void open(ExecutionContext context) {
        super.open(context);
        until = context.containsKey(UNTIL) ? context.getLong(UNTIL) : clock.instant().getEpochSecond();
        holds.clear();
        for (EntityDefinition entity : source.entities().values()) {
            if (context.containsKey(HOLD + entity.name())) {
                holds.put(entity.name(), context.getString(HOLD + entity.name()));
            }
        }
        walk = null;
        comments = new ShopeeComments(source.name(), session, progress);
    }

    @Override
    public void update(ExecutionContext context) {
        super.update(context);
        context.putLong(UNTIL, until);
        holds.forEach((entity, hold) -> context.putString(HOLD + entity, hold));
    }

    /** The highest change markers, held back before any record that landed without its details. */
    @Override
    public Map<String, String> newWatermarks() {
        Map<String, String> marks = new HashMap<>(super.newWatermarks());
        holds.forEach((entity, hold) -> marks.merge(entity, hold, (mark, held) -> compareMarkers(mark, held) <= 0 ? mark : held));
        return Map.copyOf(marks);
    }

    @Override
    protected Page fetch(EntityDefinition entity, int offset) {
        Map<String, String> params = fixedParams(entity);
        return switch (apiPath(entity)) {
            case ITEM_LIST -> items(entity, offset, params);
            case ORDER_LIST -> orders(entity, offset, params);
            case RETURN_LIST -> returns(entity, offset, params);
            default -> throw new PartnerApiException(source.name() + ": entity " + entity.name() + " lists "
                    + apiPath(entity) + ", which the shopee reader does not read (known: "
                    + List.of(ITEM_LIST, ORDER_LIST, RETURN_LIST) + ")");
        };
    }

    private Page items(EntityDefinition entity, int offset, Map<String, String> params) {
        params.put("offset", Integer.toString(offset));
        params.put("page_size", Integer.toString(source.paging().pageSize()));
        Long since = since(entity);
        if (since != null) {
            params.put("update_time_from", Long.toString(since));
            params.put("update_time_to", Long.toString(until));
        }
        JsonNode response = session.get(ITEM_LIST, params, progress).body().path("response");
        List<JsonNode> listed = listed(response, "response", entity, ITEM_LIST);
        Details details = details(ITEM_BASE_INFO, "item_id_list", "item_list", "item_id",
                listed.stream().map(item -> item.path("item_id").asString()).toList(), Map.of());
        List<JsonNode> page = new ArrayList<>();
        for (JsonNode item : listed) {
            String id = item.path("item_id").asString();
            JsonNode detail = details.found().get(id);
            if (detail != null) {
                page.add(normalised(detail));
            } else {
                JsonNode incomplete = incomplete(item, details.missing().get(id));
                // The listing gives the item's update time; without it, the item changed since the watermark.
                JsonNode changed = incomplete.path("update_time");
                Instant changedAt = changed.isString() ? Instant.parse(changed.asString())
                        : Instant.ofEpochSecond(since == null ? 0 : since);
                hold(entity, changedAt.minusSeconds(1));
                page.add(incomplete);
            }
        }
        boolean last = !response.path("has_next_page").asBoolean(false);
        if (last && since != null) {
            page.addAll(commentedUnchanged(since));
        }
        comments.attach(page, until);
        return new Page(page, last);
    }

    /**
     * The items with a comment written since the watermark that the listing by update time left out (a comment
     * does not change its item), so that the comment lands; their {@code change_time} is the comment's.
     */
    private List<JsonNode> commentedUnchanged(long since) {
        List<String> ids = comments.commentedSince(since, until).stream().sorted().toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Details details = details(ITEM_BASE_INFO, "item_id_list", "item_list", "item_id", ids, Map.of());
        List<JsonNode> unchanged = new ArrayList<>();
        for (String id : ids) {
            JsonNode detail = details.found().get(id);
            long updated = detail == null ? 0 : detail.path("update_time").asLong(0);
            if (detail != null && (updated < since || updated > until)) {
                unchanged.add(normalised(detail));
            }
        }
        return unchanged;
    }

    /**
     * The page of the order listing that starts at {@code offset}, skipping empty windows. A restarted step asks
     * for an offset this walk has not reached: the listing is walked again from its first window, without the
     * detail calls, to the page that offset falls in.
     */
    private Page orders(EntityDefinition entity, int offset, Map<String, String> params) {
        if (walk == null || walk.offset != offset) {
            walk = new OrderWalk(windows(entity));
        }
        while (!walk.done()) {
            long[] window = walk.windows.get(walk.window);
            Map<String, String> query = new LinkedHashMap<>(params);
            query.put("time_range_field", "update_time");
            query.put("time_from", Long.toString(window[0]));
            query.put("time_to", Long.toString(window[1]));
            query.put("page_size", Integer.toString(source.paging().pageSize()));
            if (!walk.cursor.isEmpty()) {
                query.put("cursor", walk.cursor);
            }
            query.putIfAbsent("response_optional_fields", "order_status");
            JsonNode response = session.get(ORDER_LIST, query, progress).body().path("response");
            List<JsonNode> listed = listed(response, "response", entity, ORDER_LIST);
            String next = response.path("next_cursor").asString("");
            int start = walk.offset;
            walk.offset += listed.size();
            if (response.path("more").asBoolean(false)) {
                if (next.isEmpty() || next.equals(walk.cursor)) {
                    throw new PartnerApiException(source.name() + ": " + ORDER_LIST + " says more orders follow "
                            + "but gives no new next_cursor (window " + window[0] + "-" + window[1] + ")");
                }
                walk.cursor = next;
            } else {
                walk.window++;
                walk.cursor = "";
            }
            int skip = offset - start;
            if (skip >= listed.size()) {
                continue;
            }
            List<JsonNode> wanted = listed.subList(skip, listed.size());
            Details details = details(ORDER_DETAIL, "order_sn_list", "order_list", "order_sn",
                    wanted.stream().map(order -> order.path("order_sn").asString()).toList(),
                    Map.of("response_optional_fields", ORDER_FIELDS));
            List<JsonNode> page = new ArrayList<>();
            for (JsonNode order : wanted) {
                String sn = order.path("order_sn").asString();
                JsonNode detail = details.found().get(sn);
                if (detail != null) {
                    page.add(normalised(detail));
                } else {
                    // The listing gives no update time: the order changed somewhere in this window.
                    hold(entity, Instant.ofEpochSecond(window[0] - 1));
                    page.add(incomplete(order, details.missing().get(sn)));
                }
            }
            return new Page(page, walk.done());
        }
        return new Page(List.of(), true);
    }

    private Page returns(EntityDefinition entity, int offset, Map<String, String> params) {
        int pageSize = source.paging().pageSize();
        params.put("page_no", Integer.toString(offset / pageSize));
        params.put("page_size", Integer.toString(pageSize));
        Long since = since(entity);
        if (since != null) {
            params.put("update_time_from", Long.toString(since));
            params.put("update_time_to", Long.toString(until));
        }
        JsonNode response = session.get(RETURN_LIST, params, progress).body().path("response");
        List<JsonNode> listed = listed(response, "response", entity, RETURN_LIST);
        List<JsonNode> page = new ArrayList<>();
        listed.subList(Math.min(offset % pageSize, listed.size()), listed.size()).forEach(r -> page.add(normalised(r)));
        return new Page(page, !response.path("more").asBoolean(false));
    }

    /** The order listing's windows: from the watermark (or {@link #FIRST_READ} ago) to {@code until}, 15 days each. */
    private List<long[]> windows(EntityDefinition entity) {
        Long since = since(entity);
        long from = since != null ? since : until - FIRST_READ.toSeconds();
        List<long[]> windows = new ArrayList<>();
        for (long start = from; start <= until; start += ORDER_WINDOW.toSeconds() + 1) {
            windows.add(new long[] {start, Math.min(start + ORDER_WINDOW.toSeconds(), until)});
        }
        return windows;
    }

    /** The watermark in epoch seconds, for an incremental entity that has one; null reads the whole listing. */
    private Long since(EntityDefinition entity) {
        String watermark = entity.incremental() == null ? null : watermark(entity);
        return watermark == null ? null : Instant.parse(watermark).getEpochSecond();
    }

    /**
     * Asks for the details of {@code ids}, at most 50 a call; the ids an answer leaves out are asked for once
     * more, together, and those still missing are returned with Shopee's warning.
     */
    private Details details(String apiPath, String idParam, String listField, String idField, List<String> ids,
                            Map<String, String> extra) {
        Map<String, JsonNode> found = new HashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_CALL) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + IDS_PER_CALL));
            String warning = ask(apiPath, idParam, listField, idField, batch, extra, found);
            List<String> left = batch.stream().filter(id -> !found.containsKey(id)).toList();
            if (left.isEmpty()) {
                continue;
            }
            log.warn("{}: {} left out {} (warning: {}); asking for them once more", source.name(), apiPath, left,
                    warning);
            progress.retry();
            String again = ask(apiPath, idParam, listField, idField, left, extra, found);
            for (String id : left) {
                if (!found.containsKey(id)) {
                    String reason = apiPath + " left " + id + " out twice (warning: " + (again.isEmpty() ? warning : again)
                            + ")";
                    log.warn("{}: {}; it lands without its details, to be quarantined by the raw quality check, "
                            + "and the next run asks for it again", source.name(), reason);
                    missing.put(id, reason);
                }
            }
        }
        return new Details(found, missing);
    }

    /** One detail call; what it answers is added to {@code found}, and its warning returned. */
    private String ask(String apiPath, String idParam, String listField, String idField, List<String> ids,
                       Map<String, String> extra, Map<String, JsonNode> found) {
        Map<String, String> params = new LinkedHashMap<>(extra);
        params.put(idParam, String.join(",", ids));
        JsonNode body = session.get(apiPath, params, progress).body();
        body.path("response").path(listField).forEach(detail -> found.put(detail.path(idField).asString(), detail));
        return body.path("warning").asString("");
    }

    private void hold(EntityDefinition entity, Instant before) {
        holds.merge(entity.name(), before.toString(), (a, b) -> compareMarkers(a, b) <= 0 ? a : b);
    }

    /** The listing's entry of a record whose details did not come, saying why. */
    private static JsonNode incomplete(JsonNode listed, String reason) {
        ObjectNode record = (ObjectNode) normalised(listed.deepCopy());
        record.put("detail_missing", reason);
        return record;
    }

    static JsonNode normalised(JsonNode record) {
        if (!(record instanceof ObjectNode object)) {
            return record;
        }
        for (String field : TIME_FIELDS) {
            JsonNode value = object.get(field);
            if (value != null && value.isIntegralNumber() && value.asLong() > 0) {
                object.put(field + "_epoch", value.asLong());
                object.put(field, Instant.ofEpochSecond(value.asLong()).toString());
            }
        }
        return object;
    }
}
