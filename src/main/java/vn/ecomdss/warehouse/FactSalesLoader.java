package vn.ecomdss.warehouse;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.RunParameters;

/**
 * Loads a run's staged order lines into {@code dw.fact_sales}, set-based, in transactions of its own: creates
 * the monthly partitions the lines need, adds inferred members for customers and products not yet known, looks
 * up each dimension version valid at the order time, updates only the lines that changed and inserts the new
 * ones.
 *
 * <p>A line is keyed by {@code sales_line_key} (64 bits of SHA-256 of source, order id and line number, staged
 * by the transform; {@code dw.sales_line_key} in SQL) and its order
 * date (the partition key). The load first finds, across all partitions, the lines already loaded under the same
 * keys: a key carried by a different natural key is a hash collision and fails the load (so the natural key
 * stays unique), a line whose order date changed is moved, and everything else is compared in place. New lines go
 * in with one {@code INSERT ... SELECT} that needs no conflict handling.
 */
@Component
public class FactSalesLoader {

    private static final Logger log = LoggerFactory.getLogger(FactSalesLoader.class);

    /** What one load did. */
    /** {@code reconciled}: lines the streaming pipeline had counted in dw.fact_sales_realtime, now here. */
    public record Result(int staged, int inserted, int updated, int inferredCustomers, int inferredProducts, int moved,
                         int reconciled) {
    }

    /**
     * The lines of the run that the streaming pipeline had already written are stamped: from now on dw.v_sales_all
     * counts them from dw.fact_sales, once. The real-time row stays, for its windows.
     */
    private static final String RECONCILE_REALTIME = """
            update dw.fact_sales_realtime r set reconciled_at = clock_timestamp()
            from staging.sales_line s
            where s.run_id = ? and r.source = s.source and r.order_id = s.order_id
              and r.line_number = s.line_number and r.reconciled_at is null
            """;

    /** What the run staged, per local order date, with the lines staged without a key or date (one scan). */
    private static final String DAYS = """
            select order_date, count(*) as lines,
                   count(*) filter (where sales_line_key is null or order_date is null) as unkeyed
            from staging.sales_line where run_id = ?
            group by order_date
            """;

    private static final String INFERRED_CUSTOMERS =
            InferredMembers.insert(Scd2Spec.CUSTOMER, "staging.sales_line", "source", "customer_id");

    private static final String INFERRED_PRODUCTS =
            InferredMembers.insert(Scd2Spec.PRODUCT, "staging.sales_line", "source", "product_id");

    /** The lines of this run already in the warehouse, wherever their partition. */
    private static final String EXISTING = """
            create temp table fact_existing on commit drop as
            select f.sales_line_key, f.order_date as loaded_date,
                   s.order_date as staged_date,
                   (f.source, f.order_id, f.line_number) = (s.source, s.order_id, s.line_number) as same_line,
                   s.source || '/' || s.order_id || '/' || s.line_number as natural_key
            from staging.sales_line s
            join dw.fact_sales f on f.sales_line_key = s.sales_line_key
            where s.run_id = ? and s.order_date between ? and ?
            """;

    /** The transform stages each line's key and local order date; lines staged by other means get them here. */
    private static final String KEYS = """
            update staging.sales_line
            set sales_line_key = coalesce(sales_line_key, dw.sales_line_key(source, order_id, line_number)),
                order_date = coalesce(order_date, (order_ts at time zone 'Asia/Ho_Chi_Minh')::date)
            where run_id = ? and (sales_line_key is null or order_date is null)
            """;

    /** Keys staged more than once in the run: the same line delivered twice, or two lines sharing a hash. */
    private static final String REPEATED_KEYS = """
            create temp table fact_repeated on commit drop as
            with repeated as (select sales_line_key
                              from staging.sales_line where run_id = ?
                              group by 1 having count(*) > 1)
            select r.sales_line_key,
                   count(distinct (s.source, s.order_id, s.line_number)) as lines,
                   min(s.source || '/' || s.order_id || '/' || s.line_number) || ' and '
                       || max(s.source || '/' || s.order_id || '/' || s.line_number) as natural_keys,
                   (array_agg(s.envelope_id order by s.fetched_at desc nulls last, s.envelope_id desc))[1]
                       as kept_envelope
            from repeated r
            join staging.sales_line s on s.run_id = ?
                                     and s.sales_line_key = r.sales_line_key
            group by r.sales_line_key
            """;

    /** A line delivered twice under different payloads keeps the most recently fetched row. */
    private static final String DROP_REPEATS = """
            delete from staging.sales_line s using fact_repeated r
            where s.run_id = ? and s.sales_line_key = r.sales_line_key
              and s.envelope_id <> r.kept_envelope
            """;

    private static final String MOVED = """
            delete from dw.fact_sales f using fact_existing e
            where f.sales_line_key = e.sales_line_key and f.order_date = e.loaded_date and e.loaded_date <> e.staged_date
            """;

    /**
     * Each staged line with its dimension keys as of its order time and its amounts in VND. A key deleted before
     * the order has no version valid then; the line takes the last version before the order instead. The
     * placeholder picks the lines already loaded at the same date ("") or the others ("not"). The fallbacks
     * sit outside the fenced ({@code offset 0}) subqueries so that the as-of joins stay hash joins; the fences
     * also keep each amount computed once per line. The date key comes from {@code dw.dim_date} (a hash join
     * costs less than formatting a date per line) unless the date is outside the calendar.
     */
    private static final String RESOLVED = """
            select j.source, j.order_id, j.line_number, j.sales_line_key, j.order_date, j.order_ts,
                   coalesce(d.date_key, to_char(j.order_date, 'YYYYMMDD')::integer) as date_key,
                   coalesce(j.customer_key, cl.customer_key) as customer_key,
                   coalesce(j.product_key, pl.product_key) as product_key,
                   coalesce(j.platform_key, (select platform_key from dw.dim_platform
                                             where platform_code = 'unknown' and is_current)) as platform_key,
                   coalesce(g.geography_key, 0) as geography_key,
                   j.payment_method, j.order_status, j.quantity, j.unit_price, j.discount_amount,
                   j.gross_amount, j.net_amount, j.currency, j.rate_to_vnd as exchange_rate,
                   case when j.rate_to_vnd = 1 then j.net_amount
                        else round(j.net_amount * j.rate_to_vnd) end as net_amount_vnd,
                   j.envelope_id
            from (select l.*, l.gross_amount - l.discount_amount as net_amount, c.customer_key, c.province_code,
                         p.product_key, pf.platform_key, fx.rate_to_vnd
                  from (select s.*, s.quantity * s.unit_price as gross_amount
                        from staging.sales_line s
                        where s.run_id = ? and s.order_date between ? and ?
                          and %s exists (select 1 from fact_existing e
                              where e.sales_line_key = s.sales_line_key
                                and e.loaded_date = e.staged_date)
                        offset 0) l
                  left join dw.dim_customer c on c.source = l.source and c.customer_id = l.customer_id
                                             and l.order_ts >= c.valid_from and l.order_ts < c.valid_to
                  left join dw.dim_product p on p.source = l.source and p.product_id = l.product_id
                                            and l.order_ts >= p.valid_from and l.order_ts < p.valid_to
                  left join dw.dim_platform pf on pf.platform_code = l.platform
                                              and l.order_ts >= pf.valid_from and l.order_ts < pf.valid_to
                  join (select currency, valid_from,
                               lead(valid_from, 1, date '9999-12-31') over (partition by currency order by valid_from)
                                   as valid_to,
                               rate_to_vnd
                        from ops.exchange_rate) fx
                    on fx.currency = l.currency and l.order_date >= fx.valid_from and l.order_date < fx.valid_to
                  offset 0) j
            left join lateral (select h.customer_key, h.province_code from dw.dim_customer h
                               where j.customer_key is null and h.source = j.source and h.customer_id = j.customer_id
                                 and h.valid_from <= j.order_ts
                               order by h.valid_from desc limit 1) cl on true
            left join lateral (select h.product_key from dw.dim_product h
                               where j.product_key is null and h.source = j.source and h.product_id = j.product_id
                                 and h.valid_from <= j.order_ts
                               order by h.valid_from desc limit 1) pl on true
            left join dw.dim_geography g on g.province_code = coalesce(j.province_code, cl.province_code)
            left join dw.dim_date d on d.full_date = j.order_date
            """;

    private static final String UPDATE_CHANGED = """
            update dw.fact_sales f set
                order_ts = l.order_ts, customer_key = l.customer_key, product_key = l.product_key,
                platform_key = l.platform_key, geography_key = l.geography_key, payment_method = l.payment_method,
                order_status = l.order_status, quantity = l.quantity, unit_price = l.unit_price,
                discount_amount = l.discount_amount, gross_amount = l.gross_amount, net_amount = l.net_amount,
                currency = l.currency, exchange_rate = l.exchange_rate, net_amount_vnd = l.net_amount_vnd,
                envelope_id = l.envelope_id, run_id = ?, loaded_at = now()
            from (%s) l
            where f.sales_line_key = l.sales_line_key and f.order_date = l.order_date
              and (f.order_ts, f.customer_key, f.product_key, f.platform_key, f.geography_key, f.payment_method,
                   f.order_status, f.quantity, f.unit_price, f.discount_amount, f.currency, f.exchange_rate)
                  is distinct from
                  (l.order_ts, l.customer_key, l.product_key, l.platform_key, l.geography_key, l.payment_method,
                   l.order_status, l.quantity, l.unit_price, l.discount_amount, l.currency, l.exchange_rate)
            """.formatted(RESOLVED.formatted(""));

    private static final String INSERT_NEW = """
            insert into dw.fact_sales (source, order_id, line_number, sales_line_key, order_date, order_ts, date_key,
                customer_key, product_key, platform_key, geography_key, payment_method, order_status, quantity,
                unit_price, discount_amount, gross_amount, net_amount, currency, exchange_rate, net_amount_vnd,
                envelope_id, run_id)
            select source, order_id, line_number, sales_line_key, order_date, order_ts, date_key, customer_key,
                   product_key, platform_key, geography_key, payment_method, order_status, quantity, unit_price,
                   discount_amount, gross_amount, net_amount, currency, exchange_rate, net_amount_vnd, envelope_id, ?
            from (%s) l
            """.formatted(RESOLVED.formatted("not"));

    private final JdbcTemplate jdbc;
    private final LoadLanes lanes;

    public FactSalesLoader(JdbcTemplate jdbc, LoadLanes lanes) {
        this.jdbc = jdbc;
        this.lanes = lanes;
    }

    /**
     * Loads the run's staged lines. Every statement runs in a transaction of its own (the load is idempotent: a
     * repeated or restarted load changes nothing it already did): first what the lines need (their keys, the
     * partitions, inferred members, repeated keys resolved), two at a time, then the lines themselves in
     * {@link LoadLanes#lanes()} groups of order dates of about the same size, side by side.
     */
    public Result load(RunParameters run) {
        String runId = run.runId();
        List<Map<String, Object>> days = lanes.inTransaction(() -> jdbc.queryForList(DAYS, runId));
        if (days.isEmpty()) {
            return new Result(0, 0, 0, 0, 0, 0, 0);
        }
        if (days.stream().anyMatch(day -> ((Number) day.get("unkeyed")).longValue() > 0)) {
            lanes.inTransaction(() -> timed("keys and dates of lines staged without them", () -> jdbc.update(KEYS, runId)));
            days = lanes.inTransaction(() -> jdbc.queryForList(DAYS, runId));
        }
        int staged = days.stream().mapToInt(day -> ((Number) day.get("lines")).intValue()).sum();
        // Staging changes wholesale every run, faster than autovacuum notices; the plans below depend on its size.
        lanes.inTransaction(() -> timed("analyze staging", () -> {
            jdbc.execute("analyze staging.sales_line (run_id, source, customer_id, product_id, order_date, "
                    + "sales_line_key, platform, currency)");
            return 0;
        }));
        List<LocalDate> dates = days.stream().map(day -> ((java.sql.Date) day.get("order_date")).toLocalDate()).toList();
        // {inferred customers} and {repeated rows dropped, inferred products}
        List<int[]> prepared = lanes.all(List.of(
                () -> {
                    timed("partitions", () -> ensurePartitions(dates));
                    return new int[] {timed("inferred customers", () -> jdbc.update(INFERRED_CUSTOMERS, runId, runId))};
                },
                () -> new int[] {dropRepeatedLines(runId),
                        timed("inferred products", () -> jdbc.update(INFERRED_PRODUCTS, runId, runId))}));
        int inferredCustomers = prepared.get(0)[0];
        staged -= prepared.get(1)[0];
        int inferredProducts = prepared.get(1)[1];

        List<int[]> loaded = lanes.all(ranges(days, lanes.lanes()).stream()
                .<java.util.function.Supplier<int[]>>map(range -> () -> loadDates(runId, range[0], range[1])).toList());
        int inserted = loaded.stream().mapToInt(r -> r[0]).sum();
        int updated = loaded.stream().mapToInt(r -> r[1]).sum();
        int moved = loaded.stream().mapToInt(r -> r[2]).sum();
        int reconciled = lanes.inTransaction(() -> timed("real-time lines reconciled",
                () -> jdbc.update(RECONCILE_REALTIME, runId)));
        return new Result(staged, inserted, updated, inferredCustomers, inferredProducts, moved, reconciled);
    }

    /** Inserted, updated and moved lines of the staged lines ordered between two dates, in the caller's transaction. */
    private int[] loadDates(String runId, LocalDate from, LocalDate to) {
        // A run's lines are hashed and joined in memory rather than spilled; the setting ends with the transaction.
        jdbc.execute("set local work_mem = '256MB'");
        jdbc.execute("drop table if exists fact_existing");
        int existing = timed("lines already loaded", () -> jdbc.update(EXISTING, runId, from, to));
        jdbc.execute("analyze fact_existing");
        stopOnCollisions(runId, "select natural_key from fact_existing where not same_line",
                "hash to the sales_line_key of a different line already loaded");
        int moved = existing == 0 ? 0 : timed("moved", () -> jdbc.update(MOVED));
        int updated = existing == 0 ? 0 : timed("update changed", () -> jdbc.update(UPDATE_CHANGED, runId, runId, from, to));
        int inserted = timed("insert new", () -> jdbc.update(INSERT_NEW, runId, runId, from, to));
        return new int[] {inserted, updated, moved};
    }

    /** One monthly partition for every month the dates fall in. */
    private int ensurePartitions(List<LocalDate> dates) {
        List<LocalDate> months = dates.stream().map(date -> date.withDayOfMonth(1)).distinct().sorted().toList();
        for (LocalDate month : months) {
            jdbc.queryForList("select dw.ensure_fact_sales_partition(?)", month);
        }
        return months.size();
    }

    /**
     * A key staged more than once in the run is the same line delivered twice (the most recently fetched row is
     * kept) or two lines sharing a hash (the load stops). Returns the staged rows dropped.
     */
    private int dropRepeatedLines(String runId) {
        jdbc.execute("set local work_mem = '256MB'");
        jdbc.execute("drop table if exists fact_repeated");
        if (timed("repeated keys", () -> jdbc.update(REPEATED_KEYS, runId, runId)) == 0) {
            return 0;
        }
        stopOnCollisions(runId, "select natural_keys from fact_repeated where lines > 1",
                "share a sales_line_key (64-bit hash collision)");
        return jdbc.update(DROP_REPEATS, runId);
    }

    /** Stops the load naming up to five lines the query finds (one text column: the lines' natural keys). */
    private void stopOnCollisions(String runId, String query, String problem) {
        String lines = jdbc.queryForObject("select string_agg(k, ', ') from (" + query + " limit 5) c(k)", String.class);
        if (lines != null) {
            throw new IllegalStateException("Run " + runId + ": order lines " + lines + " " + problem
                    + "; the load stops rather than merge them");
        }
    }

    /**
     * Consecutive ranges of order dates, as many as there are lanes (fewer when the run spans fewer dates), holding
     * about the same number of lines. Each range is {first date, last date}.
     */
    static List<LocalDate[]> ranges(List<Map<String, Object>> days, int lanes) {
        List<Map<String, Object>> ordered = new java.util.ArrayList<>(days);
        ordered.sort(java.util.Comparator.comparing(day -> ((java.sql.Date) day.get("order_date")).toLocalDate()));
        long total = ordered.stream().mapToLong(day -> ((Number) day.get("lines")).longValue()).sum();
        int count = Math.max(1, Math.min(lanes, ordered.size()));
        List<LocalDate[]> ranges = new java.util.ArrayList<>();
        LocalDate first = null;
        long seen = 0;
        for (int i = 0; i < ordered.size(); i++) {
            LocalDate date = ((java.sql.Date) ordered.get(i).get("order_date")).toLocalDate();
            first = first == null ? date : first;
            seen += ((Number) ordered.get(i).get("lines")).longValue();
            boolean last = i == ordered.size() - 1;
            if (last || (ranges.size() < count - 1 && seen * count >= total * (ranges.size() + 1))) {
                ranges.add(new LocalDate[] {first, date});
                first = null;
            }
        }
        return ranges;
    }

    private int timed(String statement, java.util.function.IntSupplier work) {
        long started = System.nanoTime();
        int rows = work.getAsInt();
        log.debug("fact_sales {}: {} rows in {} ms", statement, rows, (System.nanoTime() - started) / 1_000_000);
        return rows;
    }
}
