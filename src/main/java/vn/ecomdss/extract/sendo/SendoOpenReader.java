package vn.ecomdss.extract.sendo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import vn.ecomdss.vn.DateWindow;
import vn.ecomdss.vn.PhoneNumber;
import vn.ecomdss.vn.VietnamesePhone;

/**
 * Walks a Sendo shop's product and sales-order searches page by page: each page's {@code next_token} is the
 * cursor to the next ({@link vn.ecomdss.extract.PagedEntityReader} restarts a walk whose tokens expired). Products are asked for by
 * update date from the watermark's day ({@code date_from}/{@code date_to}), all of them on a full refresh. Orders
 * are always asked for by status date: Sendo searches {@code order_status_date} only within three days and, given
 * no date at all, only the last seven days of order dates, so the walk goes from the watermark's day (on a full
 * refresh, the earliest date configured) to today in windows of three days, each a search of its own. Filters are
 * days in Vietnam, so records of the watermark's day not after it are passed over as unchanged.
 *
 * <p>Sendo writes times as epoch seconds ({@code updated_at_timestamp}, {@code order_status_date_time_stamp}); each
 * is landed with its ISO-8601 form beside it ({@code updated_at_iso}, {@code order_status_date_iso}), the marker and
 * the dates the transforms read. An order names no buyer id, so its buyer's phone, in E.164 when it is a valid
 * Vietnamese number and as written otherwise, is landed as {@code sales_order.buyer_key}, the order's customer.
 */
final class SendoOpenReader extends PartnerReader {

    static final String ORDER_SEARCH = "/api/partner/salesorder/search";
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** order_status_date_from and _to may be at most this many days apart, both included. */
    static final int STATUS_DATE_DAYS = 3;
    private static final DateTimeFormatter SENDO_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    /** A window's first page is asked for with an empty token: "<window start>|". */
    private static final String CURSOR_SEPARATOR = "|";

    private final LocalDate earliest;
    private final Clock clock;

    /**
     * @param earliest where a full refresh's order walk starts: orders whose status last changed before it are not
     *                 read
     */
    SendoOpenReader(SourceDefinition source, PartnerSession session, LocalDate earliest, Clock clock,
                    SourceProgress progress, Map<String, String> watermarks) {
        super(source, session, progress, watermarks);
        this.earliest = earliest;
        this.clock = clock;
    }

    /** The first page of a walk; Sendo is asked for the others by page token, through {@link #follow}. */
    @Override
    protected Page fetch(EntityDefinition entity, int offset) {
        if (isOrders(entity)) {
            return orders(entity, firstWindow(entity).from(), "");
        }
        return products(entity, "");
    }

    @Override
    protected Page follow(EntityDefinition entity, String cursor) {
        if (!isOrders(entity)) {
            return products(entity, cursor);
        }
        int separator = cursor.indexOf(CURSOR_SEPARATOR);
        return orders(entity, LocalDate.parse(cursor.substring(0, separator)), cursor.substring(separator + 1));
    }

    private Page products(EntityDefinition entity, String token) {
        Map<String, Object> criteria = criteria(token);
        String watermark = watermark(entity);
        if (watermark != null) {
            criteria.put("date_from", day(watermarkDay(watermark)));
            criteria.put("date_to", day(today()));
        }
        JsonNode result = search(entity, criteria);
        String next = nextToken(result);
        return new Page(items(entity, result), next == null, next);
    }

    /** One page of the status-date window starting {@code from}; its last page leads to the next window's first. */
    private Page orders(EntityDefinition entity, LocalDate from, String token) {
        DateWindow window = window(from);
        Map<String, Object> criteria = criteria(token);
        criteria.put("order_status_date_from", day(window.from()));
        criteria.put("order_status_date_to", day(window.to()));
        JsonNode result = search(entity, criteria);
        List<JsonNode> items = items(entity, result);
        String next = nextToken(result);
        if (next != null) {
            return new Page(items, false, window.from() + CURSOR_SEPARATOR + next);
        }
        if (window.to().isBefore(today())) {
            return new Page(items, false, window.to().plusDays(1) + CURSOR_SEPARATOR);
        }
        return new Page(items, true, null);
    }

    /** The first window of the order walk: from the watermark's day, or the earliest date on a full refresh. */
    private DateWindow firstWindow(EntityDefinition entity) {
        String watermark = watermark(entity);
        return window(watermark == null ? earliest : watermarkDay(watermark));
    }

    /** Three days from {@code from}, or fewer when today comes first; today alone if {@code from} is later. */
    private DateWindow window(LocalDate from) {
        LocalDate today = today();
        LocalDate start = from.isAfter(today) ? today : from;
        LocalDate end = start.plusDays(STATUS_DATE_DAYS - 1);
        return new DateWindow(start, end.isAfter(today) ? today : end);
    }

    private Map<String, Object> criteria(String token) {
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("page_size", source.paging().pageSize());
        // A page token wins over every other field; the others are sent anyway, as the search they continue.
        criteria.put("token", token);
        return criteria;
    }

    private JsonNode search(EntityDefinition entity, Map<String, Object> criteria) {
        JsonNode result = session.get(entity.path(), criteria, progress).body().path("result");
        if (!result.path("data").isArray()) {
            throw new PartnerApiException(source.name() + ": " + entity.path() + " answered no array under "
                    + "result.data (entity " + entity.name() + ")");
        }
        return result;
    }

    private static String nextToken(JsonNode result) {
        String next = result.path("next_token").asString("");
        return next.isBlank() ? null : next;
    }

    private List<JsonNode> items(EntityDefinition entity, JsonNode result) {
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode item : result.path("data")) {
            if (item instanceof ObjectNode object) {
                withIsoTimes(object);
                if (isOrders(entity) && object.get("sales_order") instanceof ObjectNode order) {
                    withIsoTimes(order);
                    withBuyerKey(order);
                }
            }
            items.add(item);
        }
        return items;
    }

    /** Beside each epoch time {@code <name>_timestamp} or {@code <name>_time_stamp}: {@code <name>_iso}. */
    private static void withIsoTimes(ObjectNode object) {
        Map<String, String> iso = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = field.getKey();
            String base = name.endsWith("_time_stamp") ? name.substring(0, name.length() - "_time_stamp".length())
                    : name.endsWith("_timestamp") ? name.substring(0, name.length() - "_timestamp".length()) : null;
            if (base != null && field.getValue().isIntegralNumber()) {
                iso.put(base + "_iso", epoch(field.getValue().asLong()).toString());
            }
        }
        iso.forEach(object::put);
    }

    /** Epoch seconds as Sendo writes them; thirteen digits and more are read as milliseconds. */
    private static Instant epoch(long value) {
        return value >= 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
    }

    private static void withBuyerKey(ObjectNode order) {
        JsonNode phone = order.get("buyer_phone");
        if (phone == null || phone.isNull() || phone.asString().isBlank()) {
            // No key: the raw quality check quarantines the order for its missing customer.
            return;
        }
        PhoneNumber number = VietnamesePhone.normalize(phone.asString());
        order.put("buyer_key", number.valid() ? number.e164() : phone.asString().trim());
    }

    private static boolean isOrders(EntityDefinition entity) {
        return entity.path().equals(ORDER_SEARCH);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(VIETNAM));
    }

    private static LocalDate watermarkDay(String watermark) {
        return LocalDate.ofInstant(Instant.parse(watermark), VIETNAM);
    }

    private static String day(LocalDate date) {
        return date.format(SENDO_DATE);
    }
}
