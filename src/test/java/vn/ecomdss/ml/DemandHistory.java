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
 * Sales facts with a known demand structure, written straight into the warehouse for one source: each product sells a
 * Poisson number of units a day around its own level, times a weekday profile, 1.8 in the Tết season and 3 on the
 * double-day festivals (as {@code dw.dim_date} marks them), and {@code 1 + 2.5 × discount} on the days of its
 * promotions, which come every few weeks for three to six days and are announced a week ahead (in
 * {@code dw.fact_promotion}). One order line per product and day carries the day's units.
 */
final class DemandHistory {

    static final double[] WEEKDAY = {0.8, 0.9, 1.0, 1.0, 1.2, 1.6, 1.4};

    private static final String PRODUCT = """
            insert into dw.dim_product (source, product_id, title, category, brand, price, currency, row_hash,
                                        valid_from, is_current, run_id)
            values (?, ?, ?, 'Thời trang', 'Test', ?, 'VND', md5(?), timestamptz '2020-01-01', true, 'demand-history')
            returning product_key
            """;
    private static final String DAYS = """
            select full_date, day_of_week, is_tet_season, is_double_day_festival from dw.dim_date
            where full_date between ? and ? order by full_date
            """;
    private static final String LINE = """
            insert into dw.fact_sales (source, order_id, line_number, order_date, order_ts, date_key, customer_key,
                product_key, platform_key, geography_key, quantity, unit_price, discount_amount, gross_amount,
                net_amount, currency, exchange_rate, net_amount_vnd, run_id, sales_line_key)
            values (?, ?, 1, ?, ?, ?, 0, ?, 0, 0, ?, ?, 0, ?, ?, 'VND', 1, ?, 'demand-history',
                    dw.sales_line_key(?, ?, 1))
            """;

    private static final String PROMOTION = """
            insert into dw.fact_promotion (source, promotion_id, product_id, product_key, promotion_type, name,
                start_date, end_date, discount_percent, currency, announced_at, run_id, envelope_id)
            values (?, ?, ?, ?, 'flash_sale', 'Flash sale', ?, ?, ?, 'VND', ?, 'demand-history', ?)
            """;

    private DemandHistory() {
    }

    /** Writes {@code products} products' sales from {@code from} to {@code to}; each product's mean units a day. */
    static Map<String, Double> write(JdbcTemplate jdbc, String source, int products, LocalDate from, LocalDate to,
                                     long seed) {
        Random random = new Random(seed);
        for (LocalDate month = from.withDayOfMonth(1); !month.isAfter(to); month = month.plusMonths(1)) {
            jdbc.queryForList("select dw.ensure_fact_sales_partition(?)", Date.valueOf(month));
        }
        List<Object[]> days = new ArrayList<>();
        jdbc.query(DAYS, rs -> {
            days.add(new Object[] {rs.getDate(1).toLocalDate(), rs.getInt(2), rs.getBoolean(3), rs.getBoolean(4)});
        }, Date.valueOf(from), Date.valueOf(to));
        Map<String, Double> levels = new java.util.LinkedHashMap<>();
        List<Object[]> lines = new ArrayList<>();
        for (int p = 1; p <= products; p++) {
            String id = String.format("P%02d", p);
            double level = 1 + 11 * random.nextDouble();
            BigDecimal price = BigDecimal.valueOf(50_000 + 10_000L * random.nextInt(20));
            long key = jdbc.queryForObject(PRODUCT, Long.class, source, id, "Sản phẩm " + id, price, source + id);
            levels.put(id, level);
            Map<LocalDate, Double> discounts = new java.util.HashMap<>();
            for (LocalDate start = from.plusDays(10 + random.nextInt(30)); start.isBefore(to);
                 start = start.plusDays(20 + random.nextInt(30))) {
                LocalDate end = start.plusDays(2 + random.nextInt(4));
                int percent = 10 + 5 * random.nextInt(7);
                String promotion = id + ":flash:" + start;
                jdbc.update(PROMOTION, source, promotion, id, key, Date.valueOf(start), Date.valueOf(end), percent,
                        Timestamp.from(start.minusDays(7).atTime(9, 0).toInstant(ZoneOffset.ofHours(7))), promotion);
                for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
                    discounts.put(d, percent / 100.0);
                }
            }
            for (Object[] day : days) {
                LocalDate date = (LocalDate) day[0];
                double mean = level * WEEKDAY[(Integer) day[1] - 1] * ((Boolean) day[2] ? 1.8 : 1) * ((Boolean) day[3] ? 3 : 1)
                        * (1 + 2.5 * discounts.getOrDefault(date, 0.0));
                int units = poisson(random, mean);
                if (units == 0) {
                    continue;
                }
                String order = id + "-" + date;
                BigDecimal amount = price.multiply(BigDecimal.valueOf(units));
                lines.add(new Object[] {source, order, Date.valueOf(date),
                        Timestamp.from(date.atTime(12, 0).toInstant(ZoneOffset.ofHours(7))),
                        Integer.parseInt(date.toString().replace("-", "")), key, units, price, amount, amount,
                        amount, source, order});
            }
        }
        jdbc.batchUpdate(LINE, lines);
        return levels;
    }

    private static int poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }
}
