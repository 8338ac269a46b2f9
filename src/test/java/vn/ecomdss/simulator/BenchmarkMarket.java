package vn.ecomdss.simulator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.bson.Document;

import vn.ecomdss.lake.LakeRecord;

/**
 * The vnmarket simulator's people, places and catalogue at benchmark scale, streamed: customers, products and
 * order lines in the vnmarket API's shapes, deterministic per seed, generated one record at a time so that
 * nothing holds all rows. The simulator's own views hold a whole day in memory, which is fine for its API and
 * not for a million lines.
 *
 * <p>Day 1 delivers every customer and product and the orders of the 180 days before day 1, except one order in
 * twenty; day 2 delivers every customer and product again, with one customer in ten and one product in twenty
 * changed that morning, and the late orders (dated during the day-1 window, so the as-of lookup must pick the
 * versions valid before day 2's changes).
 */
public final class BenchmarkMarket {

    public static final String SOURCE = "benchmarket";
    private static final ZoneOffset VIETNAM = MarketCalendar.VIETNAM_OFFSET;
    private static final List<Integer> LINE_COUNTS = List.of(1, 2, 3, 4, 5);
    private static final int[] LINE_COUNT_WEIGHTS = {52, 24, 12, 7, 5};
    private static final List<String> PAYMENTS = List.of("MoMo", "ZaloPay", "VNPay", "ShopeePay", "COD", "Visa");
    private static final List<String> STATUSES = List.of("delivered", "delivered", "delivered", "shipping", "cancelled");
    private static final List<String> INCOMES = List.of("low", "middle", "upper_middle", "high");
    private static final List<String> MEMBERSHIPS = List.of("bronze", "silver", "gold", "platinum");

    private final long seed;
    private final int lines;
    private final int customers;
    private final int products;
    private final LocalDate dayOne;
    private final long[] prices;

    public BenchmarkMarket(long seed, int lines, int customers, int products, LocalDate dayOne) {
        this.seed = seed;
        this.lines = lines;
        this.customers = customers;
        this.products = products;
        this.dayOne = dayOne;
        this.prices = new long[products];
        for (int i = 0; i < products; i++) {
            prices[i] = product(i).getLong("price_vnd");
        }
    }

    public LocalDate dayOne() {
        return dayOne;
    }

    public LocalDate dayTwo() {
        return dayOne.plusDays(1);
    }

    public static boolean customerChangesOnDayTwo(int index) {
        return index % 10 == 3;
    }

    public static boolean productChangesOnDayTwo(int index) {
        return index % 20 == 7;
    }

    static boolean late(long order) {
        return order % 20 == 11;
    }

    public void customers(int day, Consumer<LakeRecord> sink) {
        for (int i = 0; i < customers; i++) {
            SplittableRandom r = SeededRandom.of(seed, "bench-customer", i);
            boolean female = r.nextBoolean();
            VietnamesePeople.PersonName name = VietnamesePeople.name(r, female);
            int birthYear = 1960 + r.nextInt(45);
            String id = String.format("VNM-C%06d", i);
            Document doc = new Document("id", id)
                    .append("full_name", name.proper())
                    .append("email", VietnamesePeople.email(name, birthYear, r))
                    .append("phone", VietnamesePeople.phone(r))
                    .append("city", SeededRandom.pick(r, VietnamGeography.pickProvince(r).spellings()))
                    .append("gender", female ? "female" : "male")
                    .append("birth_year", birthYear)
                    .append("income_level", SeededRandom.pick(r, INCOMES))
                    .append("membership", SeededRandom.pick(r, MEMBERSHIPS))
                    .append("updated_at", timestamp(dayOne.minusDays(400 - i % 200).atTime(10, 0)));
            int version = 1;
            if (day == 2 && customerChangesOnDayTwo(i)) {
                SplittableRandom change = SeededRandom.of(seed, "bench-customer-change", i);
                doc.append("email", "moi." + doc.getString("email"))
                        .append("city", SeededRandom.pick(change, VietnamGeography.pickProvince(change).spellings()))
                        .append("membership", SeededRandom.pick(change, MEMBERSHIPS))
                        .append("updated_at", timestamp(dayTwo().atTime(9, 0)));
                version = 2;
            }
            sink.accept(new LakeRecord("customer:" + id + ":" + version, SOURCE, "customers", id, doc));
        }
    }

    public void products(int day, Consumer<LakeRecord> sink) {
        for (int i = 0; i < products; i++) {
            Document doc = product(i);
            int version = 1;
            if (day == 2 && productChangesOnDayTwo(i)) {
                long price = doc.getLong("price_vnd");
                doc.append("price_vnd", price - price / 10).append("updated_at", timestamp(dayTwo().atTime(8, 0)));
                version = 2;
            }
            sink.accept(new LakeRecord("product:" + doc.getString("id") + ":" + version, SOURCE, "products",
                    doc.getString("id"), doc));
        }
    }

    private Document product(int i) {
        SplittableRandom r = SeededRandom.of(seed, "bench-product", i);
        ProductCatalogue.Model model = SeededRandom.pick(r, ProductCatalogue.MODELS);
        long price = Math.max(1000, model.listPriceVnd() / 1000 * (800 + r.nextInt(400)));
        return new Document("id", String.format("VNM-P%05d", i))
                .append("name", model.name() + (model.variants().isEmpty() ? "" : " " + SeededRandom.pick(r, model.variants())))
                .append("category", model.category())
                .append("brand", model.brand())
                .append("price_vnd", price)
                .append("original_price_vnd", price + price / 5)
                .append("stock", r.nextInt(500))
                .append("status", "active")
                .append("rating", Math.round((3.5 + r.nextDouble() * 1.5) * 10) / 10.0)
                .append("platform", SeededRandom.pick(r, ProductCatalogue.PLATFORMS))
                .append("updated_at", timestamp(dayOne.minusDays(300 - i % 100).atTime(0, 30)));
    }

    /** Day 1: every order but the late ones; day 2: only the late ones. Lines add up to exactly {@code lines}. */
    public void orders(int day, Consumer<LakeRecord> sink) {
        long produced = 0;
        long expectedOrders = Math.max(1, lines / 2);
        for (long o = 0; produced < lines; o++) {
            SplittableRandom r = SeededRandom.of(seed, "bench-order", o);
            int count = (int) Math.min(SeededRandom.pickWeighted(r, LINE_COUNTS, LINE_COUNT_WEIGHTS), lines - produced);
            produced += count;
            if (late(o) != (day == 2)) {
                continue;
            }
            long daysBack = 1 + Math.min(179, o * 180 / expectedOrders);
            LocalDateTime at = dayOne.minusDays(daysBack).atTime(1 + r.nextInt(23), r.nextInt(60));
            List<Document> orderLines = new ArrayList<>(count);
            for (int n = 1; n <= count; n++) {
                int productIndex = r.nextInt(products);
                long price = prices[productIndex];
                int quantity = 1 + r.nextInt(3);
                orderLines.add(new Document("line_number", n)
                        .append("product_id", String.format("VNM-P%05d", productIndex))
                        .append("quantity", quantity)
                        .append("unit_price_vnd", price)
                        .append("discount_vnd", r.nextInt(5) == 0 ? price * quantity / 20 : 0L));
            }
            String id = String.format("VNM-O%08d", o);
            Document doc = new Document("id", id)
                    .append("customer_id", String.format("VNM-C%06d", r.nextInt(customers)))
                    .append("order_date", timestamp(at))
                    .append("platform", SeededRandom.pick(r, ProductCatalogue.PLATFORMS))
                    .append("payment_method", SeededRandom.pick(r, PAYMENTS))
                    .append("status", SeededRandom.pick(r, STATUSES))
                    .append("shipping_city", SeededRandom.pick(r, VietnamGeography.pickProvince(r).spellings()))
                    .append("lines", orderLines);
            sink.accept(new LakeRecord("order:" + id, SOURCE, "orders", id, doc));
        }
    }

    private static String timestamp(LocalDateTime wallClock) {
        return wallClock.atOffset(VIETNAM).toString();
    }
}
