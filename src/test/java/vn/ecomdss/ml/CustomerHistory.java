package vn.ecomdss.ml;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Customers of known structure, written straight into the warehouse for one source: each has a latent order rate
 * that DRIFTS, so that recent behaviour predicts the next year better than lifetime or last-year spend. Most customers
 * switch between spells of buying (one and a half times their base rate) and of near silence (a tenth of it), a spell
 * lasting {@value #SPELL_DAYS} days on average: they accelerate and decelerate, and the last months say which spell
 * they are in while last year's spend mixes both. Steady customers keep their rate; churners are big spenders who
 * stop for good at a random day; newcomers start at one. Each order's value is the customer's level times noise; a
 * third of the customers use the app, which records their views on the days they order
 * ({@code dw.fact_user_activity_daily}).
 */
final class CustomerHistory {

    static final String SOURCE = "ml-customer-a";
    static final String RUN = "customer-history";

    enum Type { SWITCHING, STEADY, CHURNER, NEWCOMER }

    /** How long a switching customer's spell of buying or of near silence lasts, on average. */
    static final int SPELL_DAYS = 250;

    private static final String CUSTOMER = """
            insert into dw.dim_customer (source, customer_id, full_name, row_hash, valid_from, is_current, run_id)
            values (?, ?, ?, md5(?), timestamptz '2020-01-01', true, 'customer-history')
            returning customer_key
            """;
    private static final String ACTIVITY = """
            insert into dw.fact_user_activity_daily (activity_date, date_key, source, customer_key, platform_key,
                event_type, events, sessions, products, run_id, envelope_id)
            values (?, ?, ?, ?, 0, 'view', ?, 1, 1, 'customer-history', 'customer-history')
            """;

    /** The customers written: id, key and type. */
    record Written(Map<String, Long> keys, Map<String, Type> types) {
    }

    private CustomerHistory() {
    }

    static Written write(JdbcTemplate jdbc, int customers, LocalDate from, LocalDate to, long seed) {
        Random random = new Random(seed);
        for (LocalDate month = from.withDayOfMonth(1); !month.isAfter(to); month = month.plusMonths(1)) {
            jdbc.queryForList("select dw.ensure_fact_sales_partition(?)", Date.valueOf(month));
            jdbc.queryForList("select dw.ensure_monthly_partition('fact_user_activity_daily', ?)", Date.valueOf(month));
        }
        int days = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
        Map<String, Long> keys = new LinkedHashMap<>();
        Map<String, Type> types = new LinkedHashMap<>();
        List<Object[]> lines = new ArrayList<>();
        List<Object[]> activity = new ArrayList<>();
        for (int k = 1; k <= customers; k++) {
            String id = String.format("K%04d", k);
            long key = jdbc.queryForObject(CUSTOMER, Long.class, SOURCE, id, "Khách " + id, SOURCE + id);
            double r = random.nextDouble();
            Type type = r < 0.6 ? Type.SWITCHING : r < 0.75 ? Type.STEADY : r < 0.9 ? Type.CHURNER : Type.NEWCOMER;
            keys.put(id, key);
            types.put(id, type);
            double level = 150_000 * Math.exp(random.nextGaussian() * 0.6) * (type == Type.CHURNER ? 2.5 : 1);
            double base = (1 + random.nextDouble() * 5) / 30;
            int start = type == Type.NEWCOMER ? random.nextInt(days) : 0;
            int stop = type == Type.CHURNER ? 120 + random.nextInt(days + 200) : Integer.MAX_VALUE;
            boolean hot = random.nextBoolean();
            boolean app = random.nextDouble() < 0.33;
            int orders = 0;
            for (int d = start; d < days && d < stop; d++) {
                if (type == Type.SWITCHING && random.nextDouble() < 1.0 / SPELL_DAYS) {
                    hot = !hot;
                }
                double rate = switch (type) {
                    case STEADY, NEWCOMER -> base;
                    case CHURNER -> base * 1.5;
                    case SWITCHING -> hot ? base * 1.5 : base * 0.1;
                };
                if (random.nextDouble() >= rate) {
                    continue;
                }
                orders++;
                LocalDate date = from.plusDays(d);
                int items = 1 + random.nextInt(3);
                BigDecimal amount = BigDecimal.valueOf(Math.round(level * Math.exp(random.nextGaussian() * 0.3)
                        * (0.7 + 0.3 * items)));
                String order = id + "-" + orders;
                lines.add(new Object[] {SOURCE, order, 1, Date.valueOf(date),
                        Timestamp.from(date.atTime(10, 0).toInstant(ZoneOffset.ofHours(7))),
                        Integer.parseInt(date.toString().replace("-", "")), key, 0L, items,
                        amount.divide(BigDecimal.valueOf(items), 2, java.math.RoundingMode.HALF_UP), amount, amount,
                        amount, SOURCE, order, 1});
                if (app) {
                    activity.add(new Object[] {Date.valueOf(date), Integer.parseInt(date.toString().replace("-", "")),
                            SOURCE, key, 2 + random.nextInt(8)});
                }
            }
        }
        jdbc.batchUpdate(LINE, lines);
        jdbc.batchUpdate(ACTIVITY, activity);
        return new Written(keys, types);
    }

    static final String LINE = """
            insert into dw.fact_sales (source, order_id, line_number, order_date, order_ts, date_key, customer_key,
                product_key, platform_key, geography_key, quantity, unit_price, discount_amount, gross_amount,
                net_amount, currency, exchange_rate, net_amount_vnd, run_id, sales_line_key)
            values (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, 0, ?, ?, 'VND', 1, ?, 'customer-history',
                    dw.sales_line_key(?, ?, ?))
            """;

    static void remove(JdbcTemplate jdbc) {
        jdbc.update("delete from dw.fact_sales where run_id = 'customer-history'");
        jdbc.update("delete from dw.fact_user_activity_daily where run_id = 'customer-history'");
        jdbc.update("delete from dw.dim_customer where run_id = 'customer-history'");
    }
}
