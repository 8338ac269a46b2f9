package vn.ecomdss.extract.stream;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import vn.ecomdss.extract.FetchedRecord;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.extract.http.SourceRequestException;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * Reads a Kafka source's topics (one per entity) in bounded micro-batches: at its first open it fixes, for every
 * partition, where to start (the source's watermark, i.e. where the last completed run stopped, or the
 * beginning on a full refresh) and where to stop (the end offsets at that moment). The next offset of every
 * partition is saved with each chunk, so a restarted step seeks exactly to the first event not yet written.
 * A message that is not JSON is still returned (as {@code {"unparsed": text, "parse_error": ...}}) so the raw
 * quality check quarantines it with its reason instead of it being dropped.
 */
public final class TopicReader implements SourceReader {

    private static final String NEXT = "stream.next.";
    private static final String END = "stream.end.";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STALL = Duration.ofSeconds(30);

    private final SourceDefinition source;
    private final String bootstrapServers;
    private final Map<String, String> watermarks;
    private final JsonMapper json;
    private final int maxPollRecords;
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> end = new HashMap<>();
    private final Map<String, EntityDefinition> byTopic = new HashMap<>();
    private final Deque<ConsumerRecord<String, String>> buffer = new ArrayDeque<>();
    private KafkaConsumer<String, String> consumer;

    /** @param watermarks entity name to partition offsets as written by {@link #newWatermarks} */
    public TopicReader(SourceDefinition source, String bootstrapServers, Map<String, String> watermarks, JsonMapper json,
                       int maxPollRecords) {
        this.source = source;
        this.bootstrapServers = bootstrapServers;
        this.watermarks = Map.copyOf(watermarks);
        this.json = json;
        this.maxPollRecords = maxPollRecords;
        source.entities().values().forEach(e -> byTopic.put(e.path(), e));
    }

    @Override
    public void open(ExecutionContext context) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ecommerce-dss-extract-" + source.name());
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (EntityDefinition entity : source.entities().values()) {
            List<PartitionInfo> infos = consumer.partitionsFor(entity.path(), Duration.ofSeconds(30));
            if (infos == null) {
                continue;
            }
            Map<Integer, Long> committed = offsets(watermarks.get(entity.name()));
            for (PartitionInfo info : infos) {
                TopicPartition partition = new TopicPartition(info.topic(), info.partition());
                partitions.add(partition);
                String key = partition.topic() + "." + partition.partition();
                if (context.containsKey(NEXT + key)) {
                    next.put(partition, context.getLong(NEXT + key));
                    end.put(partition, context.getLong(END + key));
                } else if (committed.containsKey(info.partition())) {
                    next.put(partition, committed.get(info.partition()));
                }
            }
        }
        consumer.assign(partitions);
        List<TopicPartition> unbounded = partitions.stream().filter(p -> !end.containsKey(p)).toList();
        end.putAll(consumer.endOffsets(unbounded, Duration.ofSeconds(30)));
        List<TopicPartition> unstarted = partitions.stream().filter(p -> !next.containsKey(p)).toList();
        next.putAll(consumer.beginningOffsets(unstarted, Duration.ofSeconds(30)));
        next.forEach(consumer::seek);
        consumer.pause(partitions.stream().filter(p -> next.get(p) >= end.get(p)).toList());
    }

    @Override
    public void update(ExecutionContext context) {
        next.forEach((p, offset) -> context.putLong(NEXT + p.topic() + "." + p.partition(), offset));
        end.forEach((p, offset) -> context.putLong(END + p.topic() + "." + p.partition(), offset));
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
            consumer = null;
        }
        buffer.clear();
    }

    @Override
    public FetchedRecord read() {
        long stalledSince = System.nanoTime();
        while (buffer.isEmpty()) {
            if (finished()) {
                return null;
            }
            for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < end.get(partition)) {
                    buffer.add(record);
                }
            }
            if (buffer.isEmpty() && !finished() && System.nanoTime() - stalledSince > STALL.toNanos()) {
                throw new SourceRequestException("source " + source.name() + ": no progress on " + remaining()
                        + " from " + bootstrapServers + " for " + STALL.toSeconds() + " s");
            }
        }
        ConsumerRecord<String, String> record = buffer.poll();
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        next.put(partition, record.offset() + 1);
        if (record.offset() + 1 >= end.get(partition)) {
            consumer.pause(List.of(partition));
        }
        EntityDefinition entity = byTopic.get(record.topic());
        return new FetchedRecord(source.name(), entity.name(), entity.idPointer(), parse(record));
    }

    /** Entity name to {@code partition:next offset,...}: where the next run starts once this one completes. */
    @Override
    public Map<String, String> newWatermarks() {
        Map<String, Map<Integer, Long>> byEntity = new HashMap<>();
        next.forEach((p, offset) -> byEntity.computeIfAbsent(byTopic.get(p.topic()).name(), e -> new TreeMap<>())
                .put(p.partition(), offset));
        Map<String, String> marks = new HashMap<>();
        byEntity.forEach((entity, offsets) -> marks.put(entity, format(offsets)));
        return marks;
    }

    private boolean finished() {
        return next.entrySet().stream().allMatch(e -> e.getValue() >= end.get(e.getKey()));
    }

    private Collection<String> remaining() {
        return next.entrySet().stream().filter(e -> e.getValue() < end.get(e.getKey()))
                .map(e -> e.getKey() + "@" + e.getValue() + "<" + end.get(e.getKey())).toList();
    }

    private JsonNode parse(ConsumerRecord<String, String> record) {
        try {
            JsonNode node = json.readTree(record.value());
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JacksonException e) {
            return unparsed(record, e.getOriginalMessage());
        }
        return unparsed(record, "not a JSON object");
    }

    private ObjectNode unparsed(ConsumerRecord<String, String> record, String error) {
        return json.createObjectNode().put("unparsed", record.value()).put("parse_error", error)
                .put("topic", record.topic()).put("partition", record.partition()).put("offset", record.offset())
                .put("event_id", record.topic() + "-" + record.partition() + "-" + record.offset());
    }

    /** Partition to next offset, from a watermark as {@link #newWatermarks} writes it. */
    static Map<Integer, Long> offsets(String watermark) {
        Map<Integer, Long> offsets = new HashMap<>();
        if (watermark == null || watermark.isBlank()) {
            return offsets;
        }
        for (String part : watermark.split(",")) {
            String[] pair = part.split(":");
            offsets.put(Integer.parseInt(pair[0].trim()), Long.parseLong(pair[1].trim()));
        }
        return offsets;
    }

    private static String format(Map<Integer, Long> offsets) {
        StringBuilder text = new StringBuilder();
        offsets.forEach((partition, offset) -> text.append(text.isEmpty() ? "" : ",").append(partition).append(':').append(offset));
        return text.toString();
    }
}
