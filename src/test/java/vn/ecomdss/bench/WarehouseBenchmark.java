package vn.ecomdss.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.ecomdss.pipeline.CopyWriter;
import vn.ecomdss.DssApplication;
import vn.ecomdss.definition.JobCatalogue;
import vn.ecomdss.lake.LakeRecord;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.SourceDefinition;
import vn.ecomdss.simulator.BenchmarkMarket;
import vn.ecomdss.transform.CustomerStaging;
import vn.ecomdss.transform.CustomerTransformer;
import vn.ecomdss.transform.ProductStaging;
import vn.ecomdss.transform.ProductTransformer;
import vn.ecomdss.transform.SalesLineStaging;
import vn.ecomdss.transform.SalesTransformer;
import vn.ecomdss.transform.StagedCustomer;
import vn.ecomdss.transform.StagedProduct;
import vn.ecomdss.transform.StagedSalesLine;
import vn.ecomdss.warehouse.FactSalesLoader;
import vn.ecomdss.warehouse.FactsStepFactory;
import vn.ecomdss.warehouse.MartRefresher;
import vn.ecomdss.warehouse.Scd2Invariants;
import vn.ecomdss.warehouse.Scd2Merge;
import vn.ecomdss.warehouse.Scd2Spec;
import vn.ecomdss.warehouse.Scd2StepFactory;

/**
 * The warehouse load path at scale against PostgreSQL's own floor for the same rows. Day 1 loads N order lines
 * with every customer and product; day 2 loads the customers and products again with 10% and 5% changed, and the
 * 5% of orders that arrived late. Each stage runs the production components the ETL steps call (transformers,
 * {@link CopyWriter}, {@link Scd2StepFactory#merge}, {@link FactsStepFactory#load}, the mart
 * refresh), one transaction per chunk and, as in the job, the dimensions side by side and the fact loads in their
 * lanes. The transforms run one after the other here (the job runs them side by side), and the records are
 * generated in memory instead of read from the lake; generating is timed apart and left out of the load path. The floor is measured in the same run on the same rows:
 * {@code COPY} into unlogged tables, the bare SCD2 statements for day 2's customers, and one {@code INSERT ...
 * SELECT} with the as-of joins into an unlogged table without constraints. The floor's
 * {@code SELECT} computes what the fact load computes, the same way (the staged local order date, the calendar's
 * date key, each amount once), without the fallbacks for deleted keys and without looking for lines already loaded.
 *
 * <p>Run it with {@code ops/bench/warehouse-benchmark.sh [lines=1000000] [customers=100000] [products=20000]}.
 */
public final class WarehouseBenchmark {

    /** What to generate. */
    public record Settings(int lines, int customers, int products, long seed, LocalDate dayOne) {

        public static Settings of(Map<String, String> args) {
            return new Settings(Integer.parseInt(args.getOrDefault("lines", "1000000")),
                    Integer.parseInt(args.getOrDefault("customers", "100000")),
                    Integer.parseInt(args.getOrDefault("products", "20000")),
                    Long.parseLong(args.getOrDefault("seed", "42")),
                    LocalDate.parse(args.getOrDefault("day-one", "2026-03-01")));
        }
    }

    /** One timed stage. */
    public record Stage(String name, long rows, long nanos) {
        double seconds() {
            return nanos / 1e9;
        }
    }

    /** Everything one run measured and checked. */
    public record Report(Settings settings, List<Stage> stages, double loadPathSeconds, double customerScd2Seconds,
                         double martSeconds, double floorSeconds, long peakHeapBytes, Map<String, Long> counts,
                         List<String> problems) {

        public double ratio() {
            return loadPathSeconds / floorSeconds;
        }
    }

    private static final int CHUNK_RECORDS = 5_000;
    private static final List<String> MARTS = List.of("mart.mv_monthly_sales", "mart.mv_customer_analytics",
            "mart.mv_product_performance", "mart.mv_platform_comparison", "mart.mv_customer_rfm",
            "mart.mv_campaign_uplift");

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final CopyWriter staging;
    private final Scd2Merge merge;
    private final FactSalesLoader salesFacts;
    private final FactsStepFactory facts;
    private final Scd2StepFactory dimensions;
    private final SourceCatalogue sources;
    private final Scd2Invariants invariants;
    private final MartRefresher marts;
    private final SourceDefinition vnmarket;
    private final List<Stage> stages = new ArrayList<>();
    private PrintStream progress;

    public WarehouseBenchmark(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactionManager,
                              CopyWriter staging, Scd2Merge merge, FactSalesLoader salesFacts,
                              Scd2StepFactory dimensions, FactsStepFactory facts,
                              Scd2Invariants invariants, MartRefresher marts, JobCatalogue catalogue) {
        this.dimensions = dimensions;
        this.sources = catalogue.sources();
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(transactionManager);
        this.staging = staging;
        this.merge = merge;
        this.salesFacts = salesFacts;
        this.facts = facts;
        this.invariants = invariants;
        this.marts = marts;
        this.vnmarket = catalogue.sources().get("vnmarket");
    }

    public static void main(String[] arguments) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("arguments are key=value (lines, customers, products, seed, day-one, "
                        + "data-dir, statements=DEBUG to time each SQL statement, hold-seconds to keep the warehouse up afterwards), got '" + argument + "'");
            }
            args.put(argument.substring(0, eq), argument.substring(eq + 1));
        }
        Path dataDir = Path.of(args.getOrDefault("data-dir", "target/bench-data")).toAbsolutePath();
        deleteRecursively(dataDir);
        Settings settings = Settings.of(args);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DssApplication.class)
                .run("--dss.data-dir=" + dataDir, "--logging.level.vn.ecomdss=WARN",
                        "--logging.level.vn.ecomdss.warehouse.FactSalesLoader=" + args.getOrDefault("statements", "WARN"),
                        "--logging.level.vn.ecomdss.warehouse.Scd2Merge=" + args.getOrDefault("statements", "WARN"))) {
            WarehouseBenchmark benchmark = new WarehouseBenchmark(context.getBean(JdbcTemplate.class),
                    context.getBean(DataSource.class), context.getBean(PlatformTransactionManager.class),
                    context.getBean(CopyWriter.class), context.getBean(Scd2Merge.class),
                    context.getBean(FactSalesLoader.class), context.getBean(Scd2StepFactory.class),
                    context.getBean(FactsStepFactory.class),
                    context.getBean(Scd2Invariants.class), context.getBean(MartRefresher.class),
                    context.getBean(JobCatalogue.class));
            benchmark.progress = System.out;
            Report report = benchmark.run(settings);
            print(report, System.out);
            int hold = Integer.parseInt(args.getOrDefault("hold-seconds", "0"));
            if (hold > 0) {
                System.out.println("warehouse kept up for " + hold + " s for inspection: "
                        + context.getEnvironment().getProperty("spring.datasource.url", "see " + dataDir.resolve("endpoints.properties")));
                Thread.sleep(hold * 1000L);
            }
            if (!report.problems().isEmpty()) {
                System.exit(1);
            }
        }
        System.exit(0);
    }

    public Report run(Settings settings) throws Exception {
        resetPeakHeap();
        BenchmarkMarket market = new BenchmarkMarket(settings.seed(), settings.lines(), settings.customers(),
                settings.products(), settings.dayOne());
        String prefix = "bench-" + Long.toHexString(System.nanoTime());
        RunParameters dayOne = new RunParameters(prefix + "-day1", market.dayOne(), Set.of(), false);
        RunParameters dayTwo = new RunParameters(prefix + "-day2", market.dayTwo(), Set.of(), false);

        double loadPath = load("day 1", market, 1, dayOne);
        jdbc.execute("drop schema if exists bench cascade");
        jdbc.execute("create schema bench");
        jdbc.execute("create unlogged table bench.dim_customer as select * from dw.dim_customer where source = '"
                + BenchmarkMarket.SOURCE + "'");
        load("day 2", market, 2, dayTwo);
        double customerScd2 = stages.stream().filter(s -> s.name().startsWith("day 2   scd2 customer")).findFirst()
                .orElseThrow().seconds();
        long martStarted = System.nanoTime();
        List<MartRefresher.Refresh> refreshed = new ArrayList<>();
        time("marts refresh (by dependency level, side by side)", () -> {
            refreshed.addAll(marts.refreshAll(MARTS));
            return refreshed.stream().mapToLong(MartRefresher.Refresh::rows).sum();
        });
        for (MartRefresher.Refresh refresh : refreshed) {
            record(new Stage("  " + refresh.view() + " (level " + refresh.level() + ", its own time)", refresh.rows(),
                    refresh.millis() * 1_000_000));
        }
        double marts = (System.nanoTime() - martStarted) / 1e9;
        double floor = floor(dayOne, dayTwo);
        long peakHeap = peakHeap();

        List<String> problems = new ArrayList<>();
        Map<String, Long> counts = check(settings, dayTwo, problems);
        return new Report(settings, List.copyOf(stages), loadPath, customerScd2, marts, floor, peakHeap, counts, problems);
    }

    /** Transform to staging, dimensions, facts: the load path. Returns its seconds. */
    private double load(String day, BenchmarkMarket market, int dayNumber, RunParameters run) {
        Map<String, EntityDefinition> entities = vnmarket.entities();
        CustomerTransformer customers = new CustomerTransformer();
        ProductTransformer products = new ProductTransformer();
        SalesTransformer sales = new SalesTransformer();
        long started = System.nanoTime();
        long generating = stage(day + " customers", sink -> market.customers(dayNumber, sink),
                r -> List.of(customers.transform(r, entities.get("customers"), run)),
                new CustomerStaging(staging)::write);
        generating += stage(day + " products", sink -> market.products(dayNumber, sink),
                r -> List.of(products.transform(r, entities.get("products"), vnmarket.currency(), run)),
                new ProductStaging(staging)::write);
        generating += stage(day + " order lines", sink -> market.orders(dayNumber, sink),
                r -> sales.transform(r, entities.get("orders"), vnmarket.currency(), run),
                new SalesLineStaging(staging)::write);
        List<Scd2Merge.Result> merged = new ArrayList<>();
        time(day + " dimensions (platform, product, customer side by side)", () -> {
            merged.addAll(dimensions.merge(List.of(Scd2Spec.PLATFORM, Scd2Spec.PRODUCT, Scd2Spec.CUSTOMER), run,
                    sources));
            return merged.stream().mapToLong(Scd2Merge.Result::staged).sum();
        });
        for (Scd2Merge.Result result : merged) {
            record(new Stage(day + "   scd2 " + result.dimension() + " (its own time, within the above)",
                    result.staged(), result.nanos()));
        }
        time(day + " facts (fact_sales; inventory/price/review alongside)", () -> {
            FactsStepFactory.Loaded loaded = facts.load(run);
            return (long) loaded.sales().staged() + loaded.products().inventoryRows()
                    + loaded.products().priceChanges() + loaded.products().reviews();
        });
        return (System.nanoTime() - started - generating) / 1e9;
    }

    /**
     * Streams generated records through a transformer into staging, one transaction per chunk, and records the
     * transform and the COPY as two stages. Returns the nanoseconds spent generating, which stand for reading the
     * lake and are not part of the load path.
     */
    private <T> long stage(String what, Consumer<Consumer<LakeRecord>> generator,
                           java.util.function.Function<LakeRecord, List<T>> transform, Consumer<List<T>> writer) {
        List<T> chunk = new ArrayList<>();
        long[] rows = {0};
        long[] nanos = {0, 0};
        int[] records = {0};
        long started = System.nanoTime();
        generator.accept(record -> {
            long t0 = System.nanoTime();
            chunk.addAll(transform.apply(record));
            long t1 = System.nanoTime();
            nanos[0] += t1 - t0;
            if (++records[0] % CHUNK_RECORDS == 0) {
                transactions.executeWithoutResult(status -> writer.accept(chunk));
                rows[0] += chunk.size();
                chunk.clear();
                nanos[1] += System.nanoTime() - t1;
            }
        });
        long t1 = System.nanoTime();
        if (!chunk.isEmpty()) {
            transactions.executeWithoutResult(status -> writer.accept(chunk));
            rows[0] += chunk.size();
        }
        nanos[1] += System.nanoTime() - t1;
        long generating = System.nanoTime() - started - nanos[0] - nanos[1];
        record(new Stage(what + " generate (source side, not in the load path)", records[0], generating));
        record(new Stage(what + " transform", records[0], nanos[0]));
        record(new Stage(what + " copy into staging", rows[0], nanos[1]));
        return generating;
    }

    /** PostgreSQL's floor for the same rows: COPY into unlogged tables, bare SCD2 statements, one as-of INSERT. */
    private double floor(RunParameters dayOne, RunParameters dayTwo) throws Exception {
        Path dump = Files.createTempDirectory("dss-bench-floor");
        try {
            long started = 0;
            for (String table : List.of("customer", "product", "sales_line")) {
                jdbc.execute("create unlogged table bench." + table + " as select * from staging." + table + " with no data");
                Path file = dump.resolve(table + ".copy");
                try (Connection connection = dataSource.getConnection(); OutputStream out = Files.newOutputStream(file)) {
                    connection.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (select * from staging." + table
                            + " where run_id = '" + dayOne.runId() + "') to stdout", out);
                }
                Stage stage = time("floor copy " + table, () -> {
                    try (Connection connection = dataSource.getConnection(); InputStream in = Files.newInputStream(file)) {
                        return connection.unwrap(PGConnection.class).getCopyAPI()
                                .copyIn("copy bench." + table + " from stdin", in);
                    } catch (Exception e) {
                        throw new IllegalStateException("COPY into bench." + table + " failed", e);
                    }
                });
                started += stage.nanos();
            }
            jdbc.execute("analyze bench.customer; analyze bench.product; analyze bench.sales_line; analyze bench.dim_customer");
            Stage scd2 = time("floor scd2 customer (day 2)", () -> transactions.execute(status -> {
                jdbc.execute("""
                        create temp table floor_changed on commit drop as
                        select d.customer_key, s.*, md5(row(s.full_name, s.email, s.city, s.customer_segment,
                               s.income_level, s.province_code, s.region)::text) as new_hash
                        from staging.customer s
                        join bench.dim_customer d on d.source = s.source and d.customer_id = s.customer_id and d.is_current
                        where s.run_id = '%s'
                          and d.row_hash <> md5(row(s.full_name, s.email, s.city, s.customer_segment, s.income_level,
                                                    s.province_code, s.region)::text)
                        """.formatted(dayTwo.runId()));
                jdbc.update("""
                        update bench.dim_customer d set valid_to = c.changed_at, is_current = false
                        from floor_changed c where d.customer_key = c.customer_key
                        """);
                return (long) jdbc.update("""
                        insert into bench.dim_customer (customer_key, source, customer_id, full_name, email, city,
                            customer_segment, income_level, province_code, region, row_hash, valid_from, valid_to,
                            is_current, is_inferred, run_id)
                        select -customer_key, source, customer_id, full_name, email, city, customer_segment,
                               income_level, province_code, region, new_hash, changed_at, '9999-12-31', true, false,
                               run_id
                        from floor_changed
                        """);
            }));
            jdbc.execute("create unlogged table bench.fact_sales as select * from dw.fact_sales with no data");
            Stage asOf = time("floor as-of insert fact lines", () -> (long) jdbc.update("""
                    insert into bench.fact_sales (source, order_id, line_number, sales_line_key, order_date, order_ts,
                        date_key, customer_key, product_key, platform_key, geography_key, payment_method, order_status,
                        quantity, unit_price, discount_amount, gross_amount, net_amount, currency, exchange_rate,
                        net_amount_vnd, envelope_id, run_id)
                    select l.source, l.order_id, l.line_number, l.sales_line_key, l.order_date, l.order_ts,
                           d.date_key, c.customer_key, p.product_key, coalesce(pf.platform_key, 0),
                           coalesce(g.geography_key, 0), l.payment_method, l.order_status, l.quantity, l.unit_price,
                           l.discount_amount, l.gross_amount, l.net_amount, l.currency, fx.rate_to_vnd,
                           case when fx.rate_to_vnd = 1 then l.net_amount else round(l.net_amount * fx.rate_to_vnd) end,
                           l.envelope_id, l.run_id
                    from (select s.*, s.gross_amount - s.discount_amount as net_amount
                          from (select s.*, s.quantity * s.unit_price as gross_amount from bench.sales_line s offset 0) s
                          offset 0) l
                    join dw.dim_customer c on c.source = l.source and c.customer_id = l.customer_id
                                          and l.order_ts >= c.valid_from and l.order_ts < c.valid_to
                    join dw.dim_product p on p.source = l.source and p.product_id = l.product_id
                                         and l.order_ts >= p.valid_from and l.order_ts < p.valid_to
                    left join dw.dim_platform pf on pf.platform_code = l.platform
                                                and l.order_ts >= pf.valid_from and l.order_ts < pf.valid_to
                    left join dw.dim_geography g on g.province_code = c.province_code
                    join dw.dim_date d on d.full_date = l.order_date
                    join (select currency, valid_from, rate_to_vnd,
                                 lead(valid_from, 1, date '9999-12-31') over (partition by currency order by valid_from) as valid_to
                          from ops.exchange_rate) fx
                      on fx.currency = l.currency and l.order_date >= fx.valid_from and l.order_date < fx.valid_to
                    """));
            return (started + scd2.nanos() + asOf.nanos()) / 1e9;
        } finally {
            deleteRecursively(dump);
            jdbc.execute("drop schema if exists bench cascade");
        }
    }

    private Map<String, Long> check(Settings settings, RunParameters dayTwo, List<String> problems) {
        for (Scd2Spec spec : Scd2Spec.ALL) {
            invariants.violations(spec).forEach(v -> problems.add(spec.name() + ": " + v));
        }
        String source = BenchmarkMarket.SOURCE;
        Map<String, Long> counts = new LinkedHashMap<>();
        long changedCustomers = java.util.stream.IntStream.range(0, settings.customers())
                .filter(BenchmarkMarket::customerChangesOnDayTwo).count();
        long changedProducts = java.util.stream.IntStream.range(0, settings.products())
                .filter(BenchmarkMarket::productChangesOnDayTwo).count();
        expect(counts, problems, "fact_sales lines", settings.lines(),
                "select count(*) from dw.fact_sales where source = ?", source);
        expect(counts, problems, "dim_customer versions", settings.customers() + changedCustomers,
                "select count(*) from dw.dim_customer where source = ?", source);
        expect(counts, problems, "dim_customer current", settings.customers(),
                "select count(*) from dw.dim_customer where source = ? and is_current", source);
        expect(counts, problems, "dim_product versions", settings.products() + changedProducts,
                "select count(*) from dw.dim_product where source = ?", source);
        expect(counts, problems, "lines whose customer version is not valid at the order", 0,
                """
                select count(*) from dw.fact_sales f join dw.dim_customer c using (customer_key)
                where f.source = ? and not (f.order_ts >= c.valid_from and f.order_ts < c.valid_to)
                """, source);
        expect(counts, problems, "lines whose product version is not valid at the order", 0,
                """
                select count(*) from dw.fact_sales f join dw.dim_product p using (product_key)
                where f.source = ? and not (f.order_ts >= p.valid_from and f.order_ts < p.valid_to)
                """, source);
        expect(counts, problems, "late lines (day 2) on a version opened by day 2", 0,
                """
                select count(*) from dw.fact_sales f join dw.dim_customer c using (customer_key)
                where f.source = ? and f.run_id = ? and c.run_id = f.run_id
                """, source, dayTwo.runId());
        FactSalesLoader.Result again = transactions.execute(status -> salesFacts.load(dayTwo));
        counts.put("day 2 fact load repeated: lines inserted or updated", (long) again.inserted() + again.updated());
        if (again.inserted() + again.updated() != 0) {
            problems.add("repeating day 2's fact load changed " + (again.inserted() + again.updated()) + " lines");
        }
        return counts;
    }

    private void expect(Map<String, Long> counts, List<String> problems, String label, long expected, String sql,
                        Object... args) {
        Long actual = jdbc.queryForObject(sql, Long.class, args);
        counts.put(label, actual);
        if (actual == null || actual != expected) {
            problems.add(label + ": expected " + expected + ", found " + actual);
        }
    }

    private void record(Stage stage) {
        stages.add(stage);
        if (progress != null) {
            progress.printf("  %-58s %,12d %9.2f s%n", stage.name(), stage.rows(), stage.seconds());
        }
    }

    private Stage time(String name, Supplier<Long> work) {
        long started = System.nanoTime();
        Long rows = work.get();
        Stage stage = new Stage(name, rows == null ? 0 : rows, System.nanoTime() - started);
        record(stage);
        return stage;
    }

    public static void print(Report report, PrintStream out) {
        Settings s = report.settings();
        out.printf("%nwarehouse benchmark: %,d order lines, %,d customers, %,d products (seed %d); %d cores, "
                        + "load average at the end %s%n", s.lines(), s.customers(), s.products(), s.seed(),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        out.printf("%-58s %12s %9s %12s%n", "stage", "rows", "seconds", "rows/s");
        for (Stage stage : report.stages()) {
            out.printf("%-58s %,12d %9.2f %,12.0f%n", stage.name(), stage.rows(), stage.seconds(),
                    stage.seconds() > 0 ? stage.rows() / stage.seconds() : 0.0);
        }
        out.printf("%nload path day 1 (transform to staging, dimensions, facts): %.2f s (target <= 20 s)%n",
                report.loadPathSeconds());
        out.printf("SCD2 merge of day 2's customers (10%% changed):            %.2f s (target <= 2 s)%n",
                report.customerScd2Seconds());
        out.printf("marts refresh (6 marts, CONCURRENTLY, side by side):         %.2f s%n", report.martSeconds());
        out.printf("PostgreSQL floor (COPY + SCD2 statements + as-of INSERT):   %.2f s%n", report.floorSeconds());
        out.printf("ratio load path / floor:                                    %.2f (target <= 3)%n", report.ratio());
        out.printf("peak heap:                                                  %,d MB (target <= 1024 MB)%n",
                report.peakHeapBytes() / (1024 * 1024));
        out.println();
        report.counts().forEach((label, value) -> out.printf("check %-60s %,d%n", label, value));
        out.println(report.problems().isEmpty() ? "all checks passed (SCD2 invariants, row counts, as-of versions)"
                : "PROBLEMS: " + String.join("; ", report.problems()));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks: an upper bound of the heap in use at any moment. */
    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
