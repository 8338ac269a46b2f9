package vn.ecomdss.extract.docstore;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ecomdss.testsupport.StepExecutions.step;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import vn.ecomdss.cli.DssCommandLine;
import vn.ecomdss.extract.FetchedRecord;
import vn.ecomdss.embedded.PlatformServices;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.lake.DataLake;
import vn.ecomdss.pipeline.SourceDefinition;
import vn.ecomdss.simulator.LogDocuments;
import vn.ecomdss.testsupport.PlatformTestSupport;

/**
 * The shipped {@code ecommerce-logs} source through the shipped ecommerce_logs_incremental job, over documents the
 * test writes into a database of its own in the platform's document store (named to the source as
 * {@code dss.sources.ecommerce-logs.path}, per run, as an operator would). The oracles are the documents written:
 * what each run lands, quarantines and counts into dw.fact_user_activity_daily.
 */
class DocumentStoreSourceTest extends PlatformTestSupport {

    private static final String SOURCE = "ecommerce-logs";
    private static final String JOB = "ecommerce_logs_incremental";
    private static final String SETTINGS = "document-store-source-test-database";
    private static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");
    private static final List<String> TYPES = List.of("page_view", "search", "click", "add_to_cart",
            "remove_from_cart", "purchase");

    @Autowired
    ConfigurableEnvironment environment;
    @Autowired
    DataLake lake;
    @Autowired
    MongoClient mongo;
    @Autowired
    DssCommandLine commandLine;
    @Autowired
    DocumentStoreSource documentStore;
    @Autowired
    PlatformServices services;

    private String tag;
    private MongoDatabase logs;
    private long sequence;
    /** Every valid user activity written: its _id to its activity type. */
    private final Map<String, String> activities = new LinkedHashMap<>();

    @BeforeEach
    void database() {
        tag = "t" + Long.toString(System.nanoTime(), 36);
        logs = mongo.getDatabase("logs_" + tag);
        jdbc.update("delete from ops.source_watermark where source = ?", SOURCE);
        environment.getPropertySources().addFirst(new MapPropertySource(SETTINGS,
                Map.of("dss.sources." + SOURCE + ".path", logs.getName())));
    }

    @AfterEach
    void cleanUp() {
        environment.getPropertySources().remove(SETTINGS);
        logs.drop();
        jdbc.update("delete from ops.source_watermark where source = ?", SOURCE);
    }

    @Test
    void eachRunLandsOnlyTheDocumentsAfterTheLastOneReadAndQuarantinesThoseWithoutATimestamp() throws Exception {
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            first.add(activity(T0.plusSeconds(7L * i), i));
        }
        Instant last = T0.plusSeconds(7L * 59);
        String missing = insert("user_activities", activityDocument(T0, 60), null);
        String text = insert("user_activities", activityDocument(T0, 61), "2026-11-20 09:05");
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(insert("system_events", systemEvent(i), T0.plusSeconds(30L * i)));
        }
        String noService = insert("system_events", systemEvent(20).append("service", null), T0.plusSeconds(601));
        for (int i = 0; i < 25; i++) {
            insert("error_logs", errorLog(i), T0.plusSeconds(45L * i));
        }
        String numeric = insert("error_logs", errorLog(25), 1763604000L);

        JobExecution run1 = run(tag + "-1", false);

        assertThat(run1.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(run1, "extract_ecommerce_logs").getWriteCount()).isEqualTo(62 + 21 + 26);
        assertThat(landed(tag + "-1", "user_activities")).containsExactlyInAnyOrderElementsOf(
                concat(first, List.of(missing, text)));
        assertThat(landed(tag + "-1", "system_events")).containsExactlyInAnyOrderElementsOf(
                concat(events, List.of(noService)));
        assertThat(landed(tag + "-1", "error_logs")).hasSize(26);
        // The job is judged on the source it extracts, not on the other sources' absence from its runs.
        assertThat(jdbc.queryForList("select distinct split_part(target, '/', 1) from dq.check_result"
                + " where run_id = ? and stage = 'raw'", String.class, tag + "-1")).containsExactly("ecommerce-logs");
        Map<String, String> reasons = quarantined(tag + "-1");
        assertThat(reasons).containsOnlyKeys("user_activities/" + missing, "user_activities/" + text,
                "system_events/" + noService, "error_logs/" + numeric);
        assertThat(reasons.get("user_activities/" + missing))
                .contains("collection user_activities, _id " + missing + ": timestamp /timestamp is missing");
        assertThat(reasons.get("user_activities/" + text)).contains("collection user_activities, _id " + text
                + ": timestamp /timestamp should be a date but is String '2026-11-20 09:05'");
        assertThat(reasons.get("system_events/" + noService)).contains("/service is missing");
        assertThat(reasons.get("error_logs/" + numeric)).contains("should be a date but is Long '1763604000'");
        assertThat(factEvents()).as("every valid activity counted once, by type").isEqualTo(byType(activities));
        assertThat(watermark("user_activities")).contains(first.get(59));

        // The next five minutes: one at the same instant as the last one read after it in _id order, one at that
        // instant before it (an earlier ObjectId written late), one three minutes late, one an hour late, and
        // a new one without a timestamp.
        List<String> second = new ArrayList<>();
        second.add(activity(last, 100));
        second.add(activityWithId(last, 101, earlierId(last)));
        second.add(activity(last.minusSeconds(180), 102));
        for (int i = 0; i < 20; i++) {
            second.add(activity(last.plusSeconds(5L * (i + 1)), 103 + i));
        }
        String hourLate = activity(last.minusSeconds(3600), 200);
        String missingAgain = insert("user_activities", activityDocument(T0, 201), null);
        String sameInstantEvent = insert("system_events", systemEvent(21), T0.plusSeconds(601));

        JobExecution run2 = run(tag + "-2", false);

        assertThat(run2.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(landed(tag + "-2", "user_activities")).as("only the new documents land")
                .containsExactlyInAnyOrderElementsOf(concat(second, List.of(missingAgain)));
        assertThat(landed(tag + "-2", "system_events")).containsExactly(sameInstantEvent);
        assertThat(landed(tag + "-2", "error_logs")).isEmpty();
        assertThat(quarantined(tag + "-2")).containsOnlyKeys("user_activities/" + missingAgain);
        Map<String, Long> counted = byType(activities);
        Map<String, Long> withoutHourLate = new TreeMap<>(counted);
        withoutHourLate.merge(activities.get(hourLate), -1L, Long::sum);
        withoutHourLate.values().removeIf(v -> v == 0);
        assertThat(factEvents()).as("nothing counted twice, nothing lost within the lookback")
                .isEqualTo(withoutHourLate);
        assertThat(count("select count(*) from dw.user_activity_ledger where source = ? and event_id = ?", SOURCE,
                hourLate)).as("an hour late is beyond the ten-minute lookback").isZero();

        JobExecution full = run(tag + "-3", true);

        assertThat(full.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(landed(tag + "-3", "user_activities")).hasSize(62 + 24 + 1);
        assertThat(factEvents()).as("a full refresh counts the late one, and each other activity still once")
                .isEqualTo(counted);
        assertThat(count("select count(*) from dw.user_activity_ledger where source = ? and event_id like ?",
                SOURCE, "%")).isGreaterThanOrEqualTo(activities.size());
        assertThat(count("select count(*) from dw.user_activity_ledger where source = ? and event_id = any(?)",
                SOURCE, activities.keySet().toArray(String[]::new))).isEqualTo(activities.size());
    }

    @Test
    void theSimulatorsLogsLandAsWrittenTheirBrokenDocumentsQuarantinedAndTheActivitiesCounted() throws Exception {
        Instant start = Instant.parse("2026-11-25T03:00:00Z");
        String[] simulate = {"simulate", "--logs", "--mongodb-uri", services.endpoints().mongoUri(), "--database",
                logs.getName(), "--minutes", "0.05", "--rate-scale", "20", "--seed", "7", "--start", start.toString()};
        commandLine.run(new DefaultApplicationArguments(simulate));
        LogDocuments expected = new LogDocuments(7, start);
        Map<String, Long> written = new TreeMap<>();
        Map<String, Long> broken = new TreeMap<>();
        for (LogDocuments.Collection collection : LogDocuments.Collection.values()) {
            long count = expected.count(collection, java.time.Duration.ofSeconds(3), 20);
            written.put(collection.collection, count);
            broken.put(collection.collection, java.util.stream.LongStream.range(0, count)
                    .filter(k -> expected.broken(collection, k)).count());
            assertThat(logs.getCollection(collection.collection).find(new Document("_id",
                    expected.document(collection, 0, 20).get("_id"))).first())
                    .as("deterministic with the seed").isEqualTo(expected.document(collection, 0, 20));
        }
        assertThat(written).containsEntry("user_activities", 600L).containsEntry("system_events", 30L)
                .containsEntry("error_logs", 6L);
        assertThat(broken.get("user_activities")).isEqualTo(4);
        commandLine.run(new DefaultApplicationArguments(simulate));
        assertThat(logs.getCollection("user_activities").countDocuments()).as("the same logs written twice are "
                + "stored once").isEqualTo(600);

        JobExecution run = run(tag + "-1", false);

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        for (String collection : written.keySet()) {
            assertThat(landed(tag + "-1", collection)).as(collection).hasSize(written.get(collection).intValue());
        }
        Map<String, String> reasons = quarantined(tag + "-1");
        assertThat(reasons).hasSize((int) broken.values().stream().mapToLong(Long::longValue).sum());
        assertThat(reasons.values()).allMatch(r -> r.contains("timestamp /timestamp") || r.contains("/service is missing"));
        assertThat(count("""
                select coalesce(sum(events), 0) from dw.fact_user_activity_daily
                where source = ? and activity_date = date '2026-11-25'
                """, SOURCE)).isEqualTo(600 - broken.get("user_activities"));
    }

    @Test
    void aReaderOfAMongoDbUriOpenedOnTheContextOfTheLastCommittedChunkGoesOnAfterItThroughTiesAndBatches() throws Exception {
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            // Ten documents share each second, so chunks and batches end inside a run of ties.
            written.add(activity(T0.plusSeconds(i / 10), i));
        }
        // Read as any MongoDB is, through a connection string of its own: the platform's store's.
        SourceDefinition shipped = catalogue.sources().get(SOURCE);
        SourceDefinition source = new SourceDefinition(shipped.file(), shipped.name(), shipped.kind(),
                services.endpoints().mongoUri(), null, shipped.currency(), new SourceDefinition.Paging("none",
                "limit", "skip", 64, null), shipped.timeout(), shipped.maxRetries(),
                Map.of("user_activities", shipped.entities().get("user_activities")), shipped.rateLimit(),
                shipped.onFailure(), shipped.userAgent(), shipped.path());
        RunParameters runParameters = new RunParameters(tag, java.time.LocalDate.parse("2026-11-20"), Set.of(), false);
        ExecutionContext context = new ExecutionContext();
        List<String> read = new ArrayList<>();
        SourceReader killed = documentStore.reader(source, runParameters, Map.of(), new SourceProgress() { });
        killed.open(context);
        for (int i = 0; i < 137; i++) {
            read.add(killed.read().item().path("_id").asString());
            if (read.size() % 25 == 0) {
                killed.update(context);
            }
        }
        // Killed after reading 137, the chunks up to 125 committed: the restart reads from the 126th.
        killed.close();
        List<String> committed = new ArrayList<>(read.subList(0, 125));
        SourceReader restarted = documentStore.reader(source, runParameters, Map.of(), new SourceProgress() { });
        restarted.open(context);
        FetchedRecord record;
        while ((record = restarted.read()) != null) {
            committed.add(record.item().path("_id").asString());
        }
        restarted.close();

        assertThat(committed).containsExactlyElementsOf(written);
        assertThat(restarted.newWatermarks().get("user_activities")).contains(written.get(249));
    }

    private JobExecution run(String runId, boolean fullRefresh) throws Exception {
        return jobOperator.start(catalogue.jobs().get(JOB), new JobParametersBuilder()
                .addString("run_id", runId).addString("logical_date", "2026-11-20")
                .addString("full_refresh", Boolean.toString(fullRefresh), false).toJobParameters());
    }

    /** A valid user activity at {@code at}, its _id after every earlier one's. */
    private String activity(Instant at, int n) {
        return activityWithId(at, n, nextId(at));
    }

    private String activityWithId(Instant at, int n, ObjectId id) {
        Document document = activityDocument(at, n).append("_id", id).append("timestamp", Date.from(at));
        logs.getCollection("user_activities").insertOne(document);
        activities.put(id.toHexString(), document.getString("activity_type"));
        return id.toHexString();
    }

    private Document activityDocument(Instant at, int n) {
        String customer = "LOG-" + tag + "-C" + (n % 3 + 1);
        Document document = new Document("customer_id", customer)
                .append("session_id", customer + "-S" + n / 10)
                .append("activity_type", TYPES.get(n % TYPES.size()))
                .append("platform", n % 2 == 0 ? "shopee" : "tiki")
                .append("device", "android_app")
                .append("ip_address", "113.161.0." + n % 250);
        if (n % TYPES.size() != 1) {
            document.append("product_id", "VNM-P" + String.format("%05d", 1 + n % 17));
        }
        return document;
    }

    private Document systemEvent(int n) {
        return new Document("service", List.of("order-service", "payment-gateway", "search-api").get(n % 3))
                .append("event_type", n % 4 == 0 ? "deployment" : "health_check")
                .append("severity", n % 5 == 0 ? "warning" : "info")
                .append("message", "event " + n);
    }

    private Document errorLog(int n) {
        return new Document("service", "payment-gateway").append("level", n % 3 == 0 ? "CRITICAL" : "ERROR")
                .append("error_code", "PAY-" + (500 + n % 4)).append("message", "MoMo callback timed out")
                .append("trace_id", tag + "-" + n).append("stack_trace", "java.net.SocketTimeoutException");
    }

    /** Inserts the document with {@code timestamp} a date for an instant, else as it is; none for null. */
    private String insert(String collection, Document document, Object timestamp) {
        ObjectId id = nextId(timestamp instanceof Instant at ? at : T0);
        document.append("_id", id);
        if (timestamp != null) {
            document.append("timestamp", timestamp instanceof Instant at ? Date.from(at) : timestamp);
        }
        logs.getCollection(collection).insertOne(document);
        return id.toHexString();
    }

    /** ObjectIds in the order written: the instant's seconds, then a counter. */
    private ObjectId nextId(Instant at) {
        return new ObjectId(String.format("%08x%016x", at.getEpochSecond(), 1_000_000L + sequence++));
    }

    /** An ObjectId before every one {@link #nextId} gives at {@code at}. */
    private static ObjectId earlierId(Instant at) {
        return new ObjectId(String.format("%08x%016x", at.getEpochSecond(), 1L));
    }

    private List<String> landed(String runId, String entity) {
        return lake.template().find(lake.seenBy(runId, SOURCE, entity), Document.class, DataLake.ENVELOPES).stream()
                .map(d -> d.getString("natural_id")).toList();
    }

    /** entity/_id to the reason, of what the run quarantined. */
    private Map<String, String> quarantined(String runId) {
        return lake.template().find(Query.query(Criteria.where("run_id").is(runId).and("source").is(SOURCE)),
                        Document.class, DataLake.QUARANTINE).stream()
                .collect(Collectors.toMap(d -> d.getString("entity") + "/" + d.getString("natural_id"),
                        d -> d.getString("reason")));
    }

    /** The fact's events of this test's customers, by type. */
    private Map<String, Long> factEvents() {
        Map<String, Long> events = new TreeMap<>();
        jdbc.query("""
                select f.event_type, sum(f.events) from dw.fact_user_activity_daily f
                join dw.dim_customer c using (customer_key)
                where f.source = ? and c.customer_id like ? group by f.event_type
                """, rs -> {
            events.put(rs.getString(1), rs.getLong(2));
        }, SOURCE, "LOG-" + tag + "-%");
        return events;
    }

    private static Map<String, Long> byType(Map<String, String> activities) {
        return new TreeMap<>(activities.values().stream().collect(Collectors.groupingBy(t -> t,
                Collectors.counting())));
    }

    private String watermark(String entity) {
        return jdbc.queryForObject("select watermark from ops.source_watermark where source = ? and entity = ?",
                String.class, SOURCE, entity);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
