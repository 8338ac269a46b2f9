package vn.ecomdss.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.DssProperties;

/**
 * The topics of {@code job-definitions/topics/*.yml}: their format, partitions and retention, created with those
 * settings when the platform first writes or reads them, and the codec of each. An Avro topic carries Apache Avro's
 * single-object encoding of its schema ({@code job-definitions/schemas/<schema>.avsc}): the schema's fingerprint in
 * a 10-byte header, then the binary record, so a reader needs those files and no registry. A JSON topic carries one
 * UTF-8 JSON object per message. A topic not declared there is a JSON topic with the broker's defaults.
 */
@Component
public class StreamTopics {

    private static final Set<String> TOPIC_KEYS = Set.of("format", "schema", "partitions", "retention");
    private static final List<String> FORMATS = List.of("avro", "json");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** One declared topic; {@code schema} is null for a JSON topic. */
    public record Topic(String name, String format, Schema schema, int partitions, Duration retention) {

        public boolean avro() {
            return schema != null;
        }
    }

    /** A message its topic's codec cannot read, with the reason for the quarantine. */
    public static final class UndecodableMessage extends RuntimeException {

        UndecodableMessage(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String definitions;
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile Catalogue catalogue;

    private record Catalogue(Map<String, Topic> topics, Map<String, BinaryMessageDecoder<GenericRecord>> decoders) {
    }

    public StreamTopics(DssProperties properties) {
        this.definitions = properties.definitions();
    }

    public Map<String, Topic> topics() {
        return catalogue().topics();
    }

    public Optional<Topic> topic(String name) {
        return Optional.ofNullable(catalogue().topics().get(name));
    }

    /** Creates every declared topic the broker does not have yet, with its partitions and retention. */
    public void ensureCreated(String bootstrapServers) {
        List<NewTopic> wanted = catalogue().topics().values().stream()
                .map(t -> new NewTopic(t.name(), Optional.of(t.partitions()), Optional.empty())
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(t.retention().toMillis()))))
                .toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey() + " on Kafka at "
                                + bootstrapServers + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
            awaitLeaders(admin, missing.stream().map(NewTopic::name).toList(), bootstrapServers);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list the topics of Kafka at " + bootstrapServers + ": "
                    + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within "
                    + TIMEOUT.toSeconds() + " s while creating the declared topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the declared topics", e);
        }
    }

    /**
     * Waits until every partition of the new topics has a leader: a producer that writes at once to a partition still
     * electing one would otherwise wait for its delivery timeout.
     */
    private static void awaitLeaders(Admin admin, List<String> names, String bootstrapServers)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            boolean led;
            try {
                led = admin.describeTopics(names).allTopicNames().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).values()
                        .stream().allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null
                                && !p.leader().isEmpty()));
            } catch (ExecutionException e) {
                led = false;   // a topic the broker does not describe yet
            }
            if (led) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka at " + bootstrapServers + " elected no leader for every partition"
                        + " of " + names + " within " + TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * The message for {@code fields} on {@code topic}: the Avro single-object encoding of a record of the topic's
     * schema (an {@link Instant} or ISO-8601 text for a {@code timestamp-millis} field), or the JSON object.
     */
    public byte[] encode(String topic, Map<String, ?> fields) {
        Topic declared = catalogue().topics().get(topic);
        if (declared == null || !declared.avro()) {
            return json.writeValueAsBytes(fields);
        }
        GenericRecordBuilder record = new GenericRecordBuilder(declared.schema());
        for (Schema.Field field : declared.schema().getFields()) {
            if (fields.containsKey(field.name())) {
                record.set(field, avroValue(field, fields.get(field.name())));
            }
        }
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), declared.schema())
                    .encode(record.build());
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | AvroRuntimeException e) {
            throw new IllegalArgumentException("cannot encode " + fields + " as " + declared.schema().getFullName()
                    + " for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * The message as JSON: an Avro record's fields by name ({@code timestamp-millis} as ISO-8601 text), or the JSON
     * object itself. Anything else is an {@link UndecodableMessage} naming the topic and what is wrong.
     */
    public JsonNode decode(String topic, byte[] value) {
        if (value == null) {
            throw new UndecodableMessage(topic + ": an empty message (a tombstone)", null);
        }
        BinaryMessageDecoder<GenericRecord> decoder = catalogue().decoders().get(topic);
        if (decoder == null) {
            try {
                JsonNode node = json.readTree(value);
                if (node != null && node.isObject()) {
                    return node;
                }
                throw new UndecodableMessage(topic + ": not a JSON object", null);
            } catch (JacksonException e) {
                throw new UndecodableMessage(topic + ": not JSON: " + e.getOriginalMessage(), e);
            }
        }
        GenericRecord record;
        try {
            record = decoder.decode(value);
        } catch (IOException | AvroRuntimeException e) {
            throw new UndecodableMessage(topic + ": not an Avro single-object message of a known schema ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        var node = json.createObjectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object v = record.get(field.name());
            if (v == null) {
                node.putNull(field.name());
            } else if (isTimestampMillis(field.schema())) {
                node.put(field.name(), Instant.ofEpochMilli((Long) v).toString());
            } else if (v instanceof CharSequence text) {
                node.put(field.name(), text.toString());
            } else if (v instanceof Integer i) {
                node.put(field.name(), i);
            } else if (v instanceof Long l) {
                node.put(field.name(), l);
            } else if (v instanceof Double d) {
                node.put(field.name(), d);
            } else if (v instanceof Boolean b) {
                node.put(field.name(), b);
            } else {
                node.put(field.name(), v.toString());
            }
        }
        return node;
    }

    private static Object avroValue(Schema.Field field, Object value) {
        if (value == null || !isTimestampMillis(field.schema())) {
            return value instanceof Number n && isLong(field.schema()) ? n.longValue() : value;
        }
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        return Instant.parse(value.toString()).toEpochMilli();
    }

    private static boolean isLong(Schema schema) {
        return schema.getType() == Schema.Type.LONG;
    }

    private static boolean isTimestampMillis(Schema schema) {
        Schema plain = schema.getType() == Schema.Type.UNION
                ? schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElse(schema)
                : schema;
        return plain.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    }

    private Catalogue catalogue() {
        Catalogue loaded = catalogue;
        if (loaded == null) {
            synchronized (this) {
                if (catalogue == null) {
                    catalogue = load();
                }
                loaded = catalogue;
            }
        }
        return loaded;
    }

    private Catalogue load() {
        DefinitionProblems problems = new DefinitionProblems();
        Map<String, Schema> schemas = schemas(problems);
        Map<String, Topic> topics = new LinkedHashMap<>();
        for (DefinitionFile file : DefinitionFile.in(definitions, "topics")) {
            DefinitionNode root = file.root("expected a mapping with topics:", problems);
            if (root == null) {
                continue;
            }
            root.allowOnly(Set.of("topics"));
            root.get("topics").entries().forEach((name, node) -> {
                node.allowOnly(TOPIC_KEYS);
                String format = node.get("format").oneOf(FORMATS, "json", "avro or json");
                Schema schema = null;
                if (format.equals("avro")) {
                    String schemaName = node.get("schema").requiredText();
                    schema = schemas.get(schemaName);
                    if (schemaName != null && schema == null) {
                        node.get("schema").problem("no schemas/" + schemaName + ".avsc (known: " + schemas.keySet() + ")");
                    }
                } else if (node.has("schema")) {
                    node.get("schema").problem("only an avro topic has a schema");
                }
                Topic topic = new Topic(name, format, schema, node.get("partitions").integer(1, 1, 1000),
                        node.get("retention").duration(Duration.ofDays(7)));
                if (topics.putIfAbsent(name, topic) != null) {
                    node.problem("another file already declares the topic '" + name + "'");
                }
            });
        }
        problems.throwIfAny();
        Map<String, BinaryMessageDecoder<GenericRecord>> decoders = new LinkedHashMap<>();
        topics.values().stream().filter(Topic::avro).forEach(topic -> {
            BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), topic.schema());
            schemas.values().forEach(decoder::addSchema);
            decoders.put(topic.name(), decoder);
        });
        return new Catalogue(Map.copyOf(topics), decoders);
    }

    private Map<String, Schema> schemas(DefinitionProblems problems) {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        String pattern = definitions + "/schemas/*.avsc";
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
                String file = "schemas/" + resource.getFilename();
                try (InputStream in = resource.getInputStream()) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    schemas.put(resource.getFilename().replaceFirst("\\.avsc$", ""), new Schema.Parser().parse(text));
                } catch (SchemaParseException e) {
                    problems.add(file, "(document)", "not an Avro schema: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the Avro schemas at " + pattern, e);
        }
        return schemas;
    }
}
