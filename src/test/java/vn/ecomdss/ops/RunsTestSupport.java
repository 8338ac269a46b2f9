package vn.ecomdss.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The server on definitions of its own, made of the test-only {@code flaky} step ({@link FlakyStepFactory}):
 * {@code retried} (a tasklet, then a chunk step, each retried twice at once; failures e-mailed),
 * {@code patient} (one retry after ten minutes) and {@code daily_counts} (date-partitioned, never retried).
 * Subclasses share one application context.
 */
@Import(FlakyStepFactory.class)
abstract class RunsTestSupport extends OpsTestSupport {

    private static final Path DEFINITIONS = definitions();

    @DynamicPropertySource
    static void runDefinitions(DynamicPropertyRegistry registry) {
        registry.add("dss.definitions", () -> "file:" + DEFINITIONS);
    }

    @Autowired
    protected FlakyStepFactory flaky;
    @Autowired
    protected JobControl control;

    @BeforeEach
    void flakyWorkTable() {
        jdbc.execute(FlakyStepFactory.TABLE);
    }

    protected static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static Path definitions() {
        try {
            Path dir = Files.createTempDirectory("dss-runs-definitions-");
            Files.createDirectories(dir.resolve("sources"));
            for (String source : List.of("dummyjson.yml", "vnmarket.yml")) {
                Files.copy(Path.of("job-definitions", "sources", source), dir.resolve("sources").resolve(source));
            }
            Files.writeString(dir.resolve("retried.yml"), """
                    job: retried
                    description: A tasklet and a chunk step, each retried twice at once.
                    alerts:
                      channels: [kafka]
                      email-to: [runs@ecommerce-dss.local]
                      email-on-failure: true
                      quiet-period: PT0S
                    steps:
                      - name: prepare
                        type: flaky
                        retries: 2
                        retry-delay: PT0.1S
                      - name: count_items
                        type: flaky
                        mode: chunk
                        items: 10
                        chunk-size: 3
                        fail-at-item: 7
                        retries: 2
                        retry-delay: PT0S
                        depends-on: prepare
                    """);
            Files.writeString(dir.resolve("patient.yml"), """
                    job: patient
                    description: One step, retried once after ten minutes.
                    steps:
                      - name: wait_and_see
                        type: flaky
                        retries: 1
                        retry-delay: PT10M
                    """);
            Files.writeString(dir.resolve("daily-counts.yml"), """
                    job: daily_counts
                    description: One quick step per logical date; dates touch disjoint rows.
                    date-partitioned: true
                    steps:
                      - name: count_day
                        type: flaky
                        hold: PT0.3S
                        retries: 0
                    """);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
