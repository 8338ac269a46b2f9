package vn.ecomdss.extract.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.postgresql.replication.LogSequenceNumber;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

import vn.ecomdss.cli.DssCommandLine;
import vn.ecomdss.lake.DataLake;
import vn.ecomdss.simulator.ShopDatabaseSimulator;
import vn.ecomdss.testsupport.ChangeTopicsContent;
import vn.ecomdss.testsupport.PlatformTestSupport;
import vn.ecomdss.testsupport.PostgresBinaries;

/**
 * The {@code shop-db} source on the platform's embedded PostgreSQL (wal_level=logical) and Kafka: row changes of
 * {@code oltp.*} reach {@code cdc_<table>} in commit order with the rows before and after, each change once, as
 * an independent {@code test_decoding} slot on the same database sees them.
 */
class CdcSourceTest extends PlatformTestSupport {

    @Autowired
    ShopDatabaseSimulator shop;
    @Autowired
    DataSource dataSource;
    @Autowired
    DssCommandLine commandLine;
    @Autowired
    DataLake lake;

    @Test
    void insertsUpdatesAndDeletesReachTheirTopicsInCommitOrderWithTheRowsBeforeAndAfter() throws Exception {
        shop.createSchema(dataSource);
        assertThat(capture("cdc-images-setup").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long customer = jdbc.queryForObject("""
                insert into oltp.customers (full_name, email, phone, city, district, address, created_at, updated_at)
                values ('Nguyễn Thị Lan', 'lan@example.vn', '0912345678', 'Hà Nội', 'Quận Cầu Giấy', '12 Xuân Thủy',
                        now(), now()) returning customer_id
                """, Long.class);
        jdbc.update("update oltp.customers set city = 'Đà Nẵng', district = 'Quận Hải Châu', address = '5 Bạch Đằng' "
                + "where customer_id = ?", customer);
        long product = jdbc.queryForObject("""
                insert into oltp.products (title, category, brand, price, stock, updated_at)
                values ('Nồi cơm điện Sunhouse 1.8L', 'Gia dụng', 'Sunhouse', 1000000, 40, now()) returning product_id
                """, Long.class);
        jdbc.update("update oltp.products set price = 900000 where product_id = ?", product);
        long order;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            var insert = connection.prepareStatement("""
                    insert into oltp.orders (customer_id, product_id, quantity, unit_price, status, shipping_city,
                                             ordered_at, updated_at)
                    values (?, ?, 2, 900000, 'pending', 'Đà Nẵng', now(), now()) returning order_id
                    """);
            insert.setLong(1, customer);
            insert.setLong(2, product);
            var rs = insert.executeQuery();
            rs.next();
            order = rs.getLong(1);
            var payment = connection.prepareStatement("insert into oltp.payments (order_id, method, amount, status, "
                    + "updated_at) values (?, 'momo', 1800000, 'pending', now())");
            payment.setLong(1, order);
            payment.executeUpdate();
            connection.commit();
        }
        jdbc.update("delete from oltp.payments where order_id = ?", order);
        jdbc.update("delete from oltp.products where product_id = ?", product);

        assertThat(capture("cdc-images").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        List<JsonNode> customerChanges = changesOf("customers", "customer_id", customer);
        assertThat(customerChanges).extracting(c -> c.get("op").asString()).containsExactly("insert", "update");
        assertThat(customerChanges.get(0).get("before").isNull()).isTrue();
        assertThat(customerChanges.get(0).get("after").get("city").asString()).isEqualTo("Hà Nội");
        assertThat(customerChanges.get(1).get("before").get("city").asString()).isEqualTo("Hà Nội");
        assertThat(customerChanges.get(1).get("before").get("address").asString()).isEqualTo("12 Xuân Thủy");
        assertThat(customerChanges.get(1).get("after").get("city").asString()).isEqualTo("Đà Nẵng");
        assertThat(customerChanges.get(1).get("kafka_key").asString()).isEqualTo("{\"customer_id\":" + customer + "}");

        List<JsonNode> productChanges = changesOf("products", "product_id", product);
        assertThat(productChanges).extracting(c -> c.get("op").asString()).containsExactly("insert", "update", "delete");
        assertThat(productChanges.get(1).get("before").get("price").decimalValue()).isEqualByComparingTo("1000000");
        assertThat(productChanges.get(1).get("after").get("price").decimalValue()).isEqualByComparingTo("900000");
        assertThat(productChanges.get(2).get("before").get("price").decimalValue()).isEqualByComparingTo("900000");
        assertThat(productChanges.get(2).get("before").get("title").asString()).isEqualTo("Nồi cơm điện Sunhouse 1.8L");
        assertThat(productChanges.get(2).get("after").isNull()).isTrue();
        assertThat(productChanges).extracting(c -> lsn(c.get("lsn").asString())).isSorted();

        List<JsonNode> orderChanges = changesOf("orders", "order_id", order);
        List<JsonNode> paymentChanges = changesOf("payments", "order_id", order);
        assertThat(orderChanges).extracting(c -> c.get("op").asString()).containsExactly("insert");
        assertThat(paymentChanges).extracting(c -> c.get("op").asString()).containsExactly("insert", "delete");
        assertThat(paymentChanges.get(0).get("commit_lsn").asString())
                .as("the order and its payment were one transaction").isEqualTo(orderChanges.get(0).get("commit_lsn").asString());
        assertThat(paymentChanges.get(1).get("before").get("method").asString()).isEqualTo("momo");
        assertThat(lake.template().count(Query.query(Criteria.where("source").is("shop-db").and("run_ids").is("cdc-images")
                .and("natural_id").is(customerChanges.get(1).get("change_id").asString())), DataLake.ENVELOPES)).isOne();
    }

    @Test
    void aSimulatedShopsChangesReachTheTopicsAndTheLakeEachOnceAsAnIndependentSlotSeesThem() throws Exception {
        shop.createSchema(dataSource);
        assertThat(capture("cdc-shop-setup").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String truthStart = jdbc.queryForObject(
                "select lsn::text from pg_create_logical_replication_slot('cdc_test_truth', 'test_decoding')", String.class);
        try {
            commandLine.run(new DefaultApplicationArguments("simulate", "--oltp", "--minutes", "0.05", "--rate-scale",
                    "10", "--seed", "3"));
            assertThat(commandLine.getExitCode()).isZero();

            assertThat(capture("cdc-shop").getStatus()).isEqualTo(BatchStatus.COMPLETED);

            List<String> truth = jdbc.query("""
                    select lsn::text, split_part(substr(data, 7), ':', 1), lower(trim(split_part(data, ':', 2)))
                    from pg_logical_slot_peek_changes('cdc_test_truth', null, null)
                    where data like 'table oltp.%'
                    """, (rs, i) -> LogSequenceNumber.valueOf(rs.getString(1)).asString() + " " + rs.getString(2)
                    + " " + rs.getString(3));
            long upTo = lsn(jdbc.queryForObject("select pg_current_wal_lsn()::text", String.class));
            Map<String, Integer> published = new TreeMap<>();
            for (String table : List.of("customers", "products", "orders", "payments")) {
                for (JsonNode change : ChangeTopicsContent.changes(kafka.bootstrapServers(), table)) {
                    long at = lsn(change.get("lsn").asString());
                    if (at >= lsn(truthStart) && at <= upTo) {
                        published.merge(LogSequenceNumber.valueOf(at).asString() + " oltp." + table + " "
                                + change.get("op").asString(), 1, Integer::sum);
                    }
                }
            }
            Map<String, Integer> expected = new TreeMap<>();
            truth.forEach(row -> expected.merge(row, 1, Integer::sum));
            assertThat(expected).hasSizeGreaterThan(300);
            assertThat(expected.keySet()).anyMatch(k -> k.endsWith("oltp.orders update"))
                    .anyMatch(k -> k.endsWith("oltp.payments delete")).anyMatch(k -> k.endsWith("oltp.products update"));
            assertThat(published).as("every change of the shop on the topics, once by LSN, table and operation")
                    .isEqualTo(expected);
            assertThat(lake.template().count(Query.query(Criteria.where("source").is("shop-db")
                    .and("run_ids").is("cdc-shop")), DataLake.ENVELOPES)).isEqualTo(truth.size());
        } finally {
            jdbc.queryForList("select pg_drop_replication_slot('cdc_test_truth')");
        }
    }

    @Test
    void aServerWithoutLogicalWalIsRefusedSayingWhatToSet() throws Exception {
        Path cluster = Files.createTempDirectory("cdc-replica-");
        try (EmbeddedPostgres replica = EmbeddedPostgres.builder().setDataDirectory(cluster)
                .setOverrideWorkingDirectory(PostgresBinaries.DIR.toFile()).start();
             Connection connection = replica.getPostgresDatabase().getConnection()) {
            ReplicationSlot slot = new ReplicationSlot("shop-db", replica.getJdbcUrl("postgres", "postgres"),
                    "dss_cdc_shop_db", List.of("oltp.orders"));
            assertThatThrownBy(() -> slot.prepare(connection))
                    .hasMessageContaining("source shop-db")
                    .hasMessageContaining("wal_level=replica")
                    .hasMessageContaining("needs wal_level=logical");
        }
    }

    private JobExecution capture(String runId) throws Exception {
        return jobOperator.start(catalogue.jobs().get("shop_cdc"), new JobParametersBuilder()
                .addString("run_id", runId).addString("logical_date", "2026-12-01").toJobParameters());
    }

    private List<JsonNode> changesOf(String table, String column, long id) {
        List<JsonNode> changes = new ArrayList<>();
        for (JsonNode change : ChangeTopicsContent.changes(kafka.bootstrapServers(), table)) {
            JsonNode row = change.get("after").isNull() ? change.get("before") : change.get("after");
            if (row.get(column).asLong() == id) {
                changes.add(change);
            }
        }
        return changes;
    }

    private static long lsn(String text) {
        return LogSequenceNumber.valueOf(text).asLong();
    }
}
