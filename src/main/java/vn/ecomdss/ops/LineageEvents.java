package vn.ecomdss.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.definition.JobCatalogue;
import vn.ecomdss.pipeline.EventPublisher;
import vn.ecomdss.pipeline.Lineage;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;

/**
 * OpenLineage run events (spec 2-0-2) for every job execution and every step execution: START when it starts,
 * COMPLETE, FAIL or ABORT (stopped) when it ends. A step's event names its job as {@code <job>.<step>}, its run as
 * a child of the job's run (the {@code parent} facet), and the datasets its step type reads and writes
 * ({@link StepFactory#lineage}). Run ids are UUIDs derived from the execution ids, so a restarted execution is a new
 * run and the same execution always has the same id. Events go to {@code dss.lineage.url} (an HTTP endpoint such
 * as Marquez's {@code /api/v1/lineage}) and/or the Kafka topic {@code dss.lineage.topic}; with neither set nothing
 * is sent. A lineage backend that is down is logged and never fails a run.
 */
@Component
public class LineageEvents implements JobExecutionListener, StepExecutionListener {

    static final String SCHEMA_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    private static final String PARENT_FACET = "https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet";
    private static final String ERROR_FACET = "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet";
    private static final Logger log = LoggerFactory.getLogger(LineageEvents.class);

    private final ObjectProvider<JobCatalogue> catalogue;
    private final Map<String, StepFactory> factories;
    private final EventPublisher publisher;
    private final String url;
    private final String topic;
    private final String namespace;
    private final String producer;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public LineageEvents(ObjectProvider<JobCatalogue> catalogue, List<StepFactory> factories, EventPublisher publisher,
                         @Value("${dss.lineage.url:}") String url, @Value("${dss.lineage.topic:}") String topic,
                         @Value("${dss.lineage.namespace:ecommerce-dss}") String namespace,
                         @Value("${dss.lineage.producer:https://github.com/ecommerce-dss/ecommerce-dss}") String producer) {
        this.catalogue = catalogue;
        this.factories = factories.stream().collect(Collectors.toMap(StepFactory::type, Function.identity()));
        this.publisher = publisher;
        this.url = url.isBlank() ? null : url;
        this.topic = topic.isBlank() ? null : topic;
        this.namespace = namespace;
        this.producer = producer;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        send(event("START", execution.getJobInstance().getJobName(), jobRun(execution.getId()), null, Lineage.NONE,
                null));
    }

    @Override
    public void afterJob(JobExecution execution) {
        send(event(ending(execution.getStatus()), execution.getJobInstance().getJobName(), jobRun(execution.getId()),
                null, Lineage.NONE, failure(execution.getExitStatus(), execution.getStatus())));
    }

    @Override
    public void beforeStep(StepExecution step) {
        send(stepEvent("START", step, null));
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        send(stepEvent(ending(step.getStatus()), step, failure(step.getExitStatus(), step.getStatus())));
        return null;
    }

    private Map<String, Object> stepEvent(String type, StepExecution step, String error) {
        String job = step.getJobExecution().getJobInstance().getJobName();
        return event(type, job + "." + step.getStepName(), stepRun(step.getId()), jobRun(step.getJobExecutionId()),
                lineage(job, step.getStepName()), error);
    }

    private Lineage lineage(String job, String stepName) {
        JobCatalogue jobs = catalogue.getIfAvailable();
        if (jobs == null) {
            return Lineage.NONE;
        }
        return jobs.definition(job).flatMap(definition -> definition.steps().stream()
                .filter(s -> s.name().equals(stepName)).findFirst())
                .map(step -> datasets(step, jobs)).orElse(Lineage.NONE);
    }

    private Lineage datasets(StepDefinition step, JobCatalogue jobs) {
        StepFactory factory = factories.get(step.type());
        return factory == null ? Lineage.NONE : factory.lineage(step, jobs.sources());
    }

    private Map<String, Object> event(String type, String jobName, UUID runId, UUID parentRunId, Lineage lineage,
                                      String error) {
        Map<String, Object> runFacets = new LinkedHashMap<>();
        if (parentRunId != null) {
            runFacets.put("parent", facet(PARENT_FACET, Map.of("run", Map.of("runId", parentRunId.toString()),
                    "job", Map.of("namespace", namespace, "name", jobName.substring(0, jobName.indexOf('.'))))));
        }
        if (error != null) {
            runFacets.put("errorMessage", facet(ERROR_FACET, Map.of("message", error, "programmingLanguage", "Java")));
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventType", type);
        event.put("eventTime", OffsetDateTime.now(ZoneOffset.UTC).toString());
        event.put("run", runFacets.isEmpty() ? Map.of("runId", runId.toString())
                : Map.of("runId", runId.toString(), "facets", runFacets));
        event.put("job", Map.of("namespace", namespace, "name", jobName));
        event.put("inputs", datasets(lineage.inputs()));
        event.put("outputs", datasets(lineage.outputs()));
        event.put("producer", producer);
        event.put("schemaURL", SCHEMA_URL);
        return event;
    }

    private Map<String, Object> facet(String schemaUrl, Map<String, Object> fields) {
        Map<String, Object> facet = new LinkedHashMap<>();
        facet.put("_producer", producer);
        facet.put("_schemaURL", schemaUrl);
        facet.putAll(fields);
        return facet;
    }

    private static List<Map<String, String>> datasets(List<Lineage.Dataset> datasets) {
        return datasets.stream().map(d -> Map.of("namespace", d.namespace(), "name", d.name())).toList();
    }

    private static String ending(BatchStatus status) {
        return switch (status) {
            case COMPLETED -> "COMPLETE";
            case STOPPED, STOPPING, ABANDONED -> "ABORT";
            default -> "FAIL";
        };
    }

    private static String failure(ExitStatus exit, BatchStatus status) {
        if (status == BatchStatus.COMPLETED || exit == null) {
            return null;
        }
        String description = exit.getExitDescription();
        return description == null || description.isBlank() ? exit.getExitCode()
                : description.lines().findFirst().orElse(exit.getExitCode());
    }

    static UUID jobRun(long jobExecutionId) {
        return UUID.nameUUIDFromBytes(("dss-job-execution:" + jobExecutionId).getBytes(StandardCharsets.UTF_8));
    }

    static UUID stepRun(long stepExecutionId) {
        return UUID.nameUUIDFromBytes(("dss-step-execution:" + stepExecutionId).getBytes(StandardCharsets.UTF_8));
    }

    private void send(Map<String, Object> event) {
        if (url == null && topic == null) {
            return;
        }
        String runId = String.valueOf(((Map<?, ?>) event.get("run")).get("runId"));
        try {
            if (topic != null) {
                publisher.publish(topic, runId, event);
            }
            if (url != null) {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(event))).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() / 100 != 2) {
                    log.warn("Lineage endpoint {} answered {} to the {} event of {}", url, answer.statusCode(),
                            event.get("eventType"), ((Map<?, ?>) event.get("job")).get("name"));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("The lineage event {} of {} was not delivered: {}", event.get("eventType"),
                    ((Map<?, ?>) event.get("job")).get("name"), e.getMessage());
        }
    }
}
