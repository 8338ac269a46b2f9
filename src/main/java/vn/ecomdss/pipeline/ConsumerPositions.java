package vn.ecomdss.pipeline;

import java.util.List;
import java.util.Map;

/**
 * Where the platform's own Kafka consumers stand: for each topic a consumer reads, the next offset it will read per
 * partition. The monitoring subtracts these from the topics' end offsets (consumer lag). Every stage that keeps its
 * own positions (a kafka source's watermarks, the streaming pipeline's offsets) provides a bean of this type.
 */
public interface ConsumerPositions {

    /**
     * @param consumer    the consumer as the lag figures name it, e.g. {@code source:events}
     * @param nextOffsets partition to the next offset to read; a partition it never read is absent
     */
    record Position(String consumer, String topic, Map<Integer, Long> nextOffsets) {
        public Position {
            nextOffsets = Map.copyOf(nextOffsets);
        }
    }

    /** Each topic each consumer of this bean reads, whether or not it has read any of it yet. */
    List<Position> positions();
}
