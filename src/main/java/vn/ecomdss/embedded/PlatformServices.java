package vn.ecomdss.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.ecomdss.DssProperties;

/**
 * PostgreSQL, the document store and Kafka: external when configured, otherwise embedded and persistent under the
 * data directory. One process at a time owns a data directory's embedded services (a file lock, released by the
 * operating system even on SIGKILL); another process on the same directory uses the owner's services.
 */
public final class PlatformServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PlatformServices.class);
    private static final Duration OWNER_WAIT = Duration.ofMinutes(2);

    private final ServiceEndpoints endpoints;
    private final Deque<AutoCloseable> started;
    private final FileChannel lockChannel;

    private PlatformServices(ServiceEndpoints endpoints, Deque<AutoCloseable> started, FileChannel lockChannel) {
        this.endpoints = endpoints;
        this.started = started;
        this.lockChannel = lockChannel;
    }

    public ServiceEndpoints endpoints() {
        return endpoints;
    }

    public static PlatformServices start(DssProperties properties) {
        DssProperties.Db db = properties.db();
        DssProperties.Mongodb mongodb = properties.mongodb();
        DssProperties.Kafka kafka = properties.kafka();
        if (db.external() && mongodb.external() && kafka.external()) {
            return new PlatformServices(new ServiceEndpoints(db.url(), db.user(), db.password(), mongodb.uri(),
                    kafka.bootstrapServers()), new ArrayDeque<>(), null);
        }
        Path dataDir = properties.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve("owner.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                log.info("Another process owns the embedded services of {}; using them", dataDir);
                return new PlatformServices(configured(properties, awaitOwnerEndpoints(dataDir)), new ArrayDeque<>(), null);
            }
            Files.deleteIfExists(dataDir.resolve(ServiceEndpoints.FILE_NAME));
            Deque<AutoCloseable> started = new ArrayDeque<>();
            try {
                ServiceEndpoints endpoints = startEmbedded(properties, dataDir, started);
                endpoints.writeTo(dataDir);
                return new PlatformServices(endpoints, started, channel);
            } catch (IOException | RuntimeException e) {
                closeAll(started);
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded services under " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static ServiceEndpoints startEmbedded(DssProperties properties, Path dataDir, Deque<AutoCloseable> started)
            throws IOException {
        DssProperties.Db db = properties.db();
        String jdbcUrl = db.url();
        String user = db.user();
        String password = db.password();
        if (!db.external()) {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"),
                    db.binariesDir(dataDir).toAbsolutePath().normalize(), db.embeddedPort());
            started.push(postgres);
            jdbcUrl = postgres.jdbcUrl();
            user = "postgres";
            password = "";
        }
        String mongoUri = properties.mongodb().uri();
        if (!properties.mongodb().external()) {
            EmbeddedDocumentStore store = EmbeddedDocumentStore.start(dataDir.resolve("lake").resolve("lake.mv.db"),
                    properties.mongodb().embeddedPort());
            started.push(store);
            mongoUri = store.connectionString();
        }
        String bootstrap = properties.kafka().bootstrapServers();
        if (!properties.kafka().external()) {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), properties.kafka().embeddedPort());
            started.push(broker);
            bootstrap = broker.bootstrapServers();
        }
        return new ServiceEndpoints(jdbcUrl, user, password, mongoUri, bootstrap);
    }

    /** External settings win over the owner's embedded endpoints, service by service. */
    private static ServiceEndpoints configured(DssProperties properties, ServiceEndpoints owner) {
        DssProperties.Db db = properties.db();
        return new ServiceEndpoints(
                db.external() ? db.url() : owner.jdbcUrl(),
                db.external() ? db.user() : owner.jdbcUser(),
                db.external() ? db.password() : owner.jdbcPassword(),
                properties.mongodb().external() ? properties.mongodb().uri() : owner.mongoUri(),
                properties.kafka().external() ? properties.kafka().bootstrapServers() : owner.kafkaBootstrapServers());
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static ServiceEndpoints awaitOwnerEndpoints(Path dataDir) throws IOException {
        Instant deadline = Instant.now().plus(OWNER_WAIT);
        Path file = dataDir.resolve(ServiceEndpoints.FILE_NAME);
        while (!Files.exists(file)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("the process owning " + dataDir + " published no " + ServiceEndpoints.FILE_NAME
                        + " within " + OWNER_WAIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the owner of " + dataDir, e);
            }
        }
        return ServiceEndpoints.readFrom(dataDir);
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable service = started.pop();
            try {
                service.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", service, e.getMessage());
            }
        }
    }

    @Override
    public void close() throws IOException {
        closeAll(started);
        if (lockChannel != null) {
            lockChannel.close();
        }
    }
}
