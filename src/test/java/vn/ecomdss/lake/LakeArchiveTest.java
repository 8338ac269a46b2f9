package vn.ecomdss.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import vn.ecomdss.testsupport.PlatformTestSupport;

/**
 * lake_archival moves the envelopes no run fetched within the retention into monthly Parquet files and out of the
 * lake; a full refresh's reader gets them back, once each, with their payloads as they were.
 */
class LakeArchiveTest extends PlatformTestSupport {

    private static final String SOURCE = "archive-test";
    private static final String ENTITY = "orders";

    @Autowired
    DataLake lake;
    @Autowired
    LakeArchive archive;

    @AfterEach
    void cleanUp() throws Exception {
        lake.template().remove(Query.query(Criteria.where("source").is(SOURCE)), DataLake.ENVELOPES);
        Path dir = archive.dir().resolve(SOURCE);
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void coldEnvelopesMoveToMonthlyParquetAndAFullRefreshReadsThemBackOnce() throws Exception {
        Map<String, Document> old = new LinkedHashMap<>();
        List<RawEnvelope> envelopes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // March, April and May 2020: three months of envelopes no run has fetched since.
            Instant fetched = Instant.parse("2020-03-05T10:00:00Z").plusSeconds(i * 3L * 86_400);
            envelopes.add(envelope("O-" + i, fetched, old));
        }
        RawEnvelope quarantined = envelope("O-bad", Instant.parse("2020-04-01T00:00:00Z"), new LinkedHashMap<>());
        envelopes.add(quarantined);
        Map<String, Document> recent = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            envelopes.add(envelope("R-" + i, Instant.now(), recent));
        }
        lake.store(envelopes);
        lake.quarantine(List.of(new QuarantinedRecord(quarantined.id(), "archive-run", SOURCE, ENTITY, "O-bad",
                "required_fields", "missing /total")));

        JobExecution run = jobOperator.start(catalogue.jobs().get("lake_archival"), new JobParametersBuilder()
                .addString("run_id", "archive-1").addString("logical_date", "2021-06-01")
                .addString("as_of", "2021-06-01T00:00:00+07:00", false).toJobParameters());

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepExecution step = run.getStepExecutions().iterator().next();
        assertThat(step.getExitStatus().getExitDescription()).contains("last fetched before 2020-05-31T17:00:00Z");
        assertThat(archive.dir().resolve(SOURCE).resolve(ENTITY).toFile().list())
                .containsExactlyInAnyOrder("2020-03", "2020-04", "2020-05");
        assertThat(lakeIds()).as("only the recent envelopes stay in the lake")
                .containsExactlyInAnyOrderElementsOf(recent.keySet());

        Map<String, Document> everything = new LinkedHashMap<>(recent);
        everything.putAll(old);
        assertThat(readAll(null)).as("the quarantined one stays out, as in the lake").isEqualTo(everything);

        // One archived record fetched again: the lake holds it anew, and the reader gives it once.
        String again = old.keySet().iterator().next();
        lake.store(List.of(envelope(again, Instant.now(), new LinkedHashMap<>())));
        // An archival that died after its file but before removing the envelopes, run again, wrote a month twice.
        Path april = archive.dir().resolve(SOURCE).resolve(ENTITY).resolve("2020-04");
        try (Stream<Path> files = Files.list(april)) {
            Path file = files.findFirst().orElseThrow();
            Files.copy(file, april.resolve("envelopes-9999999999999.parquet"));
        }
        assertThat(readAll(null)).isEqualTo(everything);

        // A reader stopped after 20 records resumes from its saved position: nothing lost or read twice.
        ExecutionContext context = new ExecutionContext();
        Map<String, Document> resumed = readAll(context);
        assertThat(resumed).isEqualTo(everything);

        JobExecution second = jobOperator.start(catalogue.jobs().get("lake_archival"), new JobParametersBuilder()
                .addString("run_id", "archive-2").addString("logical_date", "2021-06-01")
                .addString("as_of", "2021-06-01T00:00:00+07:00", false).toJobParameters());
        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(lakeIds()).hasSize(6);
    }

    /** Every record a full refresh reads, by natural id; with {@code context}, in two readers, the first stopped. */
    private Map<String, Document> readAll(ExecutionContext context) {
        Map<String, Document> read = new LinkedHashMap<>();
        List<LakeReader.Listing> listing = List.of(new LakeReader.Listing(SOURCE, ENTITY));
        LakeReader first = new LakeReader(lake, "full", listing, true, archive);
        first.open(context == null ? new ExecutionContext() : context);
        int limit = context == null ? Integer.MAX_VALUE : 20;
        LakeRecord record;
        while (read.size() < limit && (record = first.read()) != null) {
            assertThat(read.put(record.naturalId(), record.payload())).as("read twice: " + record.naturalId()).isNull();
        }
        first.close();
        if (context != null) {
            first.update(context);
            LakeReader second = new LakeReader(lake, "full", listing, true, archive);
            second.open(context);
            while ((record = second.read()) != null) {
                assertThat(read.put(record.naturalId(), record.payload())).as("read twice: " + record.naturalId())
                        .isNull();
            }
            second.close();
        }
        return read;
    }

    private List<String> lakeIds() {
        return lake.template().find(Query.query(Criteria.where("source").is(SOURCE)), Document.class,
                DataLake.ENVELOPES).stream().map(d -> d.getString("natural_id")).toList();
    }

    /**
     * An envelope whose payload has what JSON would flatten: a 64-bit integer, a decimal and a date; the payload is
     * the id's own, so fetching the id again gives the same envelope.
     */
    private static RawEnvelope envelope(String id, Instant fetched, Map<String, Document> into) {
        Document payload = new Document("order_id", id).append("total_vnd", 1_250_000_000_000L + id.hashCode())
                .append("rate", new Decimal128(new BigDecimal("0.0725"))).append("placed_at", Date.from(Instant.parse("2020-01-01T00:00:00Z").plusSeconds(Math.abs(id.hashCode() % 86_400))))
                .append("lines", List.of(new Document("sku", "SKU-" + id).append("quantity", 2)));
        into.put(id, payload);
        return RawEnvelope.of(SOURCE, ENTITY, id, payload, payload.toJson(), "archive-fetch", fetched);
    }
}
