package vn.ecomdss.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the {@code cdc_<table>} topics hold, as a consumer of committed records sees it: each topic read from its
 * beginning to its end offsets, in partition order.
 */
public final class ChangeTopicsContent {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ChangeTopicsContent() {
    }

    /** The changes on {@code cdc_<table>}, each with its Kafka key under {@code kafka_key}. */
    public static List<JsonNode> changes(String bootstrapServers, String table) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<JsonNode> changes = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            var infos = consumer.partitionsFor("cdc_" + table, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return changes;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("cdc_" + table + " not read to its end " + end + " within 60 s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    changes.add(((tools.jackson.databind.node.ObjectNode) JSON.readTree(record.value()))
                            .put("kafka_key", record.key()));
                }
            }
        }
        return changes;
    }
}
