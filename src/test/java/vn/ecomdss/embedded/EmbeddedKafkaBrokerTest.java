package vn.ecomdss.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.RaftVoterEndpoint;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class EmbeddedKafkaBrokerTest {

    private static final String TOPIC = "orders";
    private static final String GROUP = "dss-first-group";
    private static final List<String> RECORDS = List.of(
            "{\"orderId\":\"A-1\",\"amount\":150000,\"currency\":\"VND\"}",
            "{\"orderId\":\"A-2\",\"amount\":275000,\"currency\":\"VND\"}",
            "{\"orderId\":\"A-3\",\"amount\":99000,\"currency\":\"VND\"}");

    @TempDir
    Path dataDir;

    @BeforeAll
    static void quietKafka() {
        // Without a Logback config, Logback logs everything at DEBUG; keep Kafka's server quiet.
        setLevel(org.slf4j.Logger.ROOT_LOGGER_NAME, "INFO");
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            setLevel(name, "WARN");
        }
    }

    @Test
    @Timeout(120)
    void persistsTopicsRecordsAndCommittedOffsetsAcrossRestart() throws Exception {
        int port;
        String clusterId;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            port = broker.port();
            clusterId = broker.clusterId();
            assertThat(port).isPositive();
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThat(broker.dataDir()).isEqualTo(dataDir.toAbsolutePath().normalize());
            assertThat(dataDir.resolve(EmbeddedKafkaBroker.STATE_FILE)).isRegularFile();
            assertThat(dataDir.resolve(EmbeddedKafkaBroker.LOG_DIR).resolve("meta.properties")).isRegularFile();
            // Formatted with --standalone: a dynamic quorum whose voter set is in the first metadata snapshot.
            assertThat(dataDir.resolve(EmbeddedKafkaBroker.LOG_DIR).resolve("__cluster_metadata-0")
                    .resolve("00000000000000000000-0000000000.checkpoint")).isRegularFile();

            try (Admin admin = admin(broker)) {
                QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get();
                assertThat(quorum.leaderId()).isEqualTo(1);
                assertThat(quorum.voters()).extracting(QuorumInfo.ReplicaState::replicaId).containsExactly(1);
                assertThat(quorum.nodes().get(1).endpoints()).extracting(RaftVoterEndpoint::port)
                        .containsExactly(broker.controllerPort());
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
                assertThat(admin.listTopics().names().get()).contains(TOPIC);
            }

            try (KafkaProducer<String, String> producer = producer(broker)) {
                for (int i = 0; i < RECORDS.size(); i++) {
                    producer.send(new ProducerRecord<>(TOPIC, "A-" + (i + 1), RECORDS.get(i))).get();
                }
            }

            try (KafkaConsumer<String, String> consumer = consumer(broker, GROUP)) {
                consumer.subscribe(List.of(TOPIC));
                List<String> values = pollValues(consumer, RECORDS.size());
                assertThat(values).containsExactlyElementsOf(RECORDS);
                consumer.commitSync();
                assertThat(consumer.committed(Set.of(new TopicPartition(TOPIC, 0))).get(new TopicPartition(TOPIC, 0)).offset())
                        .isEqualTo(3L);
            }
        }

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            assertThat(broker.port()).as("saved broker port is reused").isEqualTo(port);
            assertThat(broker.clusterId()).isEqualTo(clusterId);

            try (Admin admin = admin(broker)) {
                assertThat(admin.listTopics().names().get()).contains(TOPIC);
                TopicDescription description = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
                assertThat(description.partitions()).hasSize(1);
                assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);

                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
                assertThat(committed).containsKey(new TopicPartition(TOPIC, 0));
                assertThat(committed.get(new TopicPartition(TOPIC, 0)).offset()).isEqualTo(3L);
            }

            try (KafkaConsumer<String, String> consumer = consumer(broker, "dss-second-group")) {
                consumer.subscribe(List.of(TOPIC));
                assertThat(pollValues(consumer, RECORDS.size())).containsExactlyElementsOf(RECORDS);
            }

            // The first group resumes after its committed offset: a new record is all it sees.
            try (KafkaProducer<String, String> producer = producer(broker)) {
                producer.send(new ProducerRecord<>(TOPIC, "A-4", "{\"orderId\":\"A-4\",\"amount\":1000,\"currency\":\"VND\"}")).get();
            }
            try (KafkaConsumer<String, String> consumer = consumer(broker, GROUP)) {
                consumer.subscribe(List.of(TOPIC));
                assertThat(pollValues(consumer, 1)).containsExactly("{\"orderId\":\"A-4\",\"amount\":1000,\"currency\":\"VND\"}");
            }
        }
        assertThat(Files.readString(dataDir.resolve(EmbeddedKafkaBroker.STATE_FILE))).contains(clusterId);
    }

    @Test
    @Timeout(120)
    void requestedPortWinsOnRestartAndBusyPortFailsClearly() throws Exception {
        int controllerPort;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            controllerPort = broker.controllerPort();
        }
        int requested;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            requested = probe.getLocalPort();
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, requested)) {
            assertThat(broker.port()).isEqualTo(requested);
            assertThat(broker.controllerPort()).as("controller endpoint is kept").isEqualTo(controllerPort);
            try (Admin admin = admin(broker)) {
                assertThat(admin.describeCluster().nodes().get()).extracting(Node::port).containsExactly(requested);
            }
        }
        try (ServerSocket squatter = new ServerSocket(controllerPort, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(dataDir, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(dataDir.toAbsolutePath().normalize().toString())
                    .hasMessageContaining("127.0.0.1:" + controllerPort);
        }
        // The failed attempt left nothing behind: the directory opens again.
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            assertThat(broker.port()).isEqualTo(requested);
        }
    }

    private static List<String> pollValues(KafkaConsumer<String, String> consumer, int expected) {
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (values.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                values.add(record.value());
            }
        }
        // One more short poll to catch unexpected extra records.
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            values.add(record.value());
        }
        return values;
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return Admin.create(p);
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(p);
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker broker, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(p);
    }

    private static void setLevel(String loggerName, String level) {
        if (LoggerFactory.getLogger(loggerName) instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.toLevel(level));
        }
    }
}
