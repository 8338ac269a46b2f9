package vn.ecomdss.stream;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import vn.ecomdss.pipeline.StreamTopics;

/**
 * One streaming step execution's consumer. Each {@link #next} is a micro-batch inside the step's transaction: it
 * takes the consumer's lock, seeks to the positions committed in the warehouse (so a second run of the same
 * consumer, or a rolled-back batch, never skips or repeats), polls, maps, writes, and saves the positions it
 * reached. A partition's end is the end offset found at the first batch unless the session follows.
 */
final class StreamSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamSession.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration REASSIGN_EVERY = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What one micro-batch did. */
    record Batch(int messages, int written, int quarantined, boolean finished) {
    }

    private final StreamingStepFactory.Settings settings;
    private final String bootstrapServers;
    private final StreamTopics topics;
    private final RealtimeWriter writer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<TopicPartition, Long> end = new HashMap<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    private long assignedAt;
    private long messages;
    private long lines;
    private long others;
    private long quarantined;
    private long late;
    private long windows;
    private long duplicates;
    private int batches;

    StreamSession(StreamingStepFactory.Settings settings, String bootstrapServers, StreamTopics topics,
                  RealtimeWriter writer) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.writer = writer;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxBatch());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ecommerce-dss-stream-" + settings.consumer());
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.producer = settings.outputTopic() == null ? null : producer(bootstrapServers, settings.consumer());
    }

    Batch next() {
        writer.lock(settings.consumer());
        assignNewPartitions();
        Map<TopicPartition, Long> committed = writer.positions(settings.consumer());
        for (TopicPartition partition : assigned) {
            Long at = committed.get(partition);
            if (at != null && consumer.position(partition, TIMEOUT) != at) {
                consumer.seek(partition, at);
            }
        }
        Map<String, Instant> watermarks = writer.watermarks(settings.consumer());
        List<ConsumerRecord<String, byte[]>> records = poll();

        List<RealtimeWriter.Located> saleLines = new ArrayList<>();
        List<RealtimeEvent.PriceChange> prices = new ArrayList<>();
        List<RealtimeEvent.StockCount> stock = new ArrayList<>();
        List<RealtimeEvent.OrderEvent> orderEvents = new ArrayList<>();
        List<RealtimeWriter.Quarantined> rejected = new ArrayList<>();
        Set<Instant> touched = new HashSet<>();
        Map<String, Instant> reached = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            List<RealtimeEvent> events;
            try {
                JsonNode message = topics.decode(record.topic(), record.value());
                events = EventMappers.map(settings.topicKinds().get(record.topic()), message);
            } catch (StreamTopics.UndecodableMessage e) {
                rejected.add(quarantine(record, null, "undecodable", e.getMessage()));
                continue;
            } catch (EventMappers.Rejected e) {
                rejected.add(quarantine(record, null, "rejected", record.topic() + " partition "
                        + record.partition() + " offset " + record.offset() + ": " + e.getMessage()));
                continue;
            }
            for (RealtimeEvent event : events) {
                if (event instanceof RealtimeEvent.SaleLine line) {
                    Instant watermark = watermarks.getOrDefault(line.source(), Instant.EPOCH);
                    Instant closesAt = RealtimeWriter.windowEnd(line.orderTs()).plus(settings.allowedLateness());
                    if (!closesAt.isAfter(watermark) && writer.holds(line)) {
                        duplicates++;
                        continue;
                    }
                    if (!closesAt.isAfter(watermark)) {
                        rejected.add(quarantine(record, line, "late", "event " + line.eventId() + " at "
                                + line.orderTs() + " belongs to the window from "
                                + RealtimeWriter.windowStart(line.orderTs()) + ", closed at " + closesAt
                                + " (its end plus the allowed lateness " + settings.allowedLateness()
                                + "); the stream had reached " + watermark));
                        touched.add(RealtimeWriter.windowStart(line.orderTs()));
                        continue;
                    }
                    saleLines.add(new RealtimeWriter.Located(line, record.topic(), record.partition(), record.offset()));
                    touched.add(RealtimeWriter.windowStart(line.orderTs()));
                } else if (event instanceof RealtimeEvent.PriceChange price) {
                    prices.add(price);
                } else if (event instanceof RealtimeEvent.StockCount count) {
                    stock.add(count);
                } else if (event instanceof RealtimeEvent.OrderEvent orderEvent) {
                    orderEvents.add(orderEvent);
                }
                String source = event.source();
                if (event.eventTime().isAfter(reached.getOrDefault(source,
                        watermarks.getOrDefault(source, Instant.EPOCH)))) {
                    reached.put(source, event.eventTime());
                }
            }
        }

        List<RealtimeWriter.Located> changed = writer.writeLines(saleLines);
        int written = changed.size() + writer.writePrices(prices) + writer.writeStock(stock)
                + writer.writeOrderEvents(orderEvents);
        writer.quarantine(settings.consumer(), rejected);
        int windowRows = writer.refreshWindows(touched);
        publish(changed);
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : assigned) {
            positions.put(partition, consumer.position(partition, TIMEOUT));
        }
        writer.savePositions(settings.consumer(), positions);
        if (!reached.isEmpty()) {
            writer.saveWatermarks(settings.consumer(), reached);
        }

        batches++;
        messages += records.size();
        lines += changed.size();
        others += written - changed.size();
        quarantined += rejected.size();
        late += rejected.stream().filter(q -> q.reasonCode().equals("late")).count();
        windows += windowRows;
        boolean finished = !settings.follow() && assigned.stream().allMatch(p -> positions.get(p) >= end.get(p));
        return new Batch(records.size(), written, rejected.size(), finished);
    }

    /** What the session did, for the step's exit description. */
    String summary() {
        return messages + " messages in " + batches + " micro-batches: " + lines + " order lines changed, " + others
                + " price, stock and order events, " + windows + " window rows updated, " + quarantined
                + " quarantined (" + late + " later than " + settings.allowedLateness() + "), " + duplicates
                + " late redeliveries of lines already counted";
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Polls until the batch is full, the commit interval has passed, or (not following) every partition reached
     * its end; a message past a partition's end is left for the next run.
     */
    private List<ConsumerRecord<String, byte[]>> poll() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + settings.commitInterval().toNanos();
        Set<TopicPartition> done = new HashSet<>();
        if (!settings.follow()) {
            assigned.stream().filter(p -> consumer.position(p, TIMEOUT) >= end.get(p)).forEach(done::add);
            consumer.pause(done);
        }
        while (records.size() < settings.maxBatch() && System.nanoTime() < deadline
                && (settings.follow() || done.size() < assigned.size())) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (done.contains(partition)) {
                    continue;
                }
                if (!settings.follow() && record.offset() >= end.get(partition)) {
                    consumer.seek(partition, end.get(partition));
                    consumer.pause(List.of(partition));
                    done.add(partition);
                    continue;
                }
                records.add(record);
                if (!settings.follow() && record.offset() + 1 >= end.get(partition)) {
                    consumer.pause(List.of(partition));
                    done.add(partition);
                }
            }
        }
        consumer.resume(consumer.paused());
        return records;
    }

    /**
     * Assigns the partitions of the step's topics, and of any topic that appeared since (a capture's
     * {@code cdc_<table>} topic is created by its first change). Not following, the ends are fixed at the first.
     */
    private void assignNewPartitions() {
        if (!assigned.isEmpty() && System.nanoTime() - assignedAt < REASSIGN_EVERY.toNanos()) {
            return;
        }
        boolean first = assignedAt == 0;
        assignedAt = System.nanoTime();
        if (!first && !settings.follow()) {
            return;
        }
        Map<String, List<PartitionInfo>> existing = consumer.listTopics(TIMEOUT);
        List<TopicPartition> found = new ArrayList<>();
        for (String topic : settings.topicKinds().keySet()) {
            for (PartitionInfo info : existing.getOrDefault(topic, List.of())) {
                found.add(new TopicPartition(topic, info.partition()));
            }
        }
        if (assigned.containsAll(found)) {
            return;
        }
        assigned.addAll(found);
        consumer.assign(assigned);
        if (!settings.follow()) {
            end.putAll(consumer.endOffsets(assigned, TIMEOUT));
        }
        log.info("Consumer {} reads {} partitions of {} from Kafka at {}", settings.consumer(), assigned.size(),
                settings.topicKinds().keySet(), bootstrapServers);
    }

    /** The changed lines on the output topic, before the batch commits: a crash may repeat one, never lose one. */
    private void publish(List<RealtimeWriter.Located> changed) {
        if (producer == null || changed.isEmpty()) {
            return;
        }
        for (RealtimeWriter.Located located : changed) {
            RealtimeEvent.SaleLine line = located.line();
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("event_id", line.eventId());
            out.put("source", line.source());
            out.put("order_id", line.orderId());
            out.put("line_number", line.lineNumber());
            out.put("order_ts", line.orderTs().toString());
            out.put("window_start", RealtimeWriter.windowStart(line.orderTs()).toString());
            out.put("customer_id", line.customerId());
            out.put("product_id", line.productId());
            out.put("platform", line.platform());
            out.put("province_code", line.provinceCode());
            out.put("region", line.region());
            out.put("payment_method", line.paymentMethod());
            out.put("order_status", line.status());
            out.put("quantity", line.quantity());
            out.put("net_amount_vnd", line.netAmount());
            producer.send(new ProducerRecord<>(settings.outputTopic(), line.source() + "/" + line.orderId(),
                    topics.encode(settings.outputTopic(), out)));
        }
        producer.flush();
    }

    /** A message for the quarantine; a late {@code line} keeps the window it would have counted in. */
    private static RealtimeWriter.Quarantined quarantine(ConsumerRecord<String, byte[]> record,
                                                         RealtimeEvent.SaleLine line, String code, String reason) {
        return new RealtimeWriter.Quarantined(record.topic(), record.partition(), record.offset(),
                line == null ? null : line.eventId(), code, reason,
                line == null ? null : RealtimeWriter.windowStart(line.orderTs()),
                line == null ? null : line.platform(), line == null ? null : line.region(), text(record.value()));
    }

    /** The message as UTF-8 text, or base64 when its bytes are not (an Avro message is binary). */
    private static String text(byte[] value) {
        if (value == null) {
            return "";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(value)).toString().replace('\0', ' ');
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(value);
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrapServers, String consumer) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ecommerce-dss-stream-out-" + consumer);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
}
