package vn.ecomdss.extract.stream;

import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.embedded.KafkaEndpoint;
import vn.ecomdss.extract.Source;
import vn.ecomdss.extract.SourceEndpoints;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceDefinition;

/** {@code kind: kafka}: event topics, one per entity, read from the offsets the last completed run reached. */
@Component
public class TopicSource implements Source {

    private static final int MAX_POLL_RECORDS = 500;

    private final SourceEndpoints endpoints;
    private final KafkaEndpoint kafka;
    private final JsonMapper json = JsonMapper.builder().build();

    public TopicSource(SourceEndpoints endpoints, KafkaEndpoint kafka) {
        this.endpoints = endpoints;
        this.kafka = kafka;
    }

    @Override
    public String kind() {
        return "kafka";
    }

    @Override
    public SourceReader reader(SourceDefinition source, RunParameters run, Map<String, String> watermarks,
                               SourceProgress progress) {
        return new TopicReader(source, bootstrapServers(source), watermarks, json, MAX_POLL_RECORDS);
    }

    /** A Kafka source's {@code base-url} is {@code kafka://host:port,...}; {@code embedded: kafka} is the platform's broker. */
    private String bootstrapServers(SourceDefinition source) {
        return "kafka".equals(source.embedded()) && endpoints.override(source) == null
                ? kafka.bootstrapServers()
                : endpoints.baseUri(source).toString().replaceFirst("^kafka://", "");
    }
}
