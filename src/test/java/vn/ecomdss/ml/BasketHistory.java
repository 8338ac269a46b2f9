package vn.ecomdss.ml;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Orders with a known structure, written straight into the warehouse for one source: {@code CATEGORIES} categories
 * of {@code PER_CATEGORY} products, each customer with one or two favourite categories (80% of their picks, the rest
 * anywhere), products within a category bought with a Zipf skew (popular ones far more often), and planted bundles:
 * the first {@code BUNDLES} even-numbered products of each category come with their odd neighbour in the same order
 * seven times in ten. Each customer places two to eight orders of one or two products between {@code from} and
 * {@code to}.
 */
final class BasketHistory {

    static final int CATEGORIES = 8;
    static final int PER_CATEGORY = 20;
    static final int BUNDLES = 4;

    private static final String CUSTOMER = """
            insert into dw.dim_customer (source, customer_id, full_name, row_hash, valid_from, is_current, run_id)
            values (?, ?, ?, md5(?), timestamptz '2020-01-01', true, 'basket-history')
            returning customer_key
            """;
    private static final String PRODUCT = """
            insert into dw.dim_product (source, product_id, title, category, brand, price, currency, row_hash,
                                        valid_from, is_current, run_id)
            values (?, ?, ?, ?, 'Test', 100000, 'VND', md5(?), timestamptz '2020-01-01', true, 'basket-history')
            returning product_key
            """;
    static final String LINE = """
            insert into dw.fact_sales (source, order_id, line_number, order_date, order_ts, date_key, customer_key,
                product_key, platform_key, geography_key, quantity, unit_price, discount_amount, gross_amount,
                net_amount, currency, exchange_rate, net_amount_vnd, run_id, sales_line_key)
            values (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, 100000, 0, ?, ?, 'VND', 1, ?, 'basket-history',
                    dw.sales_line_key(?, ?, ?))
            """;

    /** The product ids, category by category, and each customer's key. */
    record Written(List<String> products, Map<String, Long> productKeys, Map<String, Long> customerKeys) {

        /** The planted bundles: each head with the product sold with it. */
        Map<String, String> bundles() {
            Map<String, String> bundles = new java.util.LinkedHashMap<>();
            for (int c = 0; c < CATEGORIES; c++) {
                for (int b = 0; b < BUNDLES; b++) {
                    bundles.put(products.get(c * PER_CATEGORY + 2 * b), products.get(c * PER_CATEGORY + 2 * b + 1));
                }
            }
            return bundles;
        }
    }

    private BasketHistory() {
    }

    static Written write(JdbcTemplate jdbc, String source, int customers, LocalDate from, LocalDate to, long seed) {
        Random random = new Random(seed);
        for (LocalDate month = from.withDayOfMonth(1); !month.isAfter(to); month = month.plusMonths(1)) {
            jdbc.queryForList("select dw.ensure_fact_sales_partition(?)", Date.valueOf(month));
        }
        List<String> products = new ArrayList<>();
        Map<String, Long> productKeys = new java.util.HashMap<>();
        for (int c = 0; c < CATEGORIES; c++) {
            for (int p = 0; p < PER_CATEGORY; p++) {
                String id = String.format("R%d%02d", c, p);
                products.add(id);
                productKeys.put(id, jdbc.queryForObject(PRODUCT, Long.class, source, id, "Sản phẩm " + id,
                        "Loại " + c, source + id));
            }
        }
        double[] zipf = new double[PER_CATEGORY];
        double total = 0;
        for (int p = 0; p < PER_CATEGORY; p++) {
            total += zipf[p] = 1 / Math.pow(p + 1, 0.9);
        }
        for (int p = 0; p < PER_CATEGORY; p++) {
            zipf[p] /= total;
        }
        Map<String, Long> customerKeys = new java.util.LinkedHashMap<>();
        List<Object[]> lines = new ArrayList<>();
        int days = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
        for (int k = 1; k <= customers; k++) {
            String id = String.format("C%04d", k);
            long key = jdbc.queryForObject(CUSTOMER, Long.class, source, id, "Khách " + id, source + id);
            customerKeys.put(id, key);
            int first = random.nextInt(CATEGORIES);
            int second = random.nextDouble() < 0.5 ? first : random.nextInt(CATEGORIES);
            int orders = 2 + random.nextInt(7);
            List<LocalDate> dates = new ArrayList<>();
            for (int o = 0; o < orders; o++) {
                dates.add(from.plusDays(random.nextInt(days)));
            }
            dates.sort(LocalDate::compareTo);
            for (int o = 0; o < orders; o++) {
                LocalDate date = dates.get(o);
                String order = id + "-" + (o + 1);
                List<String> basket = new ArrayList<>();
                int picks = 1 + random.nextInt(2);
                for (int n = 0; n < picks; n++) {
                    double r = random.nextDouble();
                    int category = r < 0.4 ? first : r < 0.8 ? second : random.nextInt(CATEGORIES);
                    int p = pick(random, zipf);
                    String product = products.get(category * PER_CATEGORY + p);
                    if (!basket.contains(product)) {
                        basket.add(product);
                    }
                    if (p % 2 == 0 && p / 2 < BUNDLES && random.nextDouble() < 0.7) {
                        String partner = products.get(category * PER_CATEGORY + p + 1);
                        if (!basket.contains(partner)) {
                            basket.add(partner);
                        }
                    }
                }
                for (int line = 1; line <= basket.size(); line++) {
                    int quantity = 1 + random.nextInt(2);
                    BigDecimal amount = BigDecimal.valueOf(100_000L * quantity);
                    lines.add(new Object[] {source, order, line, Date.valueOf(date),
                            Timestamp.from(date.atTime(10 + o % 8, 0).toInstant(ZoneOffset.ofHours(7))),
                            Integer.parseInt(date.toString().replace("-", "")), key,
                            productKeys.get(basket.get(line - 1)), quantity, amount, amount, amount, source, order,
                            line});
                }
            }
        }
        jdbc.batchUpdate(LINE, lines);
        return new Written(products, productKeys, customerKeys);
    }

    private static int pick(Random random, double[] weights) {
        double r = random.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
