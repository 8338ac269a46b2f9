package vn.ecomdss.ops.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.Operation;
import vn.ecomdss.ops.AlertDeliveries;
import vn.ecomdss.ops.OperationRefusedException;
import vn.ecomdss.pipeline.Alert;
import vn.ecomdss.pipeline.AlertSink;
import vn.ecomdss.pipeline.JobDefinitions;

/**
 * The alerts: {@code GET /api/v1/alerts} lists what the channels carried, and {@code POST .../alertmanager} takes
 * Prometheus's alerts, as Alertmanager's webhook receiver posts them ({@code ops/alertmanager/alertmanager.yml}),
 * raised as the platform's own alerts: the same channels, keys and quiet periods as a failed job or a quality
 * breach, so an operator has one place that pages. An alert goes to the channels of the job its {@code job_name}
 * label names, or of {@code dss.alerts.prometheus-job} (dss_etl) when it names none; its {@code kind} label says
 * what it is about (health unless told). A rule about a condition the platform also alerts on itself (a failed
 * job) names the platform's key in an {@code alert_key} label, so the two share one quiet period and page once.
 * Resolved notifications are counted, not sent: the channels carry what needs doing.
 */
@RestController
@RequestMapping("/api/v1/alerts")
public class AlertsController {

    private static final Logger log = LoggerFactory.getLogger(AlertsController.class);

    public record Received(int raised, int resolved) {
    }

    private static final List<String> OUTCOMES = List.of("sent", "suppressed", "skipped", "failed");

    private final AlertSink alerts;
    private final JobDefinitions definitions;
    private final AlertDeliveries deliveries;
    private final String defaultJob;

    public AlertsController(AlertSink alerts, JobDefinitions definitions, AlertDeliveries deliveries,
                                  @Value("${dss.alerts.prometheus-job:dss_etl}") String defaultJob) {
        this.alerts = alerts;
        this.definitions = definitions;
        this.deliveries = deliveries;
        this.defaultJob = defaultJob;
    }

    @GetMapping
    @Operation(summary = "The latest alert deliveries, newest first: each alert on each channel and what became of it")
    public List<AlertDeliveries.Delivery> deliveries(@RequestParam(required = false) String outcome,
                                                     @RequestParam(defaultValue = "50") int limit) {
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw OperationRefusedException.badParameter("outcome", "outcome must be one of " + OUTCOMES + ", got '"
                    + outcome + "'");
        }
        if (limit < 1 || limit > 500) {
            throw OperationRefusedException.badParameter("limit", "limit must be 1 to 500, got " + limit);
        }
        return deliveries.latest(outcome, limit);
    }

    @PostMapping("/alertmanager")
    @Operation(summary = "Alertmanager's webhook: raise each firing alert on the job's alert channels (OPERATOR)")
    public Received alertmanager(@RequestBody JsonNode notification) {
        JsonNode firing = notification.path("alerts");
        if (!firing.isArray()) {
            throw OperationRefusedException.badParameter("alerts",
                    "expected Alertmanager's webhook payload with an 'alerts' array, got " + shape(notification));
        }
        int raised = 0;
        int resolved = 0;
        for (int i = 0; i < firing.size(); i++) {
            JsonNode alert = firing.get(i);
            String status = alert.path("status").asString("");
            if (status.equals("resolved")) {
                resolved++;
            } else if (status.equals("firing")) {
                alerts.raise(asAlert(alert, i));
                raised++;
            } else {
                throw OperationRefusedException.badParameter("alerts[" + i + "].status",
                        "alerts[" + i + "].status must be firing or resolved, got '" + status + "'");
            }
        }
        log.info("Alertmanager ({}): {} firing alerts raised, {} resolved", notification.path("receiver").asString("?"),
                raised, resolved);
        return new Received(raised, resolved);
    }

    private Alert asAlert(JsonNode alert, int index) {
        JsonNode labels = alert.path("labels");
        String name = labels.path("alertname").asString("");
        if (name.isBlank()) {
            throw OperationRefusedException.badParameter("alerts[" + index + "].labels.alertname",
                    "alerts[" + index + "] has no alertname label");
        }
        String fingerprint = alert.path("fingerprint").asString("");
        String job = labels.path("job_name").asString("");
        if (job.isEmpty() || definitions.definition(job).isEmpty()) {
            job = defaultJob;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        labels.properties().forEach(label -> fields.put(label.getKey(), label.getValue().asString()));
        fields.put("starts_at", alert.path("startsAt").asString(""));
        fields.put("generator_url", alert.path("generatorURL").asString(""));
        JsonNode annotations = alert.path("annotations");
        String key = labels.path("alert_key").asString("");
        if (key.isBlank()) {
            key = "prometheus:" + name + (fingerprint.isEmpty() ? "" : ":" + fingerprint);
        }
        return new Alert(key, kind(labels, index),
                "critical".equalsIgnoreCase(labels.path("severity").asString("")) ? Alert.Severity.CRITICAL
                        : Alert.Severity.WARNING,
                job, null, annotations.path("summary").asString(name),
                annotations.path("description").asString(""), fields);
    }

    private static Alert.Kind kind(JsonNode labels, int index) {
        String kind = labels.path("kind").asString("health");
        try {
            return Alert.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw OperationRefusedException.badParameter("alerts[" + index + "].labels.kind", "alerts[" + index
                    + "].labels.kind must be one of job_failure, data_quality, lateness, health, business, got '"
                    + kind + "'");
        }
    }

    private static String shape(JsonNode node) {
        return node.isObject() ? "an object with " + node.propertyNames() : node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
}
