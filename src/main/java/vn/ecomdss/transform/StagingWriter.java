package vn.ecomdss.transform;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes transformed rows into the staging tables, one batched statement per chunk. Rows are upserts on the
 * staging key, so a chunk written again after a restart replaces itself.
 */
@Component
public class StagingWriter {

    private static final String CUSTOMER = """
            insert into staging.customer (run_id, source, customer_id, full_name, email, city, city_raw,
                customer_segment, income_level, province_code, region, phone_raw, phone_e164, phone_carrier,
                gender, birth_year, changed_at, envelope_id)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (run_id, source, customer_id) do update set
                full_name = excluded.full_name, email = excluded.email, city = excluded.city,
                city_raw = excluded.city_raw, customer_segment = excluded.customer_segment,
                income_level = excluded.income_level, province_code = excluded.province_code,
                region = excluded.region, phone_raw = excluded.phone_raw, phone_e164 = excluded.phone_e164,
                phone_carrier = excluded.phone_carrier, gender = excluded.gender, birth_year = excluded.birth_year,
                changed_at = excluded.changed_at, envelope_id = excluded.envelope_id
            """;

    private static final String PRODUCT = """
            insert into staging.product (run_id, source, product_id, title, category, brand, price,
                availability_status, currency, original_price, stock, rating, sku, description, changed_at, envelope_id)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (run_id, source, product_id) do update set
                title = excluded.title, category = excluded.category, brand = excluded.brand, price = excluded.price,
                availability_status = excluded.availability_status, currency = excluded.currency,
                original_price = excluded.original_price, stock = excluded.stock, rating = excluded.rating,
                sku = excluded.sku, description = excluded.description, changed_at = excluded.changed_at,
                envelope_id = excluded.envelope_id
            """;

    private static final String SALES_LINE = """
            insert into staging.sales_line (run_id, source, order_id, line_number, customer_id, product_id, order_ts,
                platform, payment_method, order_status, shipping_city, quantity, unit_price, discount_amount,
                currency, envelope_id)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (run_id, source, order_id, line_number) do update set
                customer_id = excluded.customer_id, product_id = excluded.product_id, order_ts = excluded.order_ts,
                platform = excluded.platform, payment_method = excluded.payment_method,
                order_status = excluded.order_status, shipping_city = excluded.shipping_city,
                quantity = excluded.quantity, unit_price = excluded.unit_price,
                discount_amount = excluded.discount_amount, currency = excluded.currency,
                envelope_id = excluded.envelope_id
            """;

    private final JdbcTemplate jdbc;

    public StagingWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void customers(List<StagedCustomer> rows) {
        jdbc.batchUpdate(CUSTOMER, rows, rows.size(), (ps, c) -> {
            ps.setString(1, c.runId());
            ps.setString(2, c.source());
            ps.setString(3, c.customerId());
            ps.setString(4, c.fullName());
            ps.setString(5, c.email());
            ps.setString(6, c.city());
            ps.setString(7, c.cityRaw());
            ps.setString(8, c.customerSegment());
            ps.setString(9, c.incomeLevel());
            ps.setString(10, c.provinceCode());
            ps.setString(11, c.region());
            ps.setString(12, c.phoneRaw());
            ps.setString(13, c.phoneE164());
            ps.setString(14, c.phoneCarrier());
            ps.setString(15, c.gender());
            ps.setObject(16, c.birthYear(), java.sql.Types.SMALLINT);
            ps.setTimestamp(17, timestamp(c.changedAt()));
            ps.setString(18, c.envelopeId());
        });
    }

    public void products(List<StagedProduct> rows) {
        jdbc.batchUpdate(PRODUCT, rows, rows.size(), (ps, p) -> {
            ps.setString(1, p.runId());
            ps.setString(2, p.source());
            ps.setString(3, p.productId());
            ps.setString(4, p.title());
            ps.setString(5, p.category());
            ps.setString(6, p.brand());
            ps.setBigDecimal(7, p.price());
            ps.setString(8, p.availabilityStatus());
            ps.setString(9, p.currency());
            ps.setBigDecimal(10, p.originalPrice());
            ps.setObject(11, p.stock(), java.sql.Types.INTEGER);
            ps.setBigDecimal(12, p.rating());
            ps.setString(13, p.sku());
            ps.setString(14, p.description());
            ps.setTimestamp(15, timestamp(p.changedAt()));
            ps.setString(16, p.envelopeId());
        });
    }

    public void salesLines(List<StagedSalesLine> rows) {
        jdbc.batchUpdate(SALES_LINE, rows, rows.size(), (ps, s) -> {
            ps.setString(1, s.runId());
            ps.setString(2, s.source());
            ps.setString(3, s.orderId());
            ps.setInt(4, s.lineNumber());
            ps.setString(5, s.customerId());
            ps.setString(6, s.productId());
            ps.setTimestamp(7, timestamp(s.orderTs()));
            ps.setString(8, s.platform());
            ps.setString(9, s.paymentMethod());
            ps.setString(10, s.orderStatus());
            ps.setString(11, s.shippingCity());
            ps.setInt(12, s.quantity());
            ps.setBigDecimal(13, s.unitPrice());
            ps.setBigDecimal(14, s.discountAmount());
            ps.setString(15, s.currency());
            ps.setString(16, s.envelopeId());
        });
    }

    private static Timestamp timestamp(OffsetDateTime time) {
        return time == null ? null : Timestamp.from(time.toInstant());
    }
}
