package vn.ecomdss.notify;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.Alert;
import vn.ecomdss.pipeline.EventPublisher;
import vn.ecomdss.pipeline.JobDefinition;

/** {@code kafka}: the alert as JSON on {@code etl_alerts}, keyed by the alert's key. */
@Component
class KafkaAlertChannel implements AlertChannel {

    static final String TOPIC = "etl_alerts";

    private final EventPublisher publisher;

    KafkaAlertChannel(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public void send(Alert alert, JobDefinition.Alerting alerting) {
        publisher.publish(TOPIC, alert.key(), asMessage(alert));
    }

    static Map<String, Object> asMessage(Alert alert) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("key", alert.key());
        message.put("kind", alert.kind().name());
        message.put("severity", alert.severity().name());
        message.put("job", alert.job());
        message.put("run_id", alert.runId());
        message.put("title", alert.title());
        message.put("detail", alert.detail());
        message.put("fields", alert.fields());
        return message;
    }
}
