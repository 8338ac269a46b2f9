package vn.ecomdss.transform;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Writes transformed rows into the staging tables with {@code COPY}, in the chunk's transaction: a chunk is
 * committed together with the reader's position, so a retried or restarted chunk never stores its rows twice.
 */
@Component
public class StagingWriter {

    /** One staging table: its columns and how a row maps onto them. */
    private record Table<T>(String name, List<String> columns, Function<T, Object[]> values) {
    }

    private static final Table<StagedCustomer> CUSTOMER = new Table<>("staging.customer",
            List.of("run_id", "source", "customer_id", "full_name", "email", "city", "city_raw", "customer_segment",
                    "income_level", "province_code", "region", "phone_raw", "phone_e164", "phone_carrier", "gender",
                    "birth_year", "changed_at", "is_deleted", "envelope_id"),
            c -> new Object[] {c.runId(), c.source(), c.customerId(), c.fullName(), c.email(), c.city(), c.cityRaw(),
                    c.customerSegment(), c.incomeLevel(), c.provinceCode(), c.region(), c.phoneRaw(), c.phoneE164(),
                    c.phoneCarrier(), c.gender(), c.birthYear(), c.changedAt(), c.deleted(), c.envelopeId()});

    private static final Table<StagedProduct> PRODUCT = new Table<>("staging.product",
            List.of("run_id", "source", "product_id", "title", "category", "brand", "price", "availability_status",
                    "currency", "original_price", "stock", "rating", "sku", "description", "platform", "changed_at",
                    "is_deleted", "envelope_id"),
            p -> new Object[] {p.runId(), p.source(), p.productId(), p.title(), p.category(), p.brand(), p.price(),
                    p.availabilityStatus(), p.currency(), p.originalPrice(), p.stock(), p.rating(), p.sku(),
                    p.description(), p.platform(), p.changedAt(), p.deleted(), p.envelopeId()});

    private static final Table<StagedSalesLine> SALES_LINE = new Table<>("staging.sales_line",
            List.of("run_id", "source", "order_id", "line_number", "customer_id", "product_id", "order_ts", "platform",
                    "payment_method", "order_status", "shipping_city", "quantity", "unit_price", "discount_amount",
                    "currency", "envelope_id", "fetched_at", "sales_line_key", "order_date"),
            s -> new Object[] {s.runId(), s.source(), s.orderId(), s.lineNumber(), s.customerId(), s.productId(),
                    s.orderTs(), s.platform(), s.paymentMethod(), s.orderStatus(), s.shippingCity(), s.quantity(),
                    s.unitPrice(), s.discountAmount(), s.currency(), s.envelopeId(), s.fetchedAt(), s.salesLineKey(),
                    s.orderDate()});

    private static final Table<StagedPlatform> PLATFORM = new Table<>("staging.platform",
            List.of("run_id", "source", "platform_code", "platform_name", "platform_type", "commission_rate",
                    "changed_at", "is_deleted", "envelope_id"),
            p -> new Object[] {p.runId(), p.source(), p.platformCode(), p.platformName(), p.platformType(),
                    p.commissionRate(), p.changedAt(), p.deleted(), p.envelopeId()});

    private static final Table<StagedReview> REVIEW = new Table<>("staging.review",
            List.of("run_id", "source", "product_id", "review_number", "rating", "comment", "review_ts",
                    "reviewer_name", "reviewer_email", "envelope_id"),
            r -> new Object[] {r.runId(), r.source(), r.productId(), r.reviewNumber(), r.rating(), r.comment(),
                    r.reviewedAt(), r.reviewerName(), r.reviewerEmail(), r.envelopeId()});

    private static final Table<StagedActivityEvent> ACTIVITY_EVENT = new Table<>("staging.activity_event",
            List.of("run_id", "source", "event_id", "event_key", "event_type", "occurred_at", "customer_source",
                    "customer_id", "session_id", "product_id", "platform", "envelope_id", "fetched_at"),
            e -> new Object[] {e.runId(), e.source(), e.eventId(), e.eventKey(), e.eventType(), e.occurredAt(),
                    e.customerSource(), e.customerId(), e.sessionId(), e.productId(), e.platform(), e.envelopeId(),
                    e.fetchedAt()});

    private static final int BATCH_CHARS = 64 * 1024;

    private final DataSource dataSource;

    public StagingWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void customers(List<StagedCustomer> rows) {
        write(CUSTOMER, rows);
    }

    public void products(List<StagedProduct> rows) {
        write(PRODUCT, rows);
    }

    public void salesLines(List<StagedSalesLine> rows) {
        write(SALES_LINE, rows);
    }

    public void platforms(List<StagedPlatform> rows) {
        write(PLATFORM, rows);
    }

    public void reviews(List<StagedReview> rows) {
        write(REVIEW, rows);
    }

    public void activityEvents(List<StagedActivityEvent> rows) {
        write(ACTIVITY_EVENT, rows);
    }

    private <T> void write(Table<T> table, List<T> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        CopyIn copy = null;
        try {
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy " + table.name() + " (" + String.join(", ", table.columns()) + ") from stdin");
            // Rows are sent as they are formatted, so the server parses one batch while the next is written.
            StringBuilder text = new StringBuilder(BATCH_CHARS + 4_096);
            for (T row : rows) {
                appendRow(text, table.values().apply(row));
                if (text.length() >= BATCH_CHARS) {
                    send(copy, text);
                }
            }
            send(copy, text);
            copy.endCopy();
        } catch (SQLException | RuntimeException e) {
            cancelQuietly(copy);
            throw new IllegalStateException("Writing " + rows.size() + " rows into " + table.name() + " failed: "
                    + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void send(CopyIn copy, StringBuilder text) throws SQLException {
        if (text.isEmpty()) {
            return;
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    private static void cancelQuietly(CopyIn copy) {
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the connection reports the original failure
        }
    }

    private static void appendRow(StringBuilder text, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append('\t');
            }
            appendCopyValue(text, values[i]);
        }
        text.append('\n');
    }

    /** PostgreSQL's COPY text format: \N is null; backslash, tab, newline and carriage return are escaped. */
    private static void appendCopyValue(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
            return;
        }
        String plain;
        if (value instanceof BigDecimal decimal) {
            plain = decimal.toPlainString();
        } else if (value instanceof Boolean bool) {
            plain = bool ? "t" : "f";
        } else {
            plain = value.toString();
        }
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
