package vn.ecomdss.stream;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.ecomdss.pipeline.RunParameters;

/**
 * The streaming pipeline's SQL, run inside the micro-batch's transaction: rows keyed by what identifies their event
 * (a line by its natural key and version, the rest by event id), so writing a batch again changes nothing; the
 * 5-minute windows recomputed from the lines for every window the batch touched; and the consumer's positions and
 * watermark, which commit with the rows or not at all.
 */
final class RealtimeWriter {

    static final long WINDOW_SECONDS = 300;

    /** A message that goes to rt.quarantine, with what it would have counted in when it is late. */
    record Quarantined(String topic, int partition, long offset, String eventId, String reasonCode, String reason,
                       Instant windowStart, String platform, String region, String message) {
    }

    private static final String LOCK = "select pg_advisory_xact_lock(hashtext('rt.consumer:' || ?))";

    private static final String POSITIONS = """
            select topic, kafka_partition, next_offset from rt.consumer_position where consumer = ?
            """;

    private static final String WATERMARKS = "select source, event_time from rt.consumer_watermark where consumer = ?";

    private static final String UPSERT_LINE = """
            insert into dw.fact_sales_realtime (source, order_id, line_number, event_id, order_ts, order_date,
                window_start, customer_id, product_id, platform, province_code, region, payment_method, order_status,
                quantity, unit_price, discount_amount, net_amount_vnd, version, topic, kafka_partition, kafka_offset)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (source, order_id, line_number) do update set
                event_id = excluded.event_id, order_ts = excluded.order_ts, order_date = excluded.order_date,
                window_start = excluded.window_start, customer_id = excluded.customer_id,
                product_id = excluded.product_id, platform = excluded.platform,
                province_code = excluded.province_code, region = excluded.region,
                payment_method = coalesce(excluded.payment_method, dw.fact_sales_realtime.payment_method),
                order_status = excluded.order_status, quantity = excluded.quantity, unit_price = excluded.unit_price,
                discount_amount = excluded.discount_amount, net_amount_vnd = excluded.net_amount_vnd,
                version = excluded.version, topic = excluded.topic, kafka_partition = excluded.kafka_partition,
                kafka_offset = excluded.kafka_offset, updated_at = clock_timestamp()
            where dw.fact_sales_realtime.version < excluded.version
            """;

    private static final String HOLDS = """
            select exists (select 1 from dw.fact_sales_realtime
                           where source = ? and order_id = ? and line_number = ? and version >= ?)
            """;

    private static final String INSERT_PRICE = """
            insert into dw.fact_price_realtime (event_id, source, product_id, event_type, old_price_vnd, new_price_vnd,
                discount_percent, voucher, occurred_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (event_id) do nothing
            """;

    private static final String INSERT_STOCK = """
            insert into dw.fact_inventory_realtime (event_id, source, product_id, stock, stock_change, warehouse,
                province_code, reason, occurred_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (event_id) do nothing
            """;

    private static final String INSERT_ORDER_EVENT = """
            insert into dw.fact_order_event_realtime (event_id, source, order_id, event_type, amount_vnd,
                payment_method, province_code, region, occurred_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (event_id) do nothing
            """;

    private static final String QUARANTINE = """
            insert into rt.quarantine (consumer, topic, kafka_partition, kafka_offset, event_id, reason_code, reason,
                window_start, platform, region, message)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (consumer, topic, kafka_partition, kafka_offset) do nothing
            """;

    /** Every touched window again from the lines and the late events: exact however often a batch is written. */
    private static final String WINDOWS = """
            with lines as (
                select window_start, platform, region, count(distinct source || '/' || order_id) as orders,
                       count(*) as order_lines, sum(net_amount_vnd) as revenue
                from dw.fact_sales_realtime
                where window_start = any(?) and order_status is distinct from 'deleted'
                group by window_start, platform, region
            ), late as (
                select window_start, platform, region, count(*) as late_events
                from rt.quarantine
                where reason_code = 'late' and window_start = any(?)
                group by window_start, platform, region
            )
            insert into dw.sales_window_5m as w (window_start, window_end, platform, region, orders, order_lines,
                revenue_vnd, avg_order_value_vnd, late_events)
            select window_start, window_start + interval '5 minutes', platform, region, coalesce(orders, 0),
                   coalesce(order_lines, 0), coalesce(revenue, 0),
                   case when coalesce(orders, 0) = 0 then 0 else round(revenue / orders) end, coalesce(late_events, 0)
            from lines full join late using (window_start, platform, region)
            on conflict (window_start, platform, region) do update set
                orders = excluded.orders, order_lines = excluded.order_lines, revenue_vnd = excluded.revenue_vnd,
                avg_order_value_vnd = excluded.avg_order_value_vnd, late_events = excluded.late_events,
                updated_at = clock_timestamp()
            where (w.orders, w.order_lines, w.revenue_vnd, w.late_events)
                  is distinct from (excluded.orders, excluded.order_lines, excluded.revenue_vnd, excluded.late_events)
            """;

    private static final String EMPTIED_WINDOWS = """
            delete from dw.sales_window_5m w
            where w.window_start = any(?)
              and not exists (select 1 from dw.fact_sales_realtime s
                              where s.window_start = w.window_start and s.platform = w.platform
                                and s.region = w.region and s.order_status is distinct from 'deleted')
              and not exists (select 1 from rt.quarantine q
                              where q.reason_code = 'late' and q.window_start = w.window_start
                                and q.platform = w.platform and q.region = w.region)
            """;

    private static final String SAVE_POSITION = """
            insert into rt.consumer_position as p (consumer, topic, kafka_partition, next_offset)
            values (?, ?, ?, ?)
            on conflict (consumer, topic, kafka_partition) do update set
                next_offset = excluded.next_offset, updated_at = clock_timestamp()
            where p.next_offset < excluded.next_offset
            """;

    private static final String SAVE_WATERMARK = """
            insert into rt.consumer_watermark as w (consumer, source, event_time) values (?, ?, ?)
            on conflict (consumer, source) do update set event_time = excluded.event_time,
                updated_at = clock_timestamp()
            where w.event_time < excluded.event_time
            """;

    private final JdbcTemplate jdbc;

    RealtimeWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether an operator asked the execution to stop. */
    boolean stopRequested(long jobExecutionId) {
        String status = jdbc.query("select status from batch_job_execution where job_execution_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, jobExecutionId);
        return "STOPPING".equals(status) || "STOPPED".equals(status);
    }

    /** Serialises the consumer's micro-batches across runs and instances, for this transaction. */
    void lock(String consumer) {
        jdbc.query(LOCK, rs -> null, consumer);
    }

    Map<TopicPartition, Long> positions(String consumer) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        jdbc.query(POSITIONS, rs -> {
            positions.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
        }, consumer);
        return positions;
    }

    /** Source to the latest event time the consumer saw of it. */
    Map<String, Instant> watermarks(String consumer) {
        Map<String, Instant> watermarks = new HashMap<>();
        jdbc.query(WATERMARKS, rs -> {
            watermarks.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        }, consumer);
        return watermarks;
    }

    /** A line with where it was read; {@code changed} says whether writing it changed the table. */
    record Located(RealtimeEvent.SaleLine line, String topic, int partition, long offset) {
    }

    /** Upserts the lines; the ones that changed the table, in order. */
    List<Located> writeLines(List<Located> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        int[] counts = jdbc.batchUpdate(UPSERT_LINE, lines, lines.size(), (ps, l) -> {
            RealtimeEvent.SaleLine line = l.line();
            ps.setString(1, line.source());
            ps.setString(2, line.orderId());
            ps.setInt(3, line.lineNumber());
            ps.setString(4, line.eventId());
            ps.setTimestamp(5, Timestamp.from(line.orderTs()));
            ps.setObject(6, LocalDate.ofInstant(line.orderTs(), RunParameters.ZONE));
            ps.setTimestamp(7, Timestamp.from(windowStart(line.orderTs())));
            ps.setString(8, line.customerId());
            ps.setString(9, line.productId());
            ps.setString(10, line.platform());
            ps.setString(11, line.provinceCode());
            ps.setString(12, line.region());
            ps.setString(13, line.paymentMethod());
            ps.setString(14, line.status());
            ps.setInt(15, line.quantity());
            ps.setBigDecimal(16, line.unitPrice());
            ps.setBigDecimal(17, line.discount());
            ps.setBigDecimal(18, line.netAmount());
            ps.setString(19, line.version());
            ps.setString(20, l.topic());
            ps.setInt(21, l.partition());
            ps.setLong(22, l.offset());
        })[0];
        List<Located> changed = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                changed.add(lines.get(i));
            }
        }
        return changed;
    }

    /** Whether the line is already counted as it is or newer: a late redelivery, not a late event. */
    boolean holds(RealtimeEvent.SaleLine line) {
        return Boolean.TRUE.equals(jdbc.queryForObject(HOLDS, Boolean.class, line.source(), line.orderId(),
                line.lineNumber(), line.version()));
    }

    int writePrices(List<RealtimeEvent.PriceChange> prices) {
        return sum(jdbc.batchUpdate(INSERT_PRICE, prices, Math.max(1, prices.size()), (ps, p) -> {
            ps.setString(1, p.eventId());
            ps.setString(2, p.source());
            ps.setString(3, p.productId());
            ps.setString(4, p.type());
            ps.setBigDecimal(5, p.oldPrice());
            ps.setBigDecimal(6, p.newPrice());
            ps.setBigDecimal(7, p.discountPercent());
            ps.setString(8, p.voucher());
            ps.setTimestamp(9, Timestamp.from(p.eventTime()));
        }));
    }

    int writeStock(List<RealtimeEvent.StockCount> counts) {
        return sum(jdbc.batchUpdate(INSERT_STOCK, counts, Math.max(1, counts.size()), (ps, s) -> {
            ps.setString(1, s.eventId());
            ps.setString(2, s.source());
            ps.setString(3, s.productId());
            ps.setInt(4, s.stock());
            ps.setObject(5, s.change(), Types.INTEGER);
            ps.setString(6, s.warehouse());
            ps.setString(7, s.provinceCode());
            ps.setString(8, s.reason());
            ps.setTimestamp(9, Timestamp.from(s.eventTime()));
        }));
    }

    int writeOrderEvents(List<RealtimeEvent.OrderEvent> events) {
        return sum(jdbc.batchUpdate(INSERT_ORDER_EVENT, events, Math.max(1, events.size()), (ps, e) -> {
            ps.setString(1, e.eventId());
            ps.setString(2, e.source());
            ps.setString(3, e.orderId());
            ps.setString(4, e.type());
            ps.setBigDecimal(5, e.amount());
            ps.setString(6, e.paymentMethod());
            ps.setString(7, e.provinceCode());
            ps.setString(8, e.region());
            ps.setTimestamp(9, Timestamp.from(e.eventTime()));
        }));
    }

    int quarantine(String consumer, List<Quarantined> messages) {
        return sum(jdbc.batchUpdate(QUARANTINE, messages, Math.max(1, messages.size()), (ps, q) -> {
            ps.setString(1, consumer);
            ps.setString(2, q.topic());
            ps.setInt(3, q.partition());
            ps.setLong(4, q.offset());
            ps.setString(5, q.eventId());
            ps.setString(6, q.reasonCode());
            ps.setString(7, q.reason());
            ps.setTimestamp(8, q.windowStart() == null ? null : Timestamp.from(q.windowStart()));
            ps.setString(9, q.platform());
            ps.setString(10, q.region());
            ps.setString(11, q.message());
        }));
    }

    /** Recomputes the windows; how many rows of dw.sales_window_5m changed. */
    int refreshWindows(Collection<Instant> windowStarts) {
        if (windowStarts.isEmpty()) {
            return 0;
        }
        Timestamp[] starts = windowStarts.stream().distinct().map(Timestamp::from).toArray(Timestamp[]::new);
        int changed = jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(WINDOWS);
            Array array = con.createArrayOf("timestamptz", starts);
            ps.setArray(1, array);
            ps.setArray(2, array);
            return ps;
        });
        return changed + jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(EMPTIED_WINDOWS);
            ps.setArray(1, con.createArrayOf("timestamptz", starts));
            return ps;
        });
    }

    void savePositions(String consumer, Map<TopicPartition, Long> positions) {
        List<Map.Entry<TopicPartition, Long>> entries = new ArrayList<>(positions.entrySet());
        if (entries.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(SAVE_POSITION, entries, entries.size(), (ps, e) -> {
            ps.setString(1, consumer);
            ps.setString(2, e.getKey().topic());
            ps.setInt(3, e.getKey().partition());
            ps.setLong(4, e.getValue());
        });
    }

    void saveWatermarks(String consumer, Map<String, Instant> reached) {
        List<Map.Entry<String, Instant>> entries = new ArrayList<>(reached.entrySet());
        jdbc.batchUpdate(SAVE_WATERMARK, entries, Math.max(1, entries.size()), (ps, e) -> {
            ps.setString(1, consumer);
            ps.setString(2, e.getKey());
            ps.setTimestamp(3, Timestamp.from(e.getValue()));
        });
    }

    static Instant windowStart(Instant at) {
        long seconds = at.getEpochSecond();
        return Instant.ofEpochSecond(Math.floorDiv(seconds, WINDOW_SECONDS) * WINDOW_SECONDS);
    }

    static Instant windowEnd(Instant at) {
        return windowStart(at).plus(WINDOW_SECONDS, ChronoUnit.SECONDS);
    }

    private static int sum(int[][] counts) {
        int total = 0;
        for (int[] batch : counts) {
            for (int c : batch) {
                total += Math.max(c, 0);
            }
        }
        return total;
    }
}
