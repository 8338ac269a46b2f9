package vn.ecomdss.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.stereotype.Component;

import vn.ecomdss.embedded.KafkaEndpoint;
import vn.ecomdss.pipeline.StreamTopics;

/**
 * Publishes the {@link MarketEventStreams} to Kafka in real time for a bounded duration: each event is sent
 * when its time comes (events falling behind are sent at once, so the rate is sustained on average). Keys are
 * the customer or product, so one customer's events stay in order on one partition. The declared topics
 * ({@link StreamTopics}) are created first with their settings, and an Avro topic gets its schema's encoding.
 */
@Component
public class EventStreamSimulator {

    private final KafkaEndpoint kafka;
    private final StreamTopics topics;

    public EventStreamSimulator(KafkaEndpoint kafka, StreamTopics topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    /** What was produced: per stream, the events sent, and how long it took. */
    public record Produced(Map<MarketEventStreams.Stream, Long> events, Duration elapsed) {
        public long total() {
            return events.values().stream().mapToLong(Long::longValue).sum();
        }

        public double perSecond(MarketEventStreams.Stream stream) {
            return events.get(stream) / Math.max(elapsed.toNanos() / 1e9, 1e-3);
        }
    }

    public Produced run(Duration duration, double rateScale, long seed, Instant start) {
        MarketEventStreams streams = new MarketEventStreams(seed, start);
        Map<MarketEventStreams.Stream, Long> due = new EnumMap<>(MarketEventStreams.Stream.class);
        for (MarketEventStreams.Stream stream : MarketEventStreams.Stream.values()) {
            due.put(stream, streams.count(stream, duration, rateScale));
        }
        Map<MarketEventStreams.Stream, Long> sent = new EnumMap<>(MarketEventStreams.Stream.class);
        AtomicReference<Exception> failure = new AtomicReference<>();
        topics.ensureCreated(kafka.bootstrapServers());
        long began = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            while (true) {
                MarketEventStreams.Stream next = null;
                double nextAt = Double.MAX_VALUE;
                for (MarketEventStreams.Stream stream : MarketEventStreams.Stream.values()) {
                    long k = sent.getOrDefault(stream, 0L);
                    double at = k * stream.intervalNanos(rateScale);
                    if (k < due.get(stream) && at < nextAt) {
                        next = stream;
                        nextAt = at;
                    }
                }
                if (next == null || failure.get() != null) {
                    break;
                }
                long wait = (long) nextAt - (System.nanoTime() - began);
                if (wait > 1_000_000) {
                    sleep(wait);
                }
                long k = sent.getOrDefault(next, 0L);
                Map<String, Object> event = streams.event(next, k, rateScale);
                Object key = event.getOrDefault("customer_id", event.get("product_id"));
                producer.send(new ProducerRecord<>(next.topic, String.valueOf(key), topics.encode(next.topic, event)),
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                sent.put(next, k + 1);
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Cannot publish the event streams to Kafka at " + kafka.bootstrapServers()
                    + ": " + failure.get().getMessage(), failure.get());
        }
        for (MarketEventStreams.Stream stream : MarketEventStreams.Stream.values()) {
            sent.putIfAbsent(stream, 0L);
        }
        return new Produced(sent, Duration.ofNanos(System.nanoTime() - began));
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ecommerce-dss-simulate");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("simulation interrupted", e);
        }
    }
}
