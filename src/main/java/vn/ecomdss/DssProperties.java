package vn.ecomdss;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything an operator configures. Environment variables bind by Spring's relaxed rules:
 * {@code DSS_DB_URL} is {@code dss.db.url}, {@code DSS_MONGODB_URI} is {@code dss.mongodb.uri},
 * {@code DSS_KAFKA_BOOTSTRAP_SERVERS} is {@code dss.kafka.bootstrap-servers}.
 */
@ConfigurationProperties("dss")
public record DssProperties(
        @DefaultValue("./var") Path dataDir,
        @DefaultValue Db db,
        @DefaultValue Mongodb mongodb,
        @DefaultValue Kafka kafka,
        @DefaultValue("classpath:job-definitions") String definitions,
        Map<String, SourceOverride> sources) {

    public DssProperties {
        sources = sources == null ? Map.of() : Map.copyOf(sources);
    }

    /**
     * PostgreSQL: an external server when {@code url} is set, else embedded on {@code embeddedPort} (0 = any free
     * port), its binaries unpacked into {@code embeddedBinariesDir} (default: {@code postgres-binaries} under the data
     * directory; never the shared temporary directory, whose leftovers once hid a broken first unpacking).
     */
    public record Db(String url, String user, String password, @DefaultValue("0") int embeddedPort,
                     @DefaultValue("10") int poolSize, Path embeddedBinariesDir) {
        public boolean external() {
            return url != null && !url.isBlank();
        }

        public Path binariesDir(Path dataDir) {
            return embeddedBinariesDir != null ? embeddedBinariesDir : dataDir.resolve("postgres-binaries");
        }
    }

    /** The raw data lake: an external MongoDB when {@code uri} is set, else the embedded wire-protocol store. */
    public record Mongodb(String uri, @DefaultValue("dss_lake") String database, @DefaultValue("0") int embeddedPort) {
        public boolean external() {
            return uri != null && !uri.isBlank();
        }
    }

    /** Kafka: external brokers when {@code bootstrapServers} is set, else an embedded KRaft broker. */
    public record Kafka(String bootstrapServers, @DefaultValue("0") int embeddedPort) {
        public boolean external() {
            return bootstrapServers != null && !bootstrapServers.isBlank();
        }
    }

    /**
     * Per-source overrides of what its definition file declares, e.g. {@code dss.sources.dummyjson.base-url}, or
     * {@code dss.sources.shopee.requests-per-hour} and {@code burst} when the operator's quota differs from the
     * definition's {@code rate-limit} (0 requests per hour: unthrottled).
     */
    public record SourceOverride(String baseUrl, Integer requestsPerHour, Integer burst) {
    }

    public String baseUrlOverride(String source) {
        SourceOverride override = sources.get(source);
        return override == null || override.baseUrl() == null || override.baseUrl().isBlank() ? null : override.baseUrl();
    }

    /** The operator's overrides of {@code source}'s definition; all null when there are none. */
    public SourceOverride sourceOverride(String source) {
        return sources.getOrDefault(source, new SourceOverride(null, null, null));
    }
}
