package vn.ecomdss.ml;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.ecomdss.DssApplication;
import vn.ecomdss.definition.JobCatalogue;
import vn.ecomdss.pipeline.RunParameters;

/**
 * The models' cost on this machine: on a fresh embedded warehouse under {@code target/ml-bench-data}, a sales history of
 * known structure ({@link DemandHistory}) for {@code products} products over a year, then {@code ml_retrain}: how long
 * each model's training and scoring steps take, the rows scored per second, the peak heap and the peak resident memory
 * (PyTorch allocates outside the heap), with {@link PriceHistory}'s listings for the price model, {@link BasketHistory}'s orders for the recommendations and
 * {@link CustomerHistory}'s {@code value-customers} customers over three years for the customer value, churn and
 * segment models; then the demand champion's inference alone, on {@code inference-rows} feature rows in
 * batches of 10,000, as batch scoring feeds it. Run it with {@code ops/bench/ml.sh [products=1000] [runs=1]}.
 */
public final class MlBenchmark {

    private MlBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("arguments are key=value (products, runs, data-dir), got '"
                        + argument + "'");
            }
            args.put(argument.substring(0, eq), argument.substring(eq + 1));
        }
        int products = Integer.parseInt(args.getOrDefault("products", "1000"));
        int runs = Integer.parseInt(args.getOrDefault("runs", "1"));
        Path dataDir = Path.of(args.getOrDefault("data-dir", "target/ml-bench-data")).toAbsolutePath();
        if (Files.exists(dataDir)) {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        LocalDate cutoff = LocalDate.of(2024, 12, 17);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DssApplication.class,
                StepPeaks.class).profiles("server")
                .run("--dss.data-dir=" + dataDir, "--dss.ml.engine-cache=" + Path.of("target", "djl").toAbsolutePath(),
                        "--logging.level.vn.ecomdss=WARN", "--logging.level.vn.ecomdss.ml=INFO", "--dss.scheduler.enabled=false", "--server.port=0",
                        "--server.address=127.0.0.1", "--dss.security.tokens[0].name=bench",
                        "--dss.security.tokens[0].sha256=" + sha256(TOKEN), "--dss.security.tokens[0].roles=VIEWER")) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            long generating = System.nanoTime();
            DemandHistory.write(jdbc, "ml-bench", products, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), 7);
            int listings = PriceHistory.write(jdbc, Integer.parseInt(args.getOrDefault("price-items", "8000")),
                    LocalDate.of(2024, 1, 1), cutoff.minusDays(1), 11).size();
            System.out.printf("price history: %,d listings%n", listings);
            BasketHistory.write(jdbc, "recs-bench", Integer.parseInt(args.getOrDefault("customers", "5000")),
                    LocalDate.of(2024, 1, 1), cutoff, 13);
            System.out.printf("basket history: %s customers%n", args.getOrDefault("customers", "5000"));
            int valueCustomers = Integer.parseInt(args.getOrDefault("value-customers", "2000"));
            CustomerHistory.write(jdbc, valueCustomers, cutoff.minusDays(3 * 365 + 60), cutoff, 7);
            System.out.printf("customer history: %d customers over three years%n", valueCustomers);
            System.out.printf("history: %d products, %d order lines in %.1f s%n", products,
                    jdbc.queryForObject("select count(*) from dw.fact_sales", Long.class),
                    (System.nanoTime() - generating) / 1e9);
            JobOperator operator = context.getBean(JobOperator.class);
            JobCatalogue catalogue = context.getBean(JobCatalogue.class);
            for (int run = 1; run <= runs; run++) {
                resetPeaks();
                JobExecution execution = operator.start(catalogue.jobs().get("ml_retrain"), new JobParametersBuilder()
                        .addString(RunParameters.RUN_ID, "ml-bench-" + run)
                        .addString(RunParameters.LOGICAL_DATE, cutoff.plusDays(1).toString())
                        .addString(RunParameters.TRAINING_CUTOFF, cutoff.toString()).toJobParameters());
                if (execution.getStatus() != BatchStatus.COMPLETED) {
                    System.out.println("ml_retrain " + execution.getStatus() + ": " + execution.getExitStatus());
                    System.exit(1);
                }
                System.out.printf("run %d:%n", run);
                for (StepExecution step : execution.getStepExecutions()) {
                    double seconds = Duration.between(step.getStartTime(), step.getEndTime()).toMillis() / 1000.0;
                    StepPeaks.Peak peak = StepPeaks.PEAKS.get(step.getStepName());
                    System.out.printf("  %-22s %7.1f s  %,10d rows written  %,10.0f rows/s  peak heap %,5d MB  "
                                    + "peak resident %,6d MB%n", step.getStepName(), seconds, step.getWriteCount(),
                            step.getWriteCount() / Math.max(seconds, 1e-3), peak.heapBytes() / (1024 * 1024),
                            peak.residentKb() / 1024);
                    System.out.println("    " + step.getExitStatus().getExitDescription());
                }
                System.out.printf("  whole run: peak heap %d MB, peak resident %s%n", peakHeapBytes() / (1024 * 1024),
                        peakResident());
            }
            inference(context, Integer.parseInt(args.getOrDefault("inference-rows", "1000000")));
            PredictionLatency.measure(context, TOKEN, Integer.parseInt(args.getOrDefault("requests", "5000")),
                    Integer.parseInt(args.getOrDefault("clients", "4")));
        }
    }

    private static final String TOKEN = "ml-bench-viewer-token";

    private static String sha256(String text) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Each step's peak heap (the pools' peaks reset before it) and peak resident memory (Linux's VmHWM, reset by
     * writing 5 to {@code /proc/self/clear_refs}), so that every model's training and scoring is measured apart.
     */
    public static class StepPeaks implements org.springframework.batch.core.listener.StepExecutionListener {

        record Peak(long heapBytes, long residentKb) {
        }

        static final Map<String, Peak> PEAKS = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void beforeStep(StepExecution stepExecution) {
            resetPeaks();
            try {
                Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            } catch (IOException | RuntimeException e) {
                // Not Linux, or not allowed: the resident peak is then the process's since it started.
            }
        }

        @Override
        public org.springframework.batch.core.ExitStatus afterStep(StepExecution stepExecution) {
            PEAKS.put(stepExecution.getStepName(), new Peak(peakHeapBytes(), residentPeakKb()));
            return null;
        }

        private static long residentPeakKb() {
            try {
                return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                        .map(l -> Long.parseLong(l.substring(6).trim().split("\\s+")[0])).findFirst().orElse(0L);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    /** The champion's predictions alone, on the stored feature rows repeated to {@code rows}, in scoring's batches. */
    private static void inference(ConfigurableApplicationContext context, int rows) {
        RegisteredModel champion = context.getBean(ModelRegistry.class).champion("demand").orElseThrow();
        List<DemandFeatureStore.Row> stored = context.getBean(DemandFeatureStore.class)
                .rows(LocalDate.of(2000, 1, 1), LocalDate.of(2100, 1, 1), LocalDate.of(2100, 1, 1));
        float[][] batch = new float[10_000][];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = stored.get(i % stored.size()).features();
        }
        try (MlpRegressor network = context.getBean(DemandForecastKind.class).load(champion)) {
            network.predict(batch);
            long start = System.nanoTime();
            long done = 0;
            while (done < rows) {
                network.predict(batch);
                done += batch.length;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("inference: %,d rows in %.2f s, %,.0f rows/s (batches of %,d)%n", done, seconds,
                    done / seconds, batch.length);
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** The process's peak resident set (VmHWM), which counts PyTorch's native memory too; Linux only. */
    private static String peakResident() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "unknown";
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> l.substring(6).trim()).findFirst().orElse("unknown") + " (whole process, whole run)";
    }
}
