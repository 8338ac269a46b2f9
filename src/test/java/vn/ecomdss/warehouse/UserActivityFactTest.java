package vn.ecomdss.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ecomdss.testsupport.StepExecutions.step;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.cli.DssCommandLine;
import vn.ecomdss.lake.DataLake;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.simulator.MarketEventStreams;
import vn.ecomdss.testsupport.PlatformTestSupport;

/**
 * The simulator's user events, read from a real Kafka broker through the lake, counted into
 * {@code dw.fact_user_activity_daily}: per Vietnamese day, customer, platform and event type, each event once,
 * however often it is delivered and in whichever run it arrives. Each test uses its own seed and days.
 */
class UserActivityFactTest extends PlatformTestSupport {

    private static final double SCALE = 20;
    private static final Duration BURST = Duration.ofSeconds(3);

    /** Events, distinct sessions and distinct products of one fact row. */
    record Counts(long events, long sessions, long products) {
    }

    @MockitoSpyBean
    UserActivityLoader loader;

    @Autowired
    DssCommandLine commandLine;
    @Autowired
    DataLake lake;
    @Autowired
    PlatformTransactionManager transactionManager;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyLandedUserEventIsCountedOnceOnItsVietnameseDayAcrossRunsAndRedeliveries() throws Exception {
        LocalDate day1 = LocalDate.parse("2026-03-09");
        LocalDate day2 = LocalDate.parse("2026-03-10");
        // 23:59:58.5 in Ho Chi Minh City: the burst's events fall on two days.
        Instant first = Instant.parse("2026-03-09T16:59:58.500Z");
        simulate(31, first);
        List<Map<String, Object>> burst1 = generated(31, first);
        assertThat(burst1).hasSize(1000);

        assertThat(runEtl("activity-1", "2026-03-10", "events").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Map<String, Long> byDayAndType = factEventsByDayAndType(day1, day2);
        assertThat(byDayAndType).isEqualTo(lakeEventsByDayAndType("^ue-31-"));
        assertThat(byDayAndType.keySet()).anyMatch(k -> k.startsWith("2026-03-09")).anyMatch(k -> k.startsWith("2026-03-10"));
        assertThat(byDayAndType.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
        assertThat(loaded(day1, day2)).isEqualTo(expected(burst1));
        assertThat(count("select count(*) from dw.user_activity_ledger where event_id like 'ue-31-%'")).isEqualTo(1000);
        assertThat(count("""
                select count(*) from dw.user_activity_ledger
                where event_id like 'ue-31-%' and event_key <> dw.user_event_key(source, event_id)
                """)).as("the transform's key is the one SQL computes").isZero();
        assertThat(count("""
                select count(*) from dw.fact_user_activity_daily f join dw.dim_platform p using (platform_key)
                where f.activity_date between ? and ? and p.platform_code <> 'vnmarket'
                """, day1, day2)).as("events naming no platform happen on their customers' marketplace").isZero();
        assertThat(count("""
                select count(*) from dw.fact_user_activity_daily f
                where f.activity_date between ? and ?
                  and not exists (select 1 from dw.user_activity_ledger l
                                  where l.envelope_id = f.envelope_id and l.activity_date = f.activity_date
                                    and l.customer_key = f.customer_key and l.event_type = f.event_type)
                """, day1, day2)).as("each row's envelope is one of its events'").isZero();
        List<String> envelopes = jdbc.queryForList(
                "select envelope_id from dw.user_activity_ledger where event_id like 'ue-31-%'", String.class);
        assertThat(lake.template().count(Query.query(Criteria.where("_id").in(envelopes).and("entity").is("user_events")),
                DataLake.ENVELOPES)).as("every counted event leads back to its raw envelope").isEqualTo(1000);

        String afterFirstRun = fingerprint(day1, day2);
        assertThat(runEtl("activity-2", "2026-03-10", "events").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(fingerprint(day1, day2)).as("a run with no new event changes nothing").isEqualTo(afterFirstRun);
        assertThat(count("select count(*) from dw.fact_user_activity_daily where run_id = 'activity-2'")).isZero();

        // Another burst on the second day: its sessions and products partly repeat the first burst's.
        Instant second = Instant.parse("2026-03-09T17:00:05Z");
        simulate(41, second);
        List<Map<String, Object>> burst2 = generated(41, second);
        assertThat(sharedSessions(burst1, burst2)).as("the two runs share sessions within a fact row").isPositive();
        String day1Rows = fingerprint(day1, day1);

        assertThat(runEtl("activity-3", "2026-03-11", "events").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        List<Map<String, Object>> both = new ArrayList<>(burst1);
        both.addAll(burst2);
        assertThat(loaded(day1, day2)).isEqualTo(expected(both));
        assertThat(factEventsByDayAndType(day1, day2)).isEqualTo(lakeEventsByDayAndType("^ue-(31|41)-"));
        assertThat(count("select sum(events) from dw.fact_user_activity_daily where activity_date between ? and ?",
                day1, day2)).isEqualTo(2000);
        assertThat(fingerprint(day1, day1)).as("the first day got no new event").isEqualTo(day1Rows);

        // Ten counted events delivered again as they were, one again with a changed payload, a new one twice.
        List<String> messages = new ArrayList<>();
        burst1.subList(0, 10).forEach(e -> messages.add(json.writeValueAsString(e)));
        Map<String, Object> changed = new LinkedHashMap<>(burst1.get(10));
        changed.put("redelivered", true);
        messages.add(json.writeValueAsString(changed));
        Map<String, Object> late = new MarketEventStreams(31, first).event(MarketEventStreams.Stream.USER_EVENTS, 5_000, SCALE);
        messages.add(json.writeValueAsString(late));
        messages.add(json.writeValueAsString(late));
        publish(messages);

        JobExecution redelivered = runEtl("activity-4", "2026-03-11", "events");

        assertThat(redelivered.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(redelivered, "load_facts").getExitStatus().getExitDescription())
                .contains("fact_user_activity_daily: 12 staged events, 1 counted, 11 already counted");
        assertThat(count("select count(*) from dw.user_activity_ledger where event_id like 'ue-31-%'")).isEqualTo(1001);
        both.add(late);
        assertThat(loaded(day1, day2)).isEqualTo(expected(both));
        assertThat(count("select count(*) from dw.fact_user_activity_daily where run_id = 'activity-4'"))
                .as("only the new event's row changed").isEqualTo(1);
        assertThat(count("select sum(events) from dw.fact_user_activity_daily where activity_date between ? and ?",
                day1, day2)).isEqualTo(2001);
    }

    @Test
    void aLoadFactsFailureRollsTheCountBackAndTheRestartCountsEachEventOnce() throws Exception {
        LocalDate day = LocalDate.parse("2026-03-21");
        Instant start = Instant.parse("2026-03-21T03:00:00Z");
        doAnswer(invocation -> {
            invocation.callRealMethod();
            throw new IllegalStateException("injected: load_facts fails after counting the activity");
        }).doCallRealMethod().when(loader).load(any());
        simulate(32, start);
        List<Map<String, Object>> burst = generated(32, start);

        JobExecution failed = runEtl("activity-restart", "2026-03-21", "events");

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(failed, "load_facts").getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(count("select count(*) from dw.user_activity_ledger where event_id like 'ue-32-%'")).isZero();
        assertThat(count("select count(*) from dw.fact_user_activity_daily where activity_date = ?", day)).isZero();

        // The load repeated over the same staged events counts nothing the second time (rolled back here).
        RunParameters run = RunParameters.of(failed.getJobParameters());
        new TransactionTemplate(transactionManager).executeWithoutResult(transaction -> {
            UserActivityLoader.Result once = loader.load(run);
            String afterOnce = fingerprint(day, day);
            UserActivityLoader.Result twice = loader.load(run);
            assertThat(once.counted()).isEqualTo(1000);
            assertThat(twice).isEqualTo(new UserActivityLoader.Result(1000, 0, 1000, 0, 0));
            assertThat(fingerprint(day, day)).isEqualTo(afterOnce);
            transaction.setRollbackOnly();
        });

        JobExecution restarted = jobOperator.restart(failed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getStepExecutions()).extracting(StepExecution::getStepName).contains("load_facts")
                .doesNotContain("extract_events", "transform_user_activity");
        assertThat(count("select count(*) from dw.user_activity_ledger where event_id like 'ue-32-%'")).isEqualTo(1000);
        assertThat(loaded(day, day)).isEqualTo(expected(burst));
    }

    @Test
    void aFullRefreshRecountsEveryEventOnceAndRebuildingTheCustomersRebuildsTheirActivity() throws Exception {
        LocalDate day = LocalDate.parse("2026-03-28");
        Instant start = Instant.parse("2026-03-28T09:00:00Z");
        simulate(34, start);
        assertThat(runEtl("activity-before-refresh", "2026-03-28", "events").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Counts> counted = loaded(day, day);
        assertThat(counted).isEqualTo(expected(generated(34, start)));
        long events = count("select count(*) from dw.user_activity_ledger where source = 'events'");

        JobExecution refresh = jobOperator.start(catalogue.jobs().get("dss_etl"), new JobParametersBuilder()
                .addString("run_id", "activity-full-refresh").addString("logical_date", "2026-03-28")
                .addString("sources", "events").addString("full_refresh", "true").toJobParameters());

        assertThat(refresh.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(loaded(day, day)).isEqualTo(counted);
        assertThat(count("select count(*) from dw.fact_user_activity_daily where activity_date = ? and run_id <> ?",
                day, "activity-full-refresh")).isZero();
        assertThat(count("select count(*) from dw.user_activity_ledger where event_id like 'ue-34-%'")).isEqualTo(1000);
        assertThat(count("select count(*) from dw.user_activity_ledger where source = 'events'"))
                .as("every event counted before, from every earlier run, is counted again").isEqualTo(events);
        assertThat(count("select sum(events) from dw.fact_user_activity_daily where source = 'events'")).isEqualTo(events);
        // vnmarket's customers get new keys in a full refresh of vnmarket, so the activity of the sources naming them
        // (the events topic and the document store's user activities) is rebuilt with it.
        assertThat(catalogue.sources().transformedBy(RunParameters.of(new JobParametersBuilder()
                .addString("run_id", "x").addString("sources", "vnmarket").addString("full_refresh", "true")
                .toJobParameters()))).containsExactly("ecommerce-logs", "events", "vnmarket");
        assertThat(catalogue.sources().transformedBy(RunParameters.of(new JobParametersBuilder()
                .addString("run_id", "x").addString("sources", "vnmarket").toJobParameters()))).containsExactly("vnmarket");
    }

    @Test
    void malformedEventsAreQuarantinedWithTheirReasonAndNotCounted() throws Exception {
        LocalDate day = LocalDate.parse("2026-03-25");
        MarketEventStreams streams = new MarketEventStreams(33, Instant.parse("2026-03-25T05:00:00Z"));
        List<Map<String, Object>> valid = new ArrayList<>();
        for (long k = 0; k < 40; k++) {
            valid.add(streams.event(MarketEventStreams.Stream.USER_EVENTS, k, SCALE));
        }
        Map<String, Object> noCustomer = streams.event(MarketEventStreams.Stream.USER_EVENTS, 40, SCALE);
        noCustomer.remove("customer_id");
        Map<String, Object> badTime = streams.event(MarketEventStreams.Stream.USER_EVENTS, 41, SCALE);
        badTime.put("occurred_at", "hôm qua lúc 12 giờ");
        Map<String, Object> unknownType = streams.event(MarketEventStreams.Stream.USER_EVENTS, 42, SCALE);
        unknownType.put("event_type", "teleport");
        Map<String, Object> noTime = streams.event(MarketEventStreams.Stream.USER_EVENTS, 43, SCALE);
        noTime.remove("occurred_at");
        List<String> messages = new ArrayList<>();
        for (Map<String, Object> event : valid) {
            messages.add(json.writeValueAsString(event));
        }
        for (Map<String, Object> event : List.of(noCustomer, badTime, unknownType, noTime)) {
            messages.add(json.writeValueAsString(event));
        }
        publish(messages);

        JobExecution execution = runEtl("activity-malformed", "2026-03-25", "events");

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, String> quarantined = new TreeMap<>();
        lake.template().find(Query.query(Criteria.where("run_id").is("activity-malformed")), Document.class,
                DataLake.QUARANTINE).forEach(d -> quarantined.put(d.getString("natural_id"),
                d.getString("rule") + ": " + d.getString("reason")));
        assertThat(quarantined).containsOnlyKeys("ue-33-000000040", "ue-33-000000041", "ue-33-000000042",
                "ue-33-000000043");
        assertThat(quarantined.get("ue-33-000000040")).startsWith("transform: ").contains("customer_id", "is missing");
        assertThat(quarantined.get("ue-33-000000041")).startsWith("transform: ")
                .contains("occurred_at", "is not an ISO date or timestamp: 'hôm qua lúc 12 giờ'");
        assertThat(quarantined.get("ue-33-000000042")).startsWith("transform: ")
                .contains("event_type", "'teleport' is not an activity type");
        assertThat(quarantined.get("ue-33-000000043")).startsWith("required_fields: ").contains("/occurred_at is missing");
        assertThat(step(execution, "transform_user_activity").getProcessSkipCount()).isEqualTo(3);
        assertThat(count("select count(*) from dw.user_activity_ledger where event_id like 'ue-33-%'")).isEqualTo(40);
        assertThat(loaded(day, day)).isEqualTo(expected(valid));
    }

    private void simulate(long seed, Instant start) throws Exception {
        commandLine.run(new DefaultApplicationArguments("simulate", "--minutes", "0.05", "--rate-scale",
                String.valueOf(SCALE), "--seed", String.valueOf(seed), "--start", start.toString()));
        assertThat(commandLine.getExitCode()).isZero();
    }

    /** The user events {@code simulate} produces for a seed and start. */
    private static List<Map<String, Object>> generated(long seed, Instant start) {
        MarketEventStreams streams = new MarketEventStreams(seed, start);
        List<Map<String, Object>> events = new ArrayList<>();
        for (long k = 0; k < streams.count(MarketEventStreams.Stream.USER_EVENTS, BURST, SCALE); k++) {
            events.add(streams.event(MarketEventStreams.Stream.USER_EVENTS, k, SCALE));
        }
        return events;
    }

    private void publish(List<String> messages) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (String message : messages) {
                producer.send(new ProducerRecord<>(MarketEventStreams.Stream.USER_EVENTS.topic, message)).get();
            }
        }
    }

    private static String row(Map<String, Object> event) {
        LocalDate day = Instant.parse((String) event.get("occurred_at")).atZone(RunParameters.ZONE).toLocalDate();
        return day + "|" + event.get("customer_id") + "|" + event.get("event_type");
    }

    /** Each fact row the events should make, by day, customer and event type (every event is on vnmarket). */
    private static Map<String, Counts> expected(List<Map<String, Object>> events) {
        Map<String, Set<Object>> ids = new HashMap<>();
        Map<String, Set<Object>> sessions = new HashMap<>();
        Map<String, Set<Object>> products = new HashMap<>();
        for (Map<String, Object> event : events) {
            String row = row(event);
            ids.computeIfAbsent(row, r -> new HashSet<>()).add(event.get("event_id"));
            sessions.computeIfAbsent(row, r -> new HashSet<>()).add(event.get("session_id"));
            Set<Object> rowProducts = products.computeIfAbsent(row, r -> new HashSet<>());
            if (event.get("product_id") != null) {
                rowProducts.add(event.get("product_id"));
            }
        }
        Map<String, Counts> rows = new TreeMap<>();
        ids.forEach((row, events1) -> rows.put(row, new Counts(events1.size(), sessions.get(row).size(),
                products.get(row).size())));
        return rows;
    }

    private static long sharedSessions(List<Map<String, Object>> a, List<Map<String, Object>> b) {
        Set<String> first = new HashSet<>();
        a.forEach(e -> first.add(row(e) + "|" + e.get("session_id")));
        return b.stream().map(e -> row(e) + "|" + e.get("session_id")).distinct().filter(first::contains).count();
    }

    private Map<String, Counts> loaded(LocalDate from, LocalDate to) {
        Map<String, Counts> rows = new TreeMap<>();
        jdbc.query("""
                select f.activity_date, c.customer_id, f.event_type, f.events, f.sessions, f.products
                from dw.fact_user_activity_daily f join dw.dim_customer c using (customer_key)
                where f.activity_date between ? and ?
                """, rs -> {
            String row = rs.getDate(1).toLocalDate() + "|" + rs.getString(2) + "|" + rs.getString(3);
            assertThat(rows.put(row, new Counts(rs.getLong(4), rs.getLong(5), rs.getLong(6))))
                    .as("one row per day, customer and type on one platform: " + row).isNull();
        }, from, to);
        return rows;
    }

    private Map<String, Long> factEventsByDayAndType(LocalDate from, LocalDate to) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("""
                select activity_date, event_type, sum(events) from dw.fact_user_activity_daily
                where activity_date between ? and ? group by 1, 2
                """, rs -> {
            counts.put(rs.getDate(1).toLocalDate() + "|" + rs.getString(2), rs.getLong(3));
        }, from, to);
        return counts;
    }

    /** Distinct user events in the lake whose id matches, by their Vietnamese day and type. */
    private Map<String, Long> lakeEventsByDayAndType(String idPattern) {
        Map<String, Set<String>> ids = new TreeMap<>();
        lake.template().find(Query.query(Criteria.where("source").is("events").and("entity").is("user_events")
                .and("natural_id").regex(idPattern)), Document.class, DataLake.ENVELOPES).forEach(envelope -> {
            Document payload = envelope.get("payload", Document.class);
            LocalDate day = Instant.parse(payload.getString("occurred_at")).atZone(RunParameters.ZONE).toLocalDate();
            ids.computeIfAbsent(day + "|" + payload.getString("event_type"), k -> new HashSet<>())
                    .add(envelope.getString("natural_id"));
        });
        Map<String, Long> counts = new TreeMap<>();
        ids.forEach((key, set) -> counts.put(key, (long) set.size()));
        return counts;
    }

    /** Every column of the days' rows, lineage and load time included. */
    private String fingerprint(LocalDate from, LocalDate to) {
        return jdbc.queryForObject("""
                select coalesce(md5(string_agg(concat_ws('|', activity_date, source, customer_key, platform_key,
                    event_type, events, sessions, products, run_id, envelope_id, loaded_at), ','
                    order by activity_date, source, customer_key, platform_key, event_type)), 'none')
                from dw.fact_user_activity_daily where activity_date between ? and ?
                """, String.class, from, to);
    }
}
