package vn.ecomdss.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceDefinition;

/** The extract step's reader and report on one step execution, with a source kind that serves fixed records. */
class ExtractionStepTest {

    private static final SourceDefinition PLATZI = SourceDefinitions.load("platzi");
    private final JsonMapper json = JsonMapper.builder().build();
    private final SavedWatermarks watermarks = new SavedWatermarks();
    private final FixedSource kind = new FixedSource();
    private final ExtractionStats stats = new ExtractionStats();
    private final ExtractionReader reader = new ExtractionReader(PLATZI, kind, watermarks, stats);
    private final ExtractionReport report = new ExtractionReport(PLATZI, stats);

    @Test
    void aSourceLeftOutOfTheRunsSourcesReadsNothingAndIsReportedSkipped() throws Exception {
        StepExecution step = execution("fakestore,chotot", false);

        List<FetchedRecord> records = run(step, BatchStatus.COMPLETED);

        assertThat(records).isEmpty();
        assertThat(kind.asked).as("the kind is never asked for a reader").isEmpty();
        assertThat(step.getExitStatus().getExitDescription()).startsWith("skipped: source not in sources=")
                .contains("fakestore", "chotot");
        assertThat(step.getExecutionContext().getString(SourceDefinition.EXTRACTED_SOURCE_KEY)).isEqualTo("platzi");
        assertThat(watermarks.saved).isEmpty();
    }

    @Test
    void anIncrementalRunStartsFromTheSavedWatermarksAndSavesWhereItGotOnCompletion() throws Exception {
        watermarks.stored = Map.of("products", "2026-11-01T00:00:00Z");
        StepExecution step = execution("platzi", false);

        List<FetchedRecord> records = run(step, BatchStatus.COMPLETED);

        assertThat(records).hasSize(2);
        assertThat(kind.asked).containsExactly(Map.of("products", "2026-11-01T00:00:00Z"));
        assertThat(watermarks.saved).containsExactly(Map.of("products", "2026-11-02T00:00:00Z"));
        assertThat(step.getExitStatus().getExitDescription()).contains("0 pages, 2 records, 0 retries");
        assertThat(step.getExecutionContext().getLong("extract.records")).isEqualTo(2);
    }

    @Test
    void aFullRefreshStartsFromNoWatermark() throws Exception {
        watermarks.stored = Map.of("products", "2026-11-01T00:00:00Z");

        run(execution("platzi", true), BatchStatus.COMPLETED);

        assertThat(kind.asked).containsExactly(Map.of());
    }

    @Test
    void aFailedStepKeepsTheOldWatermarksAndItsExitDescriptionSaysWhyTheSourceFailed() throws Exception {
        StepExecution step = execution("platzi", false);
        step.addFailureException(new IllegalStateException("chunk failed",
                new IllegalStateException("GET https://api.escuelajs.co/api/v1/products answered 503 after 5 attempts")));

        run(step, BatchStatus.FAILED);

        assertThat(watermarks.saved).isEmpty();
        assertThat(step.getExitStatus().getExitDescription()).startsWith("source platzi failed: GET https://api"
                + ".escuelajs.co/api/v1/products answered 503 after 5 attempts; 0 pages, 2 records");
    }

    /** Runs the reader, counts what a writer would land, and ends the step with the given status. */
    private List<FetchedRecord> run(StepExecution step, BatchStatus status) throws Exception {
        report.beforeStep(step);
        reader.beforeStep(step);
        reader.open(step.getExecutionContext());
        List<FetchedRecord> records = new ArrayList<>();
        for (FetchedRecord record = reader.read(); record != null; record = reader.read()) {
            records.add(record);
        }
        stats.landed(records.size());
        reader.update(step.getExecutionContext());
        stats.update(step.getExecutionContext());
        reader.close();
        step.setStatus(status);
        step.setExitStatus(status == BatchStatus.COMPLETED ? ExitStatus.COMPLETED : ExitStatus.FAILED);
        reader.afterStep(step);
        step.setExitStatus(report.afterStep(step));
        return records;
    }

    private static StepExecution execution(String sources, boolean fullRefresh) {
        return MetaDataInstanceFactory.createStepExecution(new JobParametersBuilder()
                .addString(RunParameters.RUN_ID, "run-1").addString(RunParameters.SOURCES, sources)
                .addString(RunParameters.FULL_REFRESH, Boolean.toString(fullRefresh)).toJobParameters());
    }

    /** Two products; their highest change marker is the new watermark. */
    private final class FixedSource implements Source {

        final List<Map<String, String>> asked = new ArrayList<>();

        @Override
        public String kind() {
            return "fixed";
        }

        @Override
        public SourceReader reader(SourceDefinition source, RunParameters run, Map<String, String> from,
                                   SourceProgress progress) {
            asked.add(from);
            Iterator<String> items = List.of("{\"id\": 1}", "{\"id\": 2}").iterator();
            return new SourceReader() {
                @Override
                public FetchedRecord read() {
                    return items.hasNext()
                            ? new FetchedRecord(source.name(), "products", "/id", json.readTree(items.next())) : null;
                }

                @Override
                public Map<String, String> newWatermarks() {
                    return Map.of("products", "2026-11-02T00:00:00Z");
                }
            };
        }
    }

    /** Watermarks kept in memory instead of {@code ops.source_watermark}. */
    private static final class SavedWatermarks extends SourceWatermarks {

        Map<String, String> stored = Map.of();
        final List<Map<String, String>> saved = new ArrayList<>();

        SavedWatermarks() {
            super(null);
        }

        @Override
        public Map<String, String> of(String source) {
            return stored;
        }

        @Override
        public void save(String source, Map<String, String> marks, String runId) {
            saved.add(marks);
        }
    }
}
