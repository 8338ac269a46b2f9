package vn.ecomdss.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what the broker knows of a topic without joining a group or committing anything: its partitions' begin
 * and end offsets, the timestamp of its newest message, and how many messages were produced between two moments
 * (by the messages' timestamps). It never creates a topic it asks about.
 */
final class TopicProbe implements AutoCloseable {

    /** The last messages of a partition read to find its newest timestamp (a transaction marker takes an offset). */
    private static final int TAIL = 16;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final KafkaConsumer<byte[], byte[]> consumer;

    TopicProbe(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ecommerce-dss-monitoring");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A topic's partitions with their first and end offsets (end: the offset the next message gets); empty if none. */
    record Partitions(Map<Integer, Long> begin, Map<Integer, Long> end) {
        boolean exists() {
            return !end.isEmpty();
        }
    }

    Partitions partitions(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            return new Partitions(Map.of(), Map.of());
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        Map<Integer, Long> begin = new TreeMap<>();
        Map<Integer, Long> end = new TreeMap<>();
        consumer.beginningOffsets(partitions, TIMEOUT).forEach((p, offset) -> begin.put(p.partition(), offset));
        consumer.endOffsets(partitions, TIMEOUT).forEach((p, offset) -> end.put(p.partition(), offset));
        return new Partitions(begin, end);
    }

    /** The timestamp of the newest message of any partition of the topic; empty when it holds none. */
    Optional<Instant> newest(String topic, Partitions offsets) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        offsets.end().forEach((partition, end) -> {
            if (end > offsets.begin().get(partition)) {
                ends.put(new TopicPartition(topic, partition), end);
            }
        });
        if (ends.isEmpty()) {
            return Optional.empty();
        }
        consumer.assign(ends.keySet());
        ends.forEach((p, end) -> consumer.seek(p, Math.max(offsets.begin().get(p.partition()), end - TAIL)));
        long newest = Long.MIN_VALUE;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                newest = Math.max(newest, record.timestamp());
            }
        }
        consumer.assign(List.of());
        return newest == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(newest));
    }

    /** Messages whose timestamp is at or after {@code from} and before {@code to}, over all partitions. */
    long produced(String topic, Partitions offsets, Instant from, Instant to) {
        return offsetAt(topic, offsets, to) - offsetAt(topic, offsets, from);
    }

    /** Summed over the partitions: the first offset whose timestamp is at or after the moment (the end if none). */
    private long offsetAt(String topic, Partitions offsets, Instant moment) {
        Map<TopicPartition, Long> query = new HashMap<>();
        offsets.end().keySet().forEach(p -> query.put(new TopicPartition(topic, p), moment.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, TIMEOUT);
        long sum = 0;
        for (TopicPartition partition : query.keySet()) {
            OffsetAndTimestamp at = found.get(partition);
            sum += at == null ? offsets.end().get(partition.partition()) : at.offset();
        }
        return sum;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
