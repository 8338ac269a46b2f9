package vn.ecomdss.extract.cdc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The {@code cdc_<table>} topics, written in Kafka transactions, each of which also writes how far it reached
 * ({@link ChangePosition}) to the compacted {@value #OFFSETS} topic under the source's name. The records and the
 * position are committed together or not at all, so that position, read back when the capture starts again, is
 * exactly what the topics hold: a capture killed at any moment neither loses nor repeats a change on them. The
 * producer's transactional id is the source's, so a new capture fences a killed one and aborts its open transaction.
 */
final class ChangeTopics implements AutoCloseable {

    static final String OFFSETS = "cdc_offsets";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String source;
    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;
    private ChangePosition published;
    private boolean inTransaction;

    private ChangeTopics(String source, String bootstrapServers, KafkaProducer<String, String> producer) {
        this.source = source;
        this.bootstrapServers = bootstrapServers;
        this.producer = producer;
    }

    /** Fences any earlier producer of the source, then reads how far the topics hold its changes. */
    static ChangeTopics open(String source, String bootstrapServers) {
        createOffsetsTopic(source, bootstrapServers);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ecommerce-dss-cdc-" + source);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ecommerce-dss-cdc-" + source);
        KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer());
        try {
            producer.initTransactions();
            ChangeTopics topics = new ChangeTopics(source, bootstrapServers, producer);
            topics.published = topics.readPublished();
            return topics;
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw new IllegalStateException("source " + source + ": cannot open the change topics on Kafka at "
                    + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    /** How far the topics hold the source's changes. */
    ChangePosition published() {
        return published;
    }

    /** Sends one change on its table's topic, within the transaction of the current chunk. */
    void send(String table, String key, String change) {
        if (!inTransaction) {
            producer.beginTransaction();
            inTransaction = true;
        }
        producer.send(new ProducerRecord<>("cdc_" + table, key, change));
    }

    /** Commits the changes sent since the last commit together with {@code reached}, the position after them. */
    void commit(ChangePosition reached) {
        if (!inTransaction) {
            return;
        }
        producer.send(new ProducerRecord<>(OFFSETS, source, reached.toString()));
        producer.commitTransaction();
        inTransaction = false;
        published = reached;
    }

    @Override
    public void close() {
        try {
            if (inTransaction) {
                producer.abortTransaction();
            }
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** The source's last committed position on {@value #OFFSETS}, read to its end; {@link ChangePosition#START} if none. */
    private ChangePosition readPublished() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ecommerce-dss-cdc-offsets-" + source);
        ChangePosition position = ChangePosition.START;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(OFFSETS, TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("source " + source + ": " + OFFSETS + " not read to its end "
                            + end + " within " + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (source.equals(record.key())) {
                        position = ChangePosition.parse(record.value());
                    }
                }
            }
        }
        return position;
    }

    private static void createOffsetsTopic(String source, String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(OFFSETS, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("source " + source + ": cannot create topic " + OFFSETS + " on "
                        + bootstrapServers + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + OFFSETS, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("source " + source + ": Kafka at " + bootstrapServers
                    + " did not create " + OFFSETS + " within " + TIMEOUT.toSeconds() + " s", e);
        }
    }
}
