package vn.ecomdss.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import tools.jackson.databind.JsonNode;

import vn.ecomdss.pipeline.Lineage;

/**
 * Every job and step execution sends OpenLineage run events (to the test platform's Kafka topic), each valid
 * against the RunEvent schema, in START then COMPLETE or FAIL pairs, steps as children of their job's run, with
 * the datasets their step types read and write.
 */
class LineageEventsTest extends OpsTestSupport {

    private static final JsonSchema RUN_EVENT = schema();
    private static final ObjectMapper JACKSON2 = new ObjectMapper();

    @Test
    void aRunSendsAValidStartAndCompleteForItselfAndEachStepWithItsDatasets() throws Exception {
        JobExecution run = runEtl("lineage-ok", "2026-11-07", "vnmarket");
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        List<JsonNode> events = eventsOf(run);
        String jobRun = LineageEvents.jobRun(run.getId()).toString();
        assertThat(types(events, "dss_etl", jobRun)).containsExactly("START", "COMPLETE");
        for (StepExecution step : run.getStepExecutions()) {
            String stepRun = LineageEvents.stepRun(step.getId()).toString();
            assertThat(types(events, "dss_etl." + step.getStepName(), stepRun)).as(step.getStepName())
                    .containsExactly("START", "COMPLETE");
            assertThat(events).filteredOn(e -> e.path("run").path("runId").asString().equals(stepRun))
                    .allSatisfy(e -> assertThat(e.at("/run/facets/parent/run/runId").asString()).isEqualTo(jobRun));
        }
        JsonNode extract = completed(events, "dss_etl.extract_vnmarket");
        assertThat(names(extract.path("outputs"))).contains(Lineage.LAKE + " vnmarket/orders",
                Lineage.LAKE + " vnmarket/products");
        JsonNode transform = completed(events, "dss_etl.transform_sales");
        assertThat(names(transform.path("inputs"))).contains(Lineage.LAKE + " vnmarket/orders");
        assertThat(names(transform.path("outputs"))).containsExactly(Lineage.WAREHOUSE + " staging.sales_line");
        JsonNode facts = completed(events, "dss_etl.load_facts");
        assertThat(names(facts.path("outputs"))).contains(Lineage.WAREHOUSE + " dw.fact_sales");
        JsonNode marts = completed(events, "dss_etl.refresh_materialized_views");
        assertThat(names(marts.path("outputs"))).contains(Lineage.WAREHOUSE + " mart.mv_monthly_sales");
    }

    @Test
    void aFailedStepAndItsRunSendFailWithTheErrorMessage() throws Exception {
        doThrow(new IllegalStateException("injected fault for lineage")).when(factSalesLoader).load(any());
        JobExecution run;
        try {
            run = runEtl("lineage-fail", "2026-11-08", "vnmarket");
        } finally {
            org.mockito.Mockito.reset(factSalesLoader);
        }
        assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);

        List<JsonNode> events = eventsOf(run);
        assertThat(types(events, "dss_etl", LineageEvents.jobRun(run.getId()).toString()))
                .containsExactly("START", "FAIL");
        JsonNode failed = events.stream().filter(e -> e.path("job").path("name").asString()
                .equals("dss_etl.load_facts") && e.path("eventType").asString().equals("FAIL")).findFirst().orElseThrow();
        assertThat(failed.at("/run/facets/errorMessage/message").asString()).contains("injected fault for lineage");
        assertThat(failed.at("/run/facets/errorMessage/programmingLanguage").asString()).isEqualTo("Java");
    }

    @Test
    void theSchemaRefusesAnEventWithoutItsRequiredFields() throws Exception {
        Set<ValidationMessage> problems = RUN_EVENT.validate(JACKSON2.readTree("""
                {"eventType": "FINISHED", "run": {"runId": "not-a-uuid"}, "job": {"name": "dss_etl"},
                 "eventTime": "2026-12-02T03:00:00Z"}
                """));
        assertThat(problems.stream().map(ValidationMessage::getMessage).toList()).anySatisfy(m -> assertThat(m)
                .contains("producer")).anySatisfy(m -> assertThat(m).contains("namespace"))
                .anySatisfy(m -> assertThat(m).contains("uuid")).anySatisfy(m -> assertThat(m).startsWith("/eventType"));
    }

    /** The events of the run's job and steps on the topic, each checked against the schema. */
    private List<JsonNode> eventsOf(JobExecution run) throws Exception {
        Set<String> runs = run.getStepExecutions().stream().map(s -> LineageEvents.stepRun(s.getId()).toString())
                .collect(Collectors.toSet());
        runs.add(LineageEvents.jobRun(run.getId()).toString());
        List<JsonNode> events = messages(LINEAGE_TOPIC).stream().map(json::readTree)
                .filter(e -> runs.contains(e.path("run").path("runId").asString())).toList();
        for (JsonNode event : events) {
            Set<ValidationMessage> problems = RUN_EVENT.validate(JACKSON2.readTree(event.toString()));
            assertThat(problems).as(event.toString()).isEmpty();
        }
        return events;
    }

    private static List<String> types(List<JsonNode> events, String job, String runId) {
        return events.stream().filter(e -> e.path("job").path("name").asString().equals(job)
                && e.path("run").path("runId").asString().equals(runId))
                .map(e -> e.path("eventType").asString()).toList();
    }

    private static JsonNode completed(List<JsonNode> events, String job) {
        return events.stream().filter(e -> e.path("job").path("name").asString().equals(job)
                && e.path("eventType").asString().equals("COMPLETE")).findFirst().orElseThrow();
    }

    private static List<String> names(JsonNode datasets) {
        return datasets.valueStream().map(d -> d.path("namespace").asString() + " " + d.path("name").asString())
                .toList();
    }

    private static JsonSchema schema() {
        try (InputStream in = LineageEventsTest.class.getResourceAsStream("/openlineage/RunEvent-2-0-2.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in,
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
