package vn.ecomdss.embedded;

/** The bootstrap servers every Kafka client of the platform connects to. */
public record KafkaEndpoint(String bootstrapServers) {
}
