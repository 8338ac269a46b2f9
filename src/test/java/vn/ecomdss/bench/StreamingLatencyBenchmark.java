package vn.ecomdss.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.ecomdss.DssApplication;
import vn.ecomdss.ops.JobControl;
import vn.ecomdss.simulator.EventStreamSimulator;

/**
 * The streaming pipeline's latency under the simulator at {@code scale} times the original rates (10: 10,000 user
 * events a minute, 5,000 transactions an hour, 2,000 price changes a minute, 10,000 order lines an hour, 1,000 stock
 * counts a minute) for {@code minutes}: ecommerce_streaming_pipeline follows the topics while the simulator publishes
 * them in real time, and a sampler sees each new row of the real-time facts as soon as its micro-batch has
 * committed. A row's latency is from its event time to that moment; its window is written in the same transaction,
 * so it is queryable there at the same moment. Reports p50, p95 and p99 per fact table, the messages consumed per
 * second and the JVM's peak heap (the simulator, the broker and the warehouse's client share it). Run it with
 * {@code ops/bench/streaming-latency.sh}; exits 1 when a sold line was not counted exactly once.
 */
public final class StreamingLatencyBenchmark {

    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);

    private StreamingLatencyBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("arguments are key=value (minutes, scale, data-dir), got '"
                        + argument + "'");
            }
            args.put(argument.substring(0, eq), argument.substring(eq + 1));
        }
        double minutes = Double.parseDouble(args.getOrDefault("minutes", "10"));
        double scale = Double.parseDouble(args.getOrDefault("scale", "10"));
        Path dataDir = Path.of(args.getOrDefault("data-dir", "target/streaming-bench-data")).toAbsolutePath();
        WarehouseBenchmark.deleteRecursively(dataDir);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DssApplication.class)
                .run("--dss.data-dir=" + dataDir, "--logging.level.vn.ecomdss=WARN",
                        "--logging.level.org.apache.kafka=WARN")) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            JobControl control = context.getBean(JobControl.class);
            JobRepository explorer = context.getBean(JobRepository.class);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            AtomicLong peakHeap = new AtomicLong();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Map<String, List<Long>> latencies = new LinkedHashMap<>();
            Map<String, String> tables = Map.of("dw.fact_sales_realtime", "order_ts",
                    "dw.fact_price_realtime", "occurred_at", "dw.fact_order_event_realtime", "occurred_at",
                    "dw.fact_inventory_realtime", "occurred_at");
            tables.keySet().forEach(t -> latencies.put(t, new ArrayList<>()));
            CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
                Map<String, Timestamp> seen = new LinkedHashMap<>();
                tables.keySet().forEach(t -> seen.put(t, new Timestamp(0)));
                while (sampling.get()) {
                    for (Map.Entry<String, String> table : tables.entrySet()) {
                        long now = System.currentTimeMillis();
                        List<Map<String, Object>> rows = jdbc.queryForList("select " + table.getValue()
                                + " as event_time, loaded_at from " + table.getKey() + " where loaded_at > ? "
                                + "order by loaded_at", seen.get(table.getKey()));
                        for (Map<String, Object> row : rows) {
                            latencies.get(table.getKey()).add(now - ((Timestamp) row.get("event_time")).getTime());
                            seen.put(table.getKey(), (Timestamp) row.get("loaded_at"));
                        }
                    }
                    peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    sleep(SAMPLE_EVERY);
                }
            });

            JobExecution streaming = control.launch("ecommerce_streaming_pipeline",
                    Map.of("run_id", "latency-bench", "follow", "true"), "bench");
            System.out.printf("streaming: %.1f minutes of the simulator at %.0fx the original rates%n", minutes, scale);
            EventStreamSimulator.Produced produced = context.getBean(EventStreamSimulator.class)
                    .run(Duration.ofMillis((long) (minutes * 60_000)), scale, 11, Instant.now());
            System.out.printf("published %,d events in %.1f s%n", produced.total(), produced.elapsed().toMillis() / 1e3);
            long sold = produced.events().get(vn.ecomdss.simulator.MarketEventStreams.Stream.SALES_EVENTS);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (count(jdbc, "select count(*) from dw.fact_sales_realtime") < sold && System.nanoTime() < deadline) {
                sleep(SAMPLE_EVERY);
            }
            sleep(Duration.ofSeconds(3));
            control.stop(streaming.getId(), "bench");
            JobExecution ended = explorer.getJobExecution(streaming.getId());
            while (ended.getStepExecutions().stream().anyMatch(s -> s.getStatus().isRunning())) {
                sleep(SAMPLE_EVERY);
                ended = explorer.getJobExecution(streaming.getId());
            }
            sampling.set(false);
            sampler.join();

            long read = ended.getStepExecutions().stream().mapToLong(s -> s.getReadCount()).sum();
            double seconds = Duration.between(ended.getStartTime(), ended.getEndTime()).toMillis() / 1e3;
            System.out.printf("consumed %,d messages in %.0f s (%.0f/s, %d micro-batches); ended %s%n", read, seconds,
                    read / seconds, ended.getStepExecutions().stream().mapToLong(s -> s.getCommitCount()).sum(),
                    ended.getStatus());
            for (Map.Entry<String, List<Long>> table : latencies.entrySet()) {
                List<Long> sorted = table.getValue().stream().sorted().toList();
                if (sorted.isEmpty()) {
                    System.out.printf("%-30s no rows%n", table.getKey());
                    continue;
                }
                System.out.printf("%-30s %,7d rows  latency p50 %6.2f s  p95 %6.2f s  p99 %6.2f s  max %6.2f s%n",
                        table.getKey(), sorted.size(), percentile(sorted, 50), percentile(sorted, 95),
                        percentile(sorted, 99), sorted.get(sorted.size() - 1) / 1e3);
            }
            System.out.printf("peak heap used %,d MB (max %,d MB)%n", peakHeap.get() >> 20,
                    memory.getHeapMemoryUsage().getMax() >> 20);
            long lines = count(jdbc, "select count(*) from dw.fact_sales_realtime");
            long windowLines = count(jdbc, "select coalesce(sum(order_lines), 0) from dw.sales_window_5m");
            boolean correct = lines == sold && windowLines == sold && ended.getStatus() == BatchStatus.STOPPED
                    && ended.getStepExecutions().stream().allMatch(s -> s.getStatus() == BatchStatus.STOPPED);
            System.out.printf("order lines sold %,d, in dw.fact_sales_realtime %,d, in the windows %,d: %s%n", sold,
                    lines, windowLines, correct ? "each once" : "WRONG");
            if (!correct) {
                System.exit(1);
            }
        }
    }

    private static double percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e3;
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        Long value = jdbc.queryForObject(sql, Long.class);
        return value == null ? 0 : value;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
