package vn.ecomdss.pipeline;

/**
 * Publishes a message to a topic (run summaries, quality alerts). A stage that raises an event depends on this;
 * the notify stage implements it on Kafka.
 */
public interface EventPublisher {

    /** Sends the message as JSON under the key and returns once the broker has stored it. */
    void publish(String topic, String key, Object message);
}
