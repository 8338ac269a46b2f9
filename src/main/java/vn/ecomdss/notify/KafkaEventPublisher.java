package vn.ecomdss.notify;

import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.embedded.KafkaEndpoint;
import vn.ecomdss.pipeline.EventPublisher;

/**
 * Publishes JSON messages to Kafka and waits for the broker's acknowledgement, so a step that notifies only
 * completes once the message is stored. The producer is idempotent and made on first use.
 */
@Component
public class KafkaEventPublisher implements EventPublisher, DisposableBean {

    private final KafkaEndpoint endpoint;
    private final JsonMapper json = JsonMapper.builder().build();
    private KafkaProducer<String, String> producer;

    public KafkaEventPublisher(KafkaEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void publish(String topic, String key, Object message) {
        String payload = json.writeValueAsString(message);
        try {
            producer().send(new ProducerRecord<>(topic, key, payload)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing to Kafka topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot publish to Kafka topic " + topic + " at " + endpoint.bootstrapServers()
                    + ": " + e.getMessage(), e);
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrapServers());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "ecommerce-dss");
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @Override
    public synchronized void destroy() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
            producer = null;
        }
    }
}
