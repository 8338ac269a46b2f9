package vn.ecomdss.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.ConsumerPositions;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.JobDefinitions;
import vn.ecomdss.pipeline.StepDefinition;

/**
 * Each {@code type: streaming} step's consumer, named {@code stream:<consumer>}: every topic of its {@code topics:},
 * at the positions its last committed micro-batch saved in {@code rt.consumer_position}.
 */
@Component
class StreamConsumerPositions implements ConsumerPositions {

    private static final String POSITIONS = """
            select consumer, topic, kafka_partition, next_offset from rt.consumer_position
            """;

    private final ObjectProvider<JobDefinitions> definitions;
    private final JdbcTemplate jdbc;

    StreamConsumerPositions(ObjectProvider<JobDefinitions> definitions, JdbcTemplate jdbc) {
        this.definitions = definitions;
        this.jdbc = jdbc;
    }

    @Override
    public List<Position> positions() {
        Map<String, Map<Integer, Long>> saved = new HashMap<>();
        jdbc.query(POSITIONS, rs -> {
            saved.computeIfAbsent(rs.getString(1) + "\n" + rs.getString(2), k -> new HashMap<>())
                    .put(rs.getInt(3), rs.getLong(4));
        });
        List<Position> positions = new ArrayList<>();
        for (JobDefinition job : definitions.getObject().all()) {
            for (StepDefinition step : job.steps()) {
                if (!"streaming".equals(step.type()) || step.params().get("topics") == null) {
                    continue;
                }
                String consumer = step.text("consumer", job.name());
                step.params().get("topics").propertyNames().forEach(topic -> positions.add(new Position(
                        "stream:" + consumer, topic, saved.getOrDefault(consumer + "\n" + topic, Map.of()))));
            }
        }
        return positions;
    }
}
