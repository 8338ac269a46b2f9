package vn.ecomdss.stream;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

import vn.ecomdss.vn.PaymentMethod;
import vn.ecomdss.vn.Province;
import vn.ecomdss.vn.ProvinceDirectory;

/**
 * How each kind of topic's messages become {@link RealtimeEvent}s, with the batch transform's Vietnamese rules: a
 * province in any spelling resolved to its code and region (or UNKNOWN, never a closest guess), a payment label to
 * its canonical method (kept as written when unknown), platforms in lower case, whole VND. A step's {@code topics:}
 * names each topic's kind. A message missing what its kind needs is a {@link Rejected} naming the field.
 */
final class EventMappers {

    static final String UNKNOWN_REGION = "UNKNOWN";

    /** A message its kind cannot take; the reason goes to the quarantine. */
    static final class Rejected extends RuntimeException {

        Rejected(String message) {
            super(message);
        }
    }

    private static final ProvinceDirectory PROVINCES = ProvinceDirectory.standard();
    private static final Map<String, Function<JsonNode, List<RealtimeEvent>>> KINDS = Map.of(
            "sales-event", EventMappers::salesEvent,
            "cdc-order", EventMappers::cdcOrder,
            "order-event", EventMappers::orderEvent,
            "cdc-payment", EventMappers::cdcPayment,
            "price-change", EventMappers::priceChange,
            "cdc-product", EventMappers::cdcProduct,
            "inventory-event", EventMappers::inventoryEvent);

    private EventMappers() {
    }

    static List<String> kinds() {
        return KINDS.keySet().stream().sorted().toList();
    }

    static List<RealtimeEvent> map(String kind, JsonNode message) {
        return KINDS.get(kind).apply(message);
    }

    /** sales_events: one order line per message. */
    private static List<RealtimeEvent> salesEvent(JsonNode m) {
        Instant at = instant(m, "occurred_at");
        Optional<Province> province = province(text(m, "province"));
        return List.of(new RealtimeEvent.SaleLine(required(m, "event_id"), at, required(m, "source"),
                required(m, "order_id"), (int) whole(m, "line_number"), at, text(m, "customer_id"),
                required(m, "product_id"), required(m, "platform").toLowerCase(Locale.ROOT),
                province.map(Province::code).orElse(null), region(province), payment(text(m, "payment_method")),
                "placed", (int) whole(m, "quantity"), vnd(m, "unit_price_vnd"), optionalVnd(m, "discount_vnd"),
                String.format("%016d", at.toEpochMilli())));
    }

    /**
     * cdc_orders (the shop database's {@code oltp.orders}, one product per order): an insert or update is the line
     * as it now is, a delete its tombstone; the LSN orders them. Its event time is the change's commit.
     */
    private static List<RealtimeEvent> cdcOrder(JsonNode m) {
        String op = required(m, "op");
        JsonNode row = op.equals("delete") ? m.path("before") : m.path("after");
        if (!row.isObject()) {
            throw new Rejected("a change '" + op + "' without its " + (op.equals("delete") ? "before" : "after") + " image");
        }
        Optional<Province> province = province(text(row, "shipping_city"));
        String status = op.equals("delete") ? "deleted" : Optional.ofNullable(text(row, "status"))
                .map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
        return List.of(new RealtimeEvent.SaleLine(required(m, "change_id"), instant(m, "committed_at"),
                required(m, "source"), required(row, "order_id"), 1, instant(row, "ordered_at"),
                text(row, "customer_id"), required(row, "product_id"), required(m, "source"),
                province.map(Province::code).orElse(null), region(province), null, status,
                (int) whole(row, "quantity"), vnd(row, "unit_price"), BigDecimal.ZERO, lsnVersion(required(m, "lsn"))));
    }

    /** transaction_stream: an order's creation, payment, shipment, return or refund. */
    private static List<RealtimeEvent> orderEvent(JsonNode m) {
        Optional<Province> province = province(text(m, "province"));
        return List.of(new RealtimeEvent.OrderEvent(required(m, "event_id"), instant(m, "occurred_at"),
                Optional.ofNullable(text(m, "source")).orElse("vnmarket"), required(m, "order_id"),
                required(m, "event_type"), m.has("amount_vnd") ? vnd(m, "amount_vnd") : null,
                payment(text(m, "payment_method")), province.map(Province::code).orElse(null), region(province)));
    }

    /** cdc_payments: a payment row of the shop as it now is (its status is the event). */
    private static List<RealtimeEvent> cdcPayment(JsonNode m) {
        JsonNode row = m.path("op").asString("").equals("delete") ? m.path("before") : m.path("after");
        if (!row.isObject()) {
            throw new Rejected("a payment change without its row");
        }
        String type = m.path("op").asString("").equals("delete") ? "payment_deleted"
                : "payment_" + Optional.ofNullable(text(row, "status")).orElse("unknown").toLowerCase(Locale.ROOT);
        return List.of(new RealtimeEvent.OrderEvent(required(m, "change_id"), instant(m, "committed_at"),
                required(m, "source"), required(row, "order_id"), type, vnd(row, "amount"),
                payment(text(row, "method")), null, null));
    }

    /** price_changes: a price update, a promotion's start or end, a flash sale, or a stock update. */
    private static List<RealtimeEvent> priceChange(JsonNode m) {
        String type = required(m, "event_type");
        String source = Optional.ofNullable(text(m, "source")).orElse("vnmarket");
        Instant at = instant(m, "occurred_at");
        if (type.equals("inventory_update")) {
            return List.of(new RealtimeEvent.StockCount(required(m, "event_id"), at, source, required(m, "product_id"),
                    (int) whole(m, "stock"), null, null, null, type));
        }
        return List.of(new RealtimeEvent.PriceChange(required(m, "event_id"), at, source, required(m, "product_id"),
                type, m.has("old_price_vnd") ? vnd(m, "old_price_vnd") : null, vnd(m, "new_price_vnd"),
                m.has("discount_percent") ? m.get("discount_percent").decimalValue() : null, text(m, "voucher")));
    }

    /** cdc_products: the shop's product row; a changed price is a price change, a changed stock a stock count. */
    private static List<RealtimeEvent> cdcProduct(JsonNode m) {
        JsonNode after = m.path("after");
        if (!after.isObject()) {
            return List.of();
        }
        JsonNode before = m.path("before");
        String id = required(m, "change_id");
        String source = required(m, "source");
        String product = required(after, "product_id");
        Instant at = instant(m, "committed_at");
        List<RealtimeEvent> events = new java.util.ArrayList<>(2);
        BigDecimal price = vnd(after, "price");
        BigDecimal oldPrice = before.isObject() && before.has("price") ? vnd(before, "price") : null;
        if (oldPrice == null || oldPrice.compareTo(price) != 0) {
            events.add(new RealtimeEvent.PriceChange(id + ":price", at, source, product,
                    oldPrice == null ? "listed" : "price_update", oldPrice, price, null, null));
        }
        int stock = (int) whole(after, "stock");
        Integer oldStock = before.isObject() && before.has("stock") ? (int) whole(before, "stock") : null;
        if (oldStock == null || oldStock != stock) {
            events.add(new RealtimeEvent.StockCount(id + ":stock", at, source, product, stock,
                    oldStock == null ? null : stock - oldStock, null, null, oldStock == null ? "listed" : "update"));
        }
        return events;
    }

    /** inventory_events: a warehouse's stock of a product after a change. */
    private static List<RealtimeEvent> inventoryEvent(JsonNode m) {
        String warehouse = text(m, "warehouse");
        return List.of(new RealtimeEvent.StockCount(required(m, "event_id"), instant(m, "occurred_at"),
                required(m, "source"), required(m, "product_id"), (int) whole(m, "stock"),
                m.has("change") ? (int) whole(m, "change") : null, warehouse,
                province(warehouse).map(Province::code).orElse(null), text(m, "reason")));
    }

    private static Optional<Province> province(String spelling) {
        return PROVINCES.resolve(spelling);
    }

    private static String region(Optional<Province> province) {
        return province.map(p -> p.region().name()).orElse(UNKNOWN_REGION);
    }

    /** The canonical method when known; an unknown label is kept as written, as the batch does. */
    private static String payment(String raw) {
        if (raw == null) {
            return null;
        }
        PaymentMethod method = PaymentMethod.resolve(raw);
        return method == PaymentMethod.UNKNOWN ? raw : method.name();
    }

    /** An LSN {@code 16/B374D848} as 16 hex digits, so that text order is LSN order. */
    private static String lsnVersion(String lsn) {
        String[] parts = lsn.split("/");
        if (parts.length != 2) {
            throw new Rejected("lsn '" + lsn + "' is not an LSN such as 16/B374D848");
        }
        return String.format("%08X%08X", Long.parseLong(parts[0], 16), Long.parseLong(parts[1], 16));
    }

    private static String text(JsonNode m, String field) {
        JsonNode value = m.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String required(JsonNode m, String field) {
        String value = text(m, field);
        if (value == null || value.isBlank()) {
            throw new Rejected(field + " is missing");
        }
        return value;
    }

    private static long whole(JsonNode m, String field) {
        JsonNode value = m.get(field);
        if (value == null || value.isNull()) {
            throw new Rejected(field + " is missing");
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        try {
            return Long.parseLong(value.asString().strip());
        } catch (NumberFormatException e) {
            throw new Rejected(field + " is not a whole number: '" + value.asString() + "'");
        }
    }

    private static BigDecimal vnd(JsonNode m, String field) {
        JsonNode value = m.get(field);
        if (value == null || value.isNull()) {
            throw new Rejected(field + " is missing");
        }
        BigDecimal amount;
        try {
            amount = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asString().strip());
        } catch (NumberFormatException e) {
            throw new Rejected(field + " is not an amount: '" + value.asString() + "'");
        }
        if (amount.signum() < 0) {
            throw new Rejected(field + " is negative: " + amount.toPlainString());
        }
        return amount.setScale(0, RoundingMode.HALF_UP);
    }

    private static BigDecimal optionalVnd(JsonNode m, String field) {
        return m.hasNonNull(field) ? vnd(m, field) : BigDecimal.ZERO;
    }

    /** ISO-8601 with an offset, or PostgreSQL's text of a timestamptz ({@code 2026-12-02 14:35:00.1+07}). */
    private static Instant instant(JsonNode m, String field) {
        String text = required(m, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            String iso = text.replace(' ', 'T');
            if (iso.matches(".*[+-]\\d\\d$")) {
                iso += ":00";
            }
            try {
                return OffsetDateTime.parse(iso).toInstant();
            } catch (DateTimeParseException again) {
                throw new Rejected(field + " is not a timestamp with an offset: '" + text + "'");
            }
        }
    }
}
