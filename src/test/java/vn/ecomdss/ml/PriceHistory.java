package vn.ecomdss.ml;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Listings with a known price structure, written straight into {@code dw.dim_product} for three sources
 * ({@code ml-price-a/b/c}): each catalogue item has a category (its base price), a brand (a factor shared by the
 * brand's items), a rating (8% per star around 4) and a stock (6% dearer when under 10 left); it is listed on two or
 * three sources, each with its own price level, with 5% noise, first seen on a day spread over the year. A few
 * listings are priced three times their structure: they must be flagged. Prices are VND.
 */
final class PriceHistory {

    static final List<String> SOURCES = List.of("ml-price-a", "ml-price-b", "ml-price-c");
    static final double[] SOURCE_LEVEL = {1.0, 0.94, 1.07};
    static final String[] CATEGORIES = {"Điện thoại", "Laptop", "Thời trang", "Mỹ phẩm", "Đồ gia dụng", "Sách",
            "Đồng hồ", "Giày dép"};
    static final double[] CATEGORY_BASE = {6_500_000, 18_000_000, 350_000, 420_000, 1_200_000, 120_000, 2_500_000,
            800_000};
    static final int BRANDS = 16;

    private static final String INSERT = """
            insert into dw.dim_product (source, product_id, title, category, brand, price, currency, stock, rating,
                                        row_hash, valid_from, is_current, run_id)
            values (?, ?, ?, ?, ?, ?, 'VND', ?, ?, md5(?), ?, true, 'price-history')
            """;

    /** A listing written, and whether it was priced off its structure on purpose. */
    record Written(String source, String productId, double price, boolean outlier) {
    }

    private PriceHistory() {
    }

    static List<Written> write(JdbcTemplate jdbc, int items, LocalDate from, LocalDate to, long seed) {
        Random random = new Random(seed);
        double[] brandFactor = new double[BRANDS];
        for (int b = 0; b < BRANDS; b++) {
            brandFactor[b] = 0.6 + 1.2 * random.nextDouble();
        }
        int days = (int) (to.toEpochDay() - from.toEpochDay());
        List<Written> written = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (int item = 0; item < items; item++) {
            int category = random.nextInt(CATEGORIES.length);
            int brand = random.nextInt(BRANDS);
            double rating = Math.round((3.0 + 2.0 * random.nextDouble()) * 10) / 10.0;
            int stock = random.nextInt(10) == 0 ? random.nextInt(10) : 10 + random.nextInt(490);
            double structure = CATEGORY_BASE[category] * brandFactor[brand] * (1 + 0.08 * (rating - 4))
                    * (stock < 10 ? 1.06 : 1.0);
            for (int s = 0; s < SOURCES.size(); s++) {
                if (s == 2 && random.nextBoolean()) {
                    continue;
                }
                boolean outlier = item % 97 == 13 && s == 0;
                double price = Math.round(structure * SOURCE_LEVEL[s] * Math.exp(0.05 * random.nextGaussian())
                        * (outlier ? 3.0 : 1.0) / 1000.0) * 1000.0;
                String id = "I" + item;
                LocalDate listed = from.plusDays(random.nextInt(days + 1));
                rows.add(new Object[] {SOURCES.get(s), id, "Item " + item, CATEGORIES[category], "Brand " + brand,
                        price, stock, rating, SOURCES.get(s) + id, Timestamp.valueOf(listed.atTime(9, 0))});
                written.add(new Written(SOURCES.get(s), id, price, outlier));
            }
        }
        jdbc.batchUpdate(INSERT, rows);
        return written;
    }

    static void remove(JdbcTemplate jdbc) {
        jdbc.update("delete from dw.dim_product where run_id = 'price-history'");
    }
}
