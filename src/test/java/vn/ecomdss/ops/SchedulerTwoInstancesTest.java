package vn.ecomdss.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.boot.test.context.SpringBootTest;

import vn.ecomdss.DssApplication;
import vn.ecomdss.testsupport.PlatformTestSupport;

/**
 * Two application instances on one database, both scheduling a job whose cron fires every second: each slot is
 * claimed by exactly one of them and launched once.
 */
@SpringBootTest(properties = "dss.scheduler.enabled=true")
@DirtiesContext
class SchedulerTwoInstancesTest extends PlatformTestSupport {

    private static final Path DEFINITIONS = tickDefinitions();

    @DynamicPropertySource
    static void definitions(DynamicPropertyRegistry registry) {
        registry.add("dss.definitions", () -> "file:" + DEFINITIONS);
    }

    @Autowired
    JobScheduler first;

    @Test
    void everyPerSecondSlotFiresOnceAcrossTwoInstances() throws Exception {
        JobScheduler second;
        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(DssApplication.class)
                .web(WebApplicationType.NONE)
                .run("--dss.data-dir=" + DATA_DIR, "--dss.definitions=file:" + DEFINITIONS,
                        "--dss.scheduler.enabled=true", "--dss.sources.dummyjson.base-url=" + FIXTURES.baseUri())) {
            second = other.getBean(JobScheduler.class);
            Thread.sleep(7_000);
            first.stop();
            second.stop();
            awaitNoRunningTick();
        }

        Map<Instant, String> claims = jdbc.query("select slot, instance from ops.schedule_fire where job_name = 'tick'",
                rs -> {
                    Map<Instant, String> rows = new java.util.TreeMap<>();
                    while (rs.next()) {
                        rows.put(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2));
                    }
                    return rows;
                });
        Set<Instant> triedByBoth = slots(first.attempts());
        triedByBoth.retainAll(slots(second.attempts()));
        assertThat(triedByBoth).as("slots both instances tried").hasSizeGreaterThanOrEqualTo(4);
        for (Instant slot : triedByBoth) {
            long claimed = Stream.concat(first.attempts().stream(), second.attempts().stream())
                    .filter(a -> a.slot().equals(slot) && a.claimed()).count();
            assertThat(claimed).as("instances that claimed slot %s", slot).isEqualTo(1);
            assertThat(claims).containsKey(slot);
        }
        List<Instant> slots = List.copyOf(claims.keySet());
        for (int i = 1; i < slots.size(); i++) {
            assertThat(slots.get(i).getEpochSecond() - slots.get(i - 1).getEpochSecond())
                    .as("no slot missed between %s and %s", slots.get(i - 1), slots.get(i)).isEqualTo(1);
        }
        assertThat(Set.copyOf(claims.values())).isSubsetOf(first.instance(), second.instance());

        long launched = count("select count(*) from ops.schedule_fire where job_name = 'tick' and outcome = 'launched'");
        assertThat(launched).isPositive();
        assertThat(count("""
                select count(*) from batch_job_execution e join batch_job_instance i using (job_instance_id)
                where i.job_name = 'tick'
                """)).isEqualTo(launched);
        assertThat(count("""
                select count(*) from ops.schedule_fire f
                join batch_job_execution_params p on p.job_execution_id = f.execution_id and p.parameter_name = 'run_id'
                where f.job_name = 'tick'
                  and p.parameter_value = 'tick-scheduled-' || to_char(f.slot at time zone 'Asia/Ho_Chi_Minh', 'YYYYMMDD"T"HH24MISS')
                """)).isEqualTo(launched);
        assertThat(count("select count(*) from ops.schedule_fire where job_name = 'tick' and outcome <> 'launched' "
                + "and outcome not like 'skipped: job tick is already running%'")).isZero();
    }

    private static Set<Instant> slots(List<JobScheduler.Attempt> attempts) {
        return attempts.stream().map(JobScheduler.Attempt::slot).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private void awaitNoRunningTick() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && count("""
                select count(*) from batch_job_execution e join batch_job_instance i using (job_instance_id)
                where i.job_name = 'tick' and e.end_time is null
                """) > 0) {
            Thread.sleep(200);
        }
    }

    private static Path tickDefinitions() {
        try {
            Path dir = Files.createTempDirectory("dss-tick-definitions-");
            Files.createDirectories(dir.resolve("sources"));
            for (String source : List.of("dummyjson.yml", "vnmarket.yml")) {
                Files.copy(Path.of("job-definitions", "sources", source), dir.resolve("sources").resolve(source));
            }
            Files.writeString(dir.resolve("tick.yml"), """
                    job: tick
                    description: A job whose cron fires every second, to test the scheduler.
                    schedule:
                      cron: "* * * * * *"
                      zone: Asia/Ho_Chi_Minh
                    steps:
                      - name: refresh
                        type: refresh-views
                        views: [mart.mv_monthly_sales]
                    """);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
