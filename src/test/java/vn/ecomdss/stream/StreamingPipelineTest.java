package vn.ecomdss.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Autowired;

import vn.ecomdss.pipeline.ConsumerPositions;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.StreamTopics;
import vn.ecomdss.simulator.ShopDatabaseSimulator;
import vn.ecomdss.warehouse.FactSalesLoader;
import vn.ecomdss.testsupport.PlatformTestSupport;

/**
 * ecommerce_streaming_pipeline on the real broker and warehouse: events of every kind become exactly the rows and
 * 5-minute windows they should; a redelivered event changes nothing; a micro-batch that fails half-way leaves
 * nothing behind and its restart counts each event once; a late event within the allowed lateness updates its
 * window and one beyond it is quarantined and counted. Each test sells on a platform of its own, in a year no other
 * test's events reach, so its windows are its own on the broker the tests share; the tests run in the order of
 * their event times, since the stream's watermark only moves forward.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamingPipelineTest extends PlatformTestSupport {

    private static final String JOB = "ecommerce_streaming_pipeline";
    private static final String[] PROVINCES = {"Hà Nội", "TP. Hồ Chí Minh", "Đà Nẵng", "tp hcm", "Nowhere Province"};
    private static final Map<String, String> REGIONS = Map.of("Hà Nội", "NORTH", "TP. Hồ Chí Minh", "SOUTH",
            "Đà Nẵng", "CENTRAL", "tp hcm", "SOUTH", "Nowhere Province", "UNKNOWN");

    @Autowired
    StreamTopics topics;
    @Autowired
    FactSalesLoader facts;
    @Autowired
    ShopDatabaseSimulator shop;
    @Autowired
    List<ConsumerPositions> positions;
    @Autowired
    vn.ecomdss.ops.JobControl control;
    @Autowired
    javax.sql.DataSource dataSource;

    private final List<String> platforms = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (String platform : platforms) {
            jdbc.update("delete from dw.fact_sales_realtime where platform = ?", platform);
            jdbc.update("delete from dw.sales_window_5m where platform = ?", platform);
            jdbc.update("delete from rt.quarantine where platform = ? or event_id like ?", platform, platform + "%");
            jdbc.update("delete from dw.fact_price_realtime where event_id like ?", platform + "%");
            jdbc.update("delete from dw.fact_inventory_realtime where event_id like ?", platform + "%");
            jdbc.update("delete from dw.fact_order_event_realtime where event_id like ?", platform + "%");
        }
        jdbc.update("delete from rt.quarantine where message = 'not avro at all'");
        jdbc.execute("drop trigger if exists fail_once on rt.consumer_position");
    }

    @Test
    @Order(0)
    void theShopDatabasesOrdersPricesAndPaymentsCapturedByCdcBecomeRealTimeFacts() throws Exception {
        shop.createSchema(dataSource);
        assertThat(capture("stream-cdc-setup").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long product = jdbc.queryForObject("""
                insert into oltp.products (title, category, brand, price, stock, updated_at)
                values ('Quạt đứng Senko', 'Gia dụng', 'Senko', 1000000, 40, now()) returning product_id
                """, Long.class);
        jdbc.update("update oltp.products set price = 900000 where product_id = ?", product);
        long paid = order(product, "Hà Nội");
        jdbc.update("update oltp.orders set status = 'paid', updated_at = now() where order_id = ?", paid);
        jdbc.update("insert into oltp.payments (order_id, method, amount, status, updated_at) "
                + "values (?, 'momo', 1800000, 'captured', now())", paid);
        long cancelled = order(product, "Quảng Nam");
        jdbc.update("delete from oltp.orders where order_id = ?", cancelled);
        assertThat(capture("stream-cdc-1").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(stream("stream-cdc-2").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(jdbc.queryForList("""
                select order_id || ' ' || order_status || ' ' || quantity || ' ' || net_amount_vnd || ' ' || region
                       || ' ' || province_code
                from dw.fact_sales_realtime where source = 'shop-db' and order_id in (?, ?) order by order_id::bigint
                """, String.class, Long.toString(paid), Long.toString(cancelled)))
                .containsExactly(paid + " paid 2 1800000 NORTH 01", cancelled + " deleted 2 1800000 CENTRAL 49");
        assertThat(jdbc.queryForList("""
                select event_type || ' ' || coalesce(old_price_vnd::text, '-') || ' ' || new_price_vnd
                from dw.fact_price_realtime where source = 'shop-db' and product_id = ? order by occurred_at, event_id
                """, String.class, Long.toString(product))).containsExactly("listed - 1000000", "price_update 1000000 900000");
        assertThat(jdbc.queryForList("select event_type || ' ' || payment_method || ' ' || amount_vnd from "
                + "dw.fact_order_event_realtime where source = 'shop-db' and order_id = ?", String.class,
                Long.toString(paid))).containsExactly("payment_captured MOMO 1800000");
        assertThat(count("select count(*) from dw.fact_inventory_realtime where source = 'shop-db' and product_id = ? "
                + "and stock = 40 and reason = 'listed'", Long.toString(product))).isEqualTo(1);
        jdbc.update("delete from dw.fact_sales_realtime where source = 'shop-db' and order_id in (?, ?)",
                Long.toString(paid), Long.toString(cancelled));
        jdbc.update("delete from dw.fact_price_realtime where source = 'shop-db' and product_id = ?", Long.toString(product));
        jdbc.update("delete from dw.fact_inventory_realtime where source = 'shop-db' and product_id = ?",
                Long.toString(product));
        jdbc.update("delete from dw.fact_order_event_realtime where source = 'shop-db' and order_id = ?",
                Long.toString(paid));
    }

    @Test
    @Order(1)
    void eventsOfEveryKindBecomeExactlyTheirRowsAndWindowsAndARedeliveryChangesNothing() throws Exception {
        String platform = platform("every-kind");
        Instant t0 = Instant.parse("2031-01-01T01:00:00Z");
        List<Map<String, Object>> sales = sales(platform, t0, 30);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            sales.forEach(sale -> send(producer, "sales_events", sale));
            for (int i = 0; i < 12; i++) {
                send(producer, "price_changes", Map.of("event_id", platform + "-pc-" + i, "schema_version", 1,
                        "event_type", i % 3 == 0 ? "inventory_update" : "price_update", "product_id", "P-" + i,
                        "occurred_at", t0.plusSeconds(i).toString(), "old_price_vnd", 200_000, "new_price_vnd",
                        180_000 + i * 1000, "stock", 40 + i));
                send(producer, "inventory_events", Map.of("event_id", platform + "-ie-" + i, "source", "vnmarket",
                        "product_id", "P-" + i, "warehouse", "Bình Dương", "stock", 100 + i, "change", -i,
                        "reason", "sale", "occurred_at", t0.plusSeconds(i)));
                send(producer, "transaction_stream", Map.of("event_id", platform + "-tx-" + i, "schema_version", 1,
                        "event_type", "payment_succeeded", "order_id", "O-" + i, "amount_vnd", 99_000 + i,
                        "payment_method", "Ví MoMo", "province", "Cần Thơ", "occurred_at", t0.plusSeconds(i).toString()));
            }
            producer.send(new ProducerRecord<>("sales_events", "x", "not avro at all".getBytes())).get();
        }

        JobExecution run = stream("every-kind-1");

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("select count(*) from dw.fact_sales_realtime where platform = ?", platform)).isEqualTo(60);
        assertThat(jdbc.queryForMap("""
                select sum(quantity) as quantity, sum(net_amount_vnd) as net, count(distinct order_id) as orders,
                       count(*) filter (where payment_method = 'MOMO') as momo,
                       count(*) filter (where region = 'UNKNOWN' and province_code is null) as unknown
                from dw.fact_sales_realtime where platform = ?
                """, platform)).containsEntry("quantity", totalQuantity(sales))
                .containsEntry("net", new java.math.BigDecimal(totalNet(sales)))
                .containsEntry("orders", 30L)
                .containsEntry("momo", 60L)
                .containsEntry("unknown", 12L);
        assertThat(windows(platform)).isEqualTo(expectedWindows(sales));
        assertThat(count("select count(*) from dw.fact_price_realtime where event_id like ?", platform + "-pc-%"))
                .isEqualTo(8);
        assertThat(count("select count(*) from dw.fact_inventory_realtime where event_id like ?", platform + "-%"))
                .as("4 stock updates on price_changes, 12 inventory events").isEqualTo(16);
        assertThat(jdbc.queryForObject("select string_agg(distinct province_code, ',') from "
                + "dw.fact_inventory_realtime where event_id like ?", String.class, platform + "-ie-%"))
                .as("Bình Dương, resolved by the batch's province rules").isEqualTo("74");
        assertThat(jdbc.queryForObject("select string_agg(distinct payment_method || ' ' || region, ',') from "
                + "dw.fact_order_event_realtime where event_id like ?", String.class, platform + "-tx-%"))
                .isEqualTo("MOMO SOUTH");
        assertThat(jdbc.queryForObject("""
                select reason from rt.quarantine
                where topic = 'sales_events' and reason_code = 'undecodable' and message = 'not avro at all'
                """, String.class)).startsWith("sales_events: not an Avro single-object message of a known schema");
        assertThat(messages("sales_processed").stream().filter(m -> m.contains("\"platform\":\"" + platform + "\"")))
                .hasSize(60);

        try (KafkaProducer<String, byte[]> producer = producer()) {
            sales.forEach(sale -> send(producer, "sales_events", sale));
        }
        JobExecution again = stream("every-kind-2");

        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(again.getStepExecutions().iterator().next().getReadCount()).isGreaterThanOrEqualTo(60);
        assertThat(count("select count(*) from dw.fact_sales_realtime where platform = ?", platform)).isEqualTo(60);
        assertThat(windows(platform)).as("a redelivery changes nothing").isEqualTo(expectedWindows(sales));
        assertThat(messages("sales_processed").stream().filter(m -> m.contains("\"platform\":\"" + platform + "\"")))
                .as("nothing changed, nothing published again").hasSize(60);
        ConsumerPositions.Position position = positions.stream().flatMap(p -> p.positions().stream())
                .filter(p -> p.consumer().equals("stream:" + JOB) && p.topic().equals("sales_events"))
                .findFirst().orElseThrow();
        assertThat(position.nextOffsets().values().stream().mapToLong(Long::longValue).sum())
                .as("the monitoring's lag: a run that ended at the end offsets leaves none")
                .isEqualTo(endOffsets("sales_events"));
    }

    private long endOffsets(String topic) {
        Properties config = new Properties();
        config.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(config,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    @Test
    @Order(2)
    void aMicroBatchThatFailsHalfWayLeavesNothingAndItsRestartCountsEachEventOnce() throws Exception {
        String platform = platform("restart");
        Instant t0 = Instant.parse("2031-02-01T01:00:00Z");
        List<Map<String, Object>> sales = sales(platform, t0, 25);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            sales.forEach(sale -> send(producer, "sales_events", sale));
        }
        // The batch's positions are its last write: failing there, every row it wrote before must go with it.
        jdbc.execute("create sequence if not exists rt.fail_once_calls");
        jdbc.execute("select setval('rt.fail_once_calls', 1, false)");
        jdbc.execute("""
                create or replace function rt.fail_once() returns trigger language plpgsql as $$
                begin
                    if nextval('rt.fail_once_calls') = 1 then
                        raise exception 'injected: the warehouse went away before the micro-batch committed';
                    end if;
                    return new;
                end $$""");
        jdbc.execute("create trigger fail_once before insert or update on rt.consumer_position "
                + "for each row execute function rt.fail_once()");

        JobExecution failed = stream("restart-1");

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(count("select count(*) from dw.fact_sales_realtime where platform = ?", platform)).isZero();
        assertThat(count("select count(*) from dw.sales_window_5m where platform = ?", platform)).isZero();

        JobExecution restarted = jobOperator.restart(failed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("select count(*) from dw.fact_sales_realtime where platform = ?", platform)).isEqualTo(50);
        assertThat(windows(platform)).isEqualTo(expectedWindows(sales));
    }

    @Test
    @Order(3)
    void aLateEventWithinTheLatenessUpdatesItsWindowAndOneBeyondIsQuarantinedAndCounted() throws Exception {
        String platform = platform("late");
        Instant t0 = Instant.parse("2031-03-01T01:00:00Z");
        List<Map<String, Object>> onTime = new ArrayList<>(sales(platform, t0, 2));
        onTime.addAll(sales(platform + "", t0.plus(Duration.ofMinutes(30)), 1, "on-time-2"));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            onTime.forEach(sale -> send(producer, "sales_events", sale));
        }
        assertThat(stream("late-1").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Instant watermark = jdbc.queryForObject("select event_time from rt.consumer_watermark where consumer = ? and source = 'stream-test'",
                java.sql.Timestamp.class, JOB).toInstant();
        assertThat(watermark).isAfterOrEqualTo(t0.plus(Duration.ofMinutes(30)));

        // The stream reached t0 + 30 min: the window from t0 + 20 min closes at t0 + 35 min (its end and 10 minutes),
        // the one from t0 at t0 + 15 min.
        List<Map<String, Object>> withinLateness = sales(platform, t0.plus(Duration.ofMinutes(21)), 1, "within");
        List<Map<String, Object>> beyond = sales(platform, t0.plus(Duration.ofMinutes(1)), 1, "beyond");
        try (KafkaProducer<String, byte[]> producer = producer()) {
            withinLateness.forEach(sale -> send(producer, "sales_events", sale));
            beyond.forEach(sale -> send(producer, "sales_events", sale));
        }
        assertThat(stream("late-2").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        List<Map<String, Object>> counted = new ArrayList<>(onTime);
        counted.addAll(withinLateness);
        Map<String, List<Object>> expected = expectedWindows(counted);
        String lateWindow = key(t0, platform, REGIONS.get(String.valueOf(beyond.get(0).get("province"))));
        expected.computeIfAbsent(lateWindow, k -> new ArrayList<>(List.of(0L, 0L, 0L, 0L)));
        expected.get(lateWindow).set(3, 2L);
        assertThat(windows(platform)).isEqualTo(expected);
        assertThat(jdbc.queryForList("select reason from rt.quarantine where reason_code = 'late' and platform = ? "
                + "order by event_id", String.class, platform))
                .hasSize(2)
                .allSatisfy(reason -> assertThat(reason).contains("closed at 2031-03-01T01:15:00Z")
                        .contains("the stream had reached"));
        assertThat(count("select count(*) from dw.fact_sales_realtime where platform = ? and order_id like '%beyond%'",
                platform)).isZero();
    }

    @Test
    @Order(4)
    void theNextBatchLoadOfALineTheStreamCountedReconcilesItAndEveryViewCountsItOnce() throws Exception {
        String platform = platform("reconcile");
        Instant t0 = Instant.parse("2031-04-01T01:00:00Z");
        List<Map<String, Object>> sales = sales(platform, t0, 2);
        String source = "stream-test";
        try (KafkaProducer<String, byte[]> producer = producer()) {
            sales.forEach(sale -> send(producer, "sales_events", sale));
        }
        assertThat(stream("reconcile-1").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String order = platform + "-o0";
        RunParameters run = new RunParameters("reconcile-" + System.nanoTime(), LocalDate.of(2031, 4, 1),
                java.util.Set.of(source), false);
        for (int line = 1; line <= 2; line++) {
            jdbc.update("""
                    insert into staging.sales_line (run_id, source, order_id, line_number, customer_id, product_id,
                        order_ts, platform, quantity, unit_price, currency, envelope_id)
                    values (?, ?, ?, ?, 'C-0', ?, ?, ?, 2, 150000, 'VND', ?)
                    """, run.runId(), source, order, line, "P-" + line, java.sql.Timestamp.from(t0), platform,
                    "env-" + order + "-" + line);
        }

        FactSalesLoader.Result loaded = facts.load(run);

        assertThat(loaded.reconciled()).isEqualTo(2);
        assertThat(jdbc.queryForList("""
                select loaded_by || ' ' || count(*) from dw.v_sales_all where source = ? and order_id like ?
                group by loaded_by order by loaded_by
                """, String.class, source, platform + "%")).containsExactly("batch 2", "stream 2");
        assertThat(facts.load(run).reconciled()).as("a repeated load reconciles nothing again").isZero();
        jdbc.update("delete from dw.fact_sales where source = ? and order_id = ?", source, order);
        jdbc.update("delete from staging.sales_line where run_id = ?", run.runId());
    }

    @Test
    @Order(5)
    void aFollowingRunCountsEventsAsTheyArriveAndStopsBetweenMicroBatchesWhenAskedToStop() throws Exception {
        String platform = platform("follow");
        List<Map<String, Object>> sales = sales(platform, Instant.parse("2031-05-01T01:00:00Z"), 3);
        JobExecution following = control.launch(JOB, Map.of("run_id", "follow-" + System.nanoTime(), "follow", "true"),
                "test");
        try (KafkaProducer<String, byte[]> producer = producer()) {
            sales.forEach(sale -> send(producer, "sales_events", sale));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                count("select count(*) from dw.fact_sales_realtime where platform = ?", platform) == 6);

        control.stop(following.getId(), "test");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jobRepository
                .getJobExecution(following.getId()).getStepExecutions().stream()
                .allMatch(step -> step.getStatus() == BatchStatus.STOPPED));
        assertThat(windows(platform)).isEqualTo(expectedWindows(sales));
    }

    private long order(long product, String city) {
        return jdbc.queryForObject("""
                insert into oltp.orders (customer_id, product_id, quantity, unit_price, status, shipping_city,
                                         ordered_at, updated_at)
                values (1, ?, 2, 900000, 'pending', ?, now(), now()) returning order_id
                """, Long.class, product, city);
    }

    private JobExecution capture(String runId) throws Exception {
        return jobOperator.start(catalogue.jobs().get("shop_cdc"), new JobParametersBuilder()
                .addString("run_id", runId + "-" + System.nanoTime()).addString("logical_date", "2026-12-01")
                .toJobParameters());
    }

    private JobExecution stream(String runId) throws Exception {
        return jobOperator.start(catalogue.jobs().get(JOB), new JobParametersBuilder()
                .addString("run_id", runId + "-" + System.nanoTime())
                .addString("logical_date", "2031-01-01")
                .addString("follow", "false", false)
                .toJobParameters());
    }

    private String platform(String name) {
        String platform = "test-" + name + "-" + System.nanoTime();
        platforms.add(platform);
        return platform;
    }

    /** {@code orders} orders of two lines each, one every 40 seconds from {@code from}, paid with MoMo. */
    private static List<Map<String, Object>> sales(String platform, Instant from, int orders) {
        return sales(platform, from, orders, "o");
    }

    private static List<Map<String, Object>> sales(String platform, Instant from, int orders, String prefix) {
        List<Map<String, Object>> sales = new ArrayList<>();
        for (int o = 0; o < orders; o++) {
            for (int line = 1; line <= 2; line++) {
                Map<String, Object> sale = new LinkedHashMap<>();
                sale.put("event_id", platform + "-" + prefix + o + "-" + line);
                sale.put("source", "stream-test");
                sale.put("order_id", platform + "-" + prefix + o);
                sale.put("line_number", line);
                sale.put("customer_id", "C-" + (o % 7));
                sale.put("product_id", "P-" + (o * 2 + line));
                sale.put("platform", platform);
                sale.put("province", PROVINCES[o % PROVINCES.length]);
                sale.put("payment_method", "Ví MoMo");
                sale.put("quantity", 1 + (o + line) % 3);
                sale.put("unit_price_vnd", 50_000L + 1_000L * o);
                sale.put("discount_vnd", line == 2 ? 5_000L : 0L);
                sale.put("occurred_at", from.plusSeconds(40L * o));
                sales.add(sale);
            }
        }
        return sales;
    }

    /** Window, platform and region to orders, lines, revenue and late events, computed from the events. */
    private static Map<String, List<Object>> expectedWindows(List<Map<String, Object>> sales) {
        Map<String, List<Object>> windows = new TreeMap<>();
        Map<String, java.util.Set<Object>> orders = new TreeMap<>();
        for (Map<String, Object> sale : sales) {
            Instant at = (Instant) sale.get("occurred_at");
            String key = key(Instant.ofEpochSecond(at.getEpochSecond() / 300 * 300), (String) sale.get("platform"),
                    REGIONS.get((String) sale.get("province")));
            List<Object> window = windows.computeIfAbsent(key, k -> new ArrayList<>(List.of(0L, 0L, 0L, 0L)));
            orders.computeIfAbsent(key, k -> new java.util.HashSet<>()).add(sale.get("order_id"));
            window.set(0, (long) orders.get(key).size());
            window.set(1, (Long) window.get(1) + 1);
            window.set(2, (Long) window.get(2) + net(sale));
        }
        return windows;
    }

    private Map<String, List<Object>> windows(String platform) {
        Map<String, List<Object>> windows = new TreeMap<>();
        jdbc.query("""
                select window_start, platform, region, orders, order_lines, revenue_vnd, late_events,
                       avg_order_value_vnd, window_end - window_start as width
                from dw.sales_window_5m where platform = ?
                """, rs -> {
            long orders = rs.getLong("orders");
            long revenue = rs.getLong("revenue_vnd");
            assertThat(rs.getLong("avg_order_value_vnd")).isEqualTo(orders == 0 ? 0 : Math.round((double) revenue / orders));
            windows.put(key(rs.getTimestamp("window_start").toInstant(), rs.getString("platform"), rs.getString("region")),
                    new ArrayList<>(List.of(orders, rs.getLong("order_lines"), revenue, rs.getLong("late_events"))));
        }, platform);
        return windows;
    }

    private static String key(Instant windowStart, String platform, String region) {
        return windowStart + " " + platform + " " + region;
    }

    private static long net(Map<String, Object> sale) {
        return ((Number) sale.get("unit_price_vnd")).longValue() * ((Number) sale.get("quantity")).longValue()
                - ((Number) sale.get("discount_vnd")).longValue();
    }

    private static long totalNet(List<Map<String, Object>> sales) {
        return sales.stream().mapToLong(StreamingPipelineTest::net).sum();
    }

    private static long totalQuantity(List<Map<String, Object>> sales) {
        return sales.stream().mapToLong(s -> ((Number) s.get("quantity")).longValue()).sum();
    }

    private void send(KafkaProducer<String, byte[]> producer, String topic, Map<String, ?> event) {
        try {
            producer.send(new ProducerRecord<>(topic, String.valueOf(event.get("event_id")),
                    topics.encode(topic, event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        topics.ensureCreated(kafka.bootstrapServers());
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
}
