package vn.ecomdss.simulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * The vnmarket shop's own database (schema {@code oltp}), written as the shop's application would write it: one
 * database transaction per business operation (a sign-up, an address change, a new product, a price change, an
 * order placed with its pending payment, a payment captured, a parcel shipped or delivered, an order cancelled and
 * its payment deleted, a product delisted), paced in real time. This is what the {@code cdc} source reads by
 * logical replication; every table has {@code REPLICA IDENTITY FULL} so that updates and deletes carry the row as
 * it was before.
 */
@Component
public class ShopDatabaseSimulator {

    /** Shop operations per second at a rate scale of 1. */
    public static final double OPERATIONS_PER_SECOND = 20;

    static final String SCHEMA = """
            create schema if not exists oltp;
            create table if not exists oltp.customers (
                customer_id bigint generated always as identity primary key,
                full_name   text not null,
                email       text,
                phone       text,
                city        text not null,
                district    text not null,
                address     text not null,
                created_at  timestamptz not null,
                updated_at  timestamptz not null
            );
            create table if not exists oltp.products (
                product_id bigint generated always as identity primary key,
                title      text not null,
                category   text not null,
                brand      text not null,
                price      numeric(14, 0) not null,
                stock      integer not null,
                updated_at timestamptz not null
            );
            create table if not exists oltp.orders (
                order_id      bigint generated always as identity primary key,
                customer_id   bigint not null,
                product_id    bigint not null,
                quantity      integer not null,
                unit_price    numeric(14, 0) not null,
                status        text not null,
                shipping_city text not null,
                ordered_at    timestamptz not null,
                updated_at    timestamptz not null
            );
            create table if not exists oltp.payments (
                payment_id bigint generated always as identity primary key,
                order_id   bigint not null,
                method     text not null,
                amount     numeric(14, 0) not null,
                status     text not null,
                updated_at timestamptz not null
            );
            alter table oltp.customers replica identity full;
            alter table oltp.products replica identity full;
            alter table oltp.orders replica identity full;
            alter table oltp.payments replica identity full;
            """;

    private static final String NEW_CUSTOMER = """
            insert into oltp.customers (full_name, email, phone, city, district, address, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String MOVE_CUSTOMER = """
            update oltp.customers set city = ?, district = ?, address = ?, updated_at = ? where customer_id = ?
            """;
    private static final String NEW_PRODUCT = """
            insert into oltp.products (title, category, brand, price, stock, updated_at) values (?, ?, ?, ?, ?, ?)
            """;
    private static final String REPRICE_PRODUCT = """
            update oltp.products set price = round(price * ? / 1000) * 1000, updated_at = ? where product_id = ?
            """;
    private static final String DELIST_PRODUCT = "delete from oltp.products where product_id = ?";
    private static final String PLACE_ORDER = """
            insert into oltp.orders (customer_id, product_id, quantity, unit_price, status, shipping_city, ordered_at,
                                     updated_at)
            select c.customer_id, p.product_id, ?, p.price, 'pending', c.city, ?, ?
            from oltp.customers c, oltp.products p where c.customer_id = ? and p.product_id = ?
            returning order_id, quantity * unit_price
            """;
    private static final String NEW_PAYMENT = """
            insert into oltp.payments (order_id, method, amount, status, updated_at) values (?, ?, ?, 'pending', ?)
            """;
    private static final String ADVANCE_ORDER = """
            update oltp.orders set status = ?, updated_at = ? where order_id = ? and status = ?
            """;
    private static final String CAPTURE_PAYMENT = """
            update oltp.payments set status = 'captured', updated_at = ? where order_id = ? and status = 'pending'
            """;
    private static final String DELETE_PAYMENT = "delete from oltp.payments where order_id = ?";
    private static final String HIGHEST_IDS = """
            select (select coalesce(max(customer_id), 0) from oltp.customers),
                   (select coalesce(max(product_id), 0) from oltp.products),
                   (select coalesce(max(order_id), 0) from oltp.orders)
            """;

    private static final List<String> STREETS = List.of("Nguyễn Huệ", "Lê Lợi", "Trần Hưng Đạo", "Hai Bà Trưng",
            "Điện Biên Phủ", "Cách Mạng Tháng Tám", "Lý Thường Kiệt", "Phan Đình Phùng", "Nguyễn Trãi", "Võ Văn Tần");
    private static final List<String> METHODS = List.of("cod", "momo", "zalopay", "vnpay", "card", "bank_transfer");

    /** A business operation of the shop and how often, relative to the others, it happens. */
    enum Operation {
        SIGN_UP(10), MOVE(8), LIST_PRODUCT(5), REPRICE(12), PLACE_ORDER(30), PAY(15), SHIP(8), DELIVER(5),
        CANCEL(5), DELIST(2);

        final int weight;

        Operation(int weight) {
            this.weight = weight;
        }
    }

    private static final List<Operation> OPERATIONS = List.of(Operation.values());
    private static final int[] WEIGHTS = OPERATIONS.stream().mapToInt(o -> o.weight).toArray();

    private final DataSource platformDatabase;

    public ShopDatabaseSimulator(DataSource platformDatabase) {
        this.platformDatabase = platformDatabase;
    }

    /** Per operation, how many were made (those that found their row), and how long the run took. */
    public record ShopActivity(Map<String, Long> operations, Duration elapsed) {
        public long total() {
            return operations.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The platform's own PostgreSQL, where the shop's schema lives unless a database URL is given. */
    public DataSource platformDatabase() {
        return platformDatabase;
    }

    /** Creates the {@code oltp} schema and its tables where they do not exist yet. */
    public void createSchema(DataSource database) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(SCHEMA);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the shop's oltp schema: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the shop on {@code database} for {@code duration} at {@code rateScale} times {@value #OPERATIONS_PER_SECOND}
     * operations a second, each operation a transaction of its own, sent when its time comes.
     */
    public ShopActivity run(DataSource database, Duration duration, double rateScale, long seed) {
        createSchema(database);
        long due = (long) (duration.toNanos() / 1e9 * OPERATIONS_PER_SECOND * rateScale);
        double intervalNanos = 1e9 / (OPERATIONS_PER_SECOND * rateScale);
        Map<String, Long> made = new TreeMap<>();
        long began = System.nanoTime();
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            long[] highest = highestIds(connection);
            for (long k = 0; k < due; k++) {
                long wait = (long) (k * intervalNanos) - (System.nanoTime() - began);
                if (wait > 1_000_000) {
                    sleep(wait);
                }
                SplittableRandom random = SeededRandom.of(seed, "oltp", k);
                Operation operation = SeededRandom.pickWeighted(random, OPERATIONS, WEIGHTS);
                if (apply(connection, operation, random, highest)) {
                    made.merge(operation.name().toLowerCase(Locale.ROOT), 1L, Long::sum);
                }
                connection.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The shop simulator cannot write to its database: " + e.getMessage(), e);
        }
        return new ShopActivity(made, Duration.ofNanos(System.nanoTime() - began));
    }

    /**
     * Makes one operation; false when it found no row to act on (no customer or product yet, a delisted product, an
     * order already past that status), which the shop's application would also have refused.
     */
    private static boolean apply(Connection connection, Operation operation, SplittableRandom random, long[] highest)
            throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        long customer = highest[0] == 0 ? 0 : 1 + random.nextLong(highest[0]);
        long product = highest[1] == 0 ? 0 : 1 + random.nextLong(highest[1]);
        long order = highest[2] == 0 ? 0 : 1 + random.nextLong(highest[2]);
        if (highest[0] == 0 || highest[1] == 0 && operation != Operation.SIGN_UP) {
            operation = highest[0] == 0 ? Operation.SIGN_UP : Operation.LIST_PRODUCT;
        }
        return switch (operation) {
            case SIGN_UP -> {
                boolean female = random.nextBoolean();
                VietnamesePeople.PersonName name = VietnamesePeople.name(random, female);
                int birthYear = 1965 + random.nextInt(40);
                VietnamGeography.Province province = VietnamGeography.pickProvince(random);
                update(connection, NEW_CUSTOMER, name.proper(), VietnamesePeople.email(name, birthYear, random),
                        VietnamesePeople.phone(random), province.canonical(), SeededRandom.pick(random, province.districts()),
                        street(random), now, now);
                highest[0]++;
                yield true;
            }
            case MOVE -> {
                VietnamGeography.Province province = VietnamGeography.pickProvince(random);
                yield update(connection, MOVE_CUSTOMER, province.canonical(),
                        SeededRandom.pick(random, province.districts()), street(random), now, customer) > 0;
            }
            case LIST_PRODUCT -> {
                ProductCatalogue.Model model = SeededRandom.pick(random, ProductCatalogue.MODELS);
                update(connection, NEW_PRODUCT, model.name(), model.category(), model.brand(), model.listPriceVnd(),
                        10 + random.nextInt(200), now);
                highest[1]++;
                yield true;
            }
            case REPRICE -> update(connection, REPRICE_PRODUCT, 0.85 + random.nextDouble() * 0.25, now, product) > 0;
            case DELIST -> update(connection, DELIST_PRODUCT, product) > 0;
            case PLACE_ORDER -> placeOrder(connection, random, customer, product, now, highest);
            case PAY -> update(connection, ADVANCE_ORDER, "paid", now, order, "pending") > 0
                    && update(connection, CAPTURE_PAYMENT, now, order) >= 0;
            case SHIP -> update(connection, ADVANCE_ORDER, "shipped", now, order, "paid") > 0;
            case DELIVER -> update(connection, ADVANCE_ORDER, "delivered", now, order, "shipped") > 0;
            case CANCEL -> update(connection, ADVANCE_ORDER, "cancelled", now, order, "pending") > 0
                    && update(connection, DELETE_PAYMENT, order) >= 0;
        };
    }

    private static boolean placeOrder(Connection connection, SplittableRandom random, long customer, long product,
                                      Timestamp now, long[] highest) throws SQLException {
        try (PreparedStatement insert = prepare(connection, PLACE_ORDER, 1 + random.nextInt(3), now, now, customer,
                product); ResultSet placed = insert.executeQuery()) {
            if (!placed.next()) {
                return false;
            }
            long orderId = placed.getLong(1);
            update(connection, NEW_PAYMENT, orderId, SeededRandom.pick(random, METHODS), placed.getBigDecimal(2), now);
            highest[2] = Math.max(highest[2], orderId);
            return true;
        }
    }

    private static long[] highestIds(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(HIGHEST_IDS)) {
            rs.next();
            long[] highest = {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            connection.commit();
            return highest;
        }
    }

    private static String street(SplittableRandom random) {
        return (1 + random.nextInt(300)) + " " + SeededRandom.pick(random, STREETS);
    }

    private static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, values)) {
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("shop simulation interrupted", e);
        }
    }
}
