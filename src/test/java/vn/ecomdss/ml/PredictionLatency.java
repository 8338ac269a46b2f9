package vn.ecomdss.ml;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real-time prediction endpoints' latency on loopback, as a client sees it: {@code clients} connections in a
 * closed loop (each sends its next request when the last is answered) over the entities the latest scoring covered,
 * after a warm-up, with a VIEWER token. Reports p50/p95/p99 and the maximum per endpoint, and every answer that was
 * not 200 (counted, never timed as a success).
 */
final class PredictionLatency {

    /** Each endpoint, as a format of source and entity id, and the query that lists the entities to ask about. */
    private static final Map<String, String> ENDPOINTS = new LinkedHashMap<>();

    static {
        ENDPOINTS.put("/api/v1/predictions/demand/%s/%s",
                "select distinct source, product_id from ml.demand_forecast order by 1, 2 limit 1000");
        ENDPOINTS.put("/api/v1/predictions/price/%s/%s",
                "select source, product_id from ml.price_estimate order by 1, 2 limit 1000");
        ENDPOINTS.put("/api/v1/predictions/recommendations/%s/%s",
                "select distinct source, customer_id from ml.recommendation order by 1, 2 limit 1000");
    }

    private static final int WARM_UP = 300;

    private PredictionLatency() {
    }

    static void measure(ConfigurableApplicationContext context, String token, int requests, int clients)
            throws Exception {
        String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        System.out.printf("prediction API on loopback (%d clients, %,d requests per endpoint after %d to warm up):%n",
                clients, requests, WARM_UP);
        System.out.printf("  %-46s %9s %8s %8s %8s %8s %7s%n", "endpoint", "req/s", "p50 ms", "p95 ms", "p99 ms",
                "max ms", "non-200");
        for (Map.Entry<String, String> endpoint : ENDPOINTS.entrySet()) {
            List<String> paths = jdbc.query(endpoint.getValue(), (rs, i) -> String.format(endpoint.getKey(),
                    rs.getString(1), rs.getString(2)));
            if (paths.isEmpty()) {
                System.out.printf("  %-46s nothing scored to ask about%n", endpoint.getKey());
                continue;
            }
            run(http, base, token, paths, WARM_UP, clients);
            Result result = run(http, base, token, paths, requests, clients);
            long[] sorted = result.nanos().clone();
            Arrays.sort(sorted);
            System.out.printf("  %-46s %9.0f %8.2f %8.2f %8.2f %8.2f %7d%n", endpoint.getKey(),
                    sorted.length / result.seconds(), percentile(sorted, 0.50), percentile(sorted, 0.95),
                    percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6, result.failures());
        }
    }

    private record Result(long[] nanos, double seconds, int failures) {
    }

    private static Result run(HttpClient http, String base, String token, List<String> paths, int requests,
                              int clients) throws Exception {
        long[] nanos = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        HttpRequest request = HttpRequest.newBuilder(URI.create(base + paths.get(i % paths.size())))
                                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build();
                        long sent = System.nanoTime();
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        nanos[i] = System.nanoTime() - sent;
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(nanos, (System.nanoTime() - start) / 1e9, failures.get());
    }

    private static double percentile(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
