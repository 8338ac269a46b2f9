package vn.ecomdss.monitor;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.ConsumerPositions;

/**
 * The Kafka topics the monitoring watches: every topic a platform consumer reads (each {@link ConsumerPositions}
 * bean, looked up when a run asks, since those beans may read the definitions assembled from the monitoring's own
 * step factories), and those a step names.
 */
@Component
class MonitoredTopics {

    private final ObjectProvider<ConsumerPositions> consumers;

    MonitoredTopics(ObjectProvider<ConsumerPositions> consumers) {
        this.consumers = consumers;
    }

    /** Every consumer's position on every topic it reads. */
    List<ConsumerPositions.Position> positions() {
        return consumers.orderedStream().flatMap(c -> c.positions().stream()).toList();
    }

    /** The consumers' topics and {@code named}, in name order. */
    Set<String> named(Collection<String> named) {
        Set<String> topics = new TreeSet<>(named);
        positions().forEach(p -> topics.add(p.topic()));
        return topics;
    }
}
