package vn.ecomdss.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process, persistent, single-node Apache Kafka broker running in KRaft mode
 * (one node with the roles {@code broker,controller}).
 *
 * <p>Everything lives under {@link #dataDir()}:
 * <ul>
 *   <li>{@code embedded-kafka.properties}: the cluster id, node id and ports chosen on the first start,
 *       reused on every later start on the same directory;</li>
 *   <li>{@code server.properties}: the broker configuration generated for the current start
 *       (rewritten every start, kept for inspection and for the storage formatter);</li>
 *   <li>{@code kafka-logs/}: the topic logs and the KRaft metadata log ({@code __cluster_metadata}).</li>
 * </ul>
 *
 * <p>On the first start the storage is formatted in-process with Kafka's own storage tool, exactly as
 * {@code kafka-storage.sh format --standalone -t <clusterId> -c server.properties} would do, with a
 * dynamic quorum ({@code controller.quorum.bootstrap.servers}); the standalone voter set records the
 * controller endpoint, which is why the controller port is persisted and reused on restart.
 *
 * <p>While at least one embedded broker runs in the JVM, Kafka's {@link Exit} procedures are replaced by
 * ones that log and throw instead of terminating the JVM, so that a fatal fault inside the broker does not
 * kill the host application.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /** Name of the small state file kept inside the data directory. */
    public static final String STATE_FILE = "embedded-kafka.properties";
    /** Name of the generated broker configuration file inside the data directory. */
    public static final String SERVER_PROPERTIES_FILE = "server.properties";
    /** Sub-directory of the data directory holding the logs and the metadata log. */
    public static final String LOG_DIR = "kafka-logs";

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private static final String KEY_CLUSTER_ID = "cluster.id";
    private static final String KEY_NODE_ID = "node.id";
    private static final String KEY_BROKER_PORT = "broker.port";
    private static final String KEY_CONTROLLER_PORT = "controller.port";

    private static final Object EXIT_LOCK = new Object();
    private static int exitOverrides;

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private final KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafkaBroker(Path dataDir, int port, int controllerPort, String clusterId, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
        this.server = server;
    }

    /**
     * Starts a broker on {@code dataDir}, formatting the storage on the first start, and waits until it
     * answers a cluster description.
     *
     * @param dataDir directory holding all the broker's state; created if missing
     * @param port    port of the PLAINTEXT listener on 127.0.0.1; 0 picks a free port on the first start
     *                and reuses the saved one on later starts
     * @throws IllegalStateException if the broker cannot be formatted, bound or started, or is not ready in time
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid Kafka port " + port);
        }
        Path dir = dataDir.toAbsolutePath().normalize();
        long began = System.nanoTime();
        Properties state;
        try {
            Files.createDirectories(dir.resolve(LOG_DIR));
            state = loadOrCreateState(dir, port);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare the Kafka data dir " + dir + ": " + e, e);
        }
        String clusterId = state.getProperty(KEY_CLUSTER_ID);
        int brokerPort = Integer.parseInt(state.getProperty(KEY_BROKER_PORT));
        int controllerPort = Integer.parseInt(state.getProperty(KEY_CONTROLLER_PORT));

        checkBindable(dir, "broker (PLAINTEXT)", brokerPort);
        checkBindable(dir, "controller (CONTROLLER)", controllerPort);

        Properties serverProps = serverProperties(dir, brokerPort, controllerPort);
        Path serverPropsFile = dir.resolve(SERVER_PROPERTIES_FILE);
        try {
            writeProperties(serverPropsFile, serverProps, "Generated by EmbeddedKafkaBroker; rewritten on every start");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + serverPropsFile + ": " + e, e);
        }

        installExitOverrides();
        boolean ok = false;
        try {
            if (!Files.exists(dir.resolve(LOG_DIR).resolve("meta.properties"))) {
                format(dir, serverPropsFile, clusterId);
            }
            KafkaRaftServer server = newServer(dir, brokerPort, serverProps);
            try {
                server.startup();
            } catch (RuntimeException e) {
                shutdownQuietly(server);
                throw new IllegalStateException("Embedded Kafka failed to start on 127.0.0.1:" + brokerPort
                        + " (controller port " + controllerPort + ") with data dir " + dir + ": " + e, e);
            }
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, brokerPort, controllerPort, clusterId, server);
            try {
                broker.awaitReady(READY_TIMEOUT);
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            ok = true;
            log.info("Embedded Kafka (KRaft, cluster {}) ready on {} with data dir {} in {} ms",
                    clusterId, broker.bootstrapServers(), dir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            return broker;
        } finally {
            if (!ok) {
                releaseExitOverrides();
            }
        }
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The directory holding all the broker's state. */
    public Path dataDir() {
        return dataDir;
    }

    /** The PLAINTEXT listener port. */
    public int port() {
        return port;
    }

    /** The CONTROLLER listener port (persisted; the voter set records it). */
    public int controllerPort() {
        return controllerPort;
    }

    /** The KRaft cluster id (persisted in the data dir). */
    public String clusterId() {
        return clusterId;
    }

    /**
     * Shuts the broker down and waits for the shutdown to finish, so the same data dir can be reopened
     * (also in the same JVM). Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            shutdownQuietly(server);
        } finally {
            releaseExitOverrides();
        }
        log.info("Embedded Kafka on {} with data dir {} stopped", bootstrapServers(), dataDir);
    }

    // ------------------------------------------------------------------------------------------------

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        Exception last = null;
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                try {
                    Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000))
                            .nodes().get(10, TimeUnit.SECONDS);
                    if (nodes.stream().anyMatch(n -> n.id() == NODE_ID)) {
                        return;
                    }
                } catch (ExecutionException e) {
                    last = e.getCause() instanceof Exception cause ? cause : e;
                } catch (TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for embedded Kafka on "
                            + bootstrapServers() + " (data dir " + dataDir + ")", e);
                }
                sleep(100);
            }
        }
        throw new IllegalStateException("Embedded Kafka on " + bootstrapServers() + " (data dir " + dataDir
                + ") was not ready within " + timeout.toSeconds() + " s"
                + (last == null ? "" : ": " + last), last);
    }

    private static Properties loadOrCreateState(Path dir, int requestedPort) throws IOException {
        Path file = dir.resolve(STATE_FILE);
        Properties state = new Properties();
        boolean changed = false;
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                state.load(in);
            }
        }
        if (state.getProperty(KEY_CLUSTER_ID) == null) {
            if (Files.exists(dir.resolve(LOG_DIR).resolve("meta.properties"))) {
                throw new IllegalStateException("Kafka data dir " + dir + " is formatted but " + file
                        + " is missing: cannot tell its cluster id and controller endpoint");
            }
            state.setProperty(KEY_CLUSTER_ID, Uuid.randomUuid().toString());
            state.setProperty(KEY_NODE_ID, Integer.toString(NODE_ID));
            changed = true;
        }
        int savedBroker = Integer.parseInt(state.getProperty(KEY_BROKER_PORT, "0"));
        int brokerPort = requestedPort != 0 ? requestedPort : savedBroker;
        int controllerPort = Integer.parseInt(state.getProperty(KEY_CONTROLLER_PORT, "0"));
        if (controllerPort == 0) {
            controllerPort = freePort(brokerPort);
            changed = true;
        }
        if (brokerPort == 0) {
            do {
                brokerPort = freePort(controllerPort);
            } while (brokerPort == controllerPort);
        }
        if (brokerPort == controllerPort) {
            throw new IllegalStateException("Kafka broker port " + brokerPort + " clashes with the controller port"
                    + " saved in " + file);
        }
        if (brokerPort != savedBroker) {
            state.setProperty(KEY_BROKER_PORT, Integer.toString(brokerPort));
            changed = true;
        }
        state.setProperty(KEY_CONTROLLER_PORT, Integer.toString(controllerPort));
        if (changed) {
            writeProperties(file, state, "Embedded Kafka state: cluster id and ports, reused on restart");
        }
        return state;
    }

    private static Properties serverProperties(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        p.setProperty("log.dirs", dir.resolve(LOG_DIR).toString());

        // Single node: everything replicated once.
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Eight days, not Kafka's seven: realtime_monitoring compares a topic's last hour with the same hour a week
        // earlier, which the default retention may already have deleted.
        p.setProperty("log.retention.hours", "192");

        // Keep threads and memory modest.
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("background.threads", "2");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("log.cleaner.threads", "1");
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        p.setProperty("log.cleaner.io.buffer.size", Integer.toString(256 * 1024));
        p.setProperty("log.index.size.max.bytes", Integer.toString(1024 * 1024));
        p.setProperty("socket.request.max.bytes", Integer.toString(16 * 1024 * 1024));
        p.setProperty("queued.max.requests", "100");
        return p;
    }

    private static KafkaRaftServer newServer(Path dir, int brokerPort, Properties serverProps) {
        try {
            return new KafkaRaftServer(KafkaConfig.fromProps(serverProps, false), Time.SYSTEM);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Invalid embedded Kafka configuration for 127.0.0.1:" + brokerPort
                    + " with data dir " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void format(Path dir, Path serverPropsFile, String clusterId) {
        String[] args = {"format", "--standalone", "-t", clusterId, "-c", serverPropsFile.toString()};
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(args, out);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Formatting the Kafka storage in " + dir + " failed: " + e
                    + output(buffer), e);
        }
        if (rc != 0) {
            throw new IllegalStateException("Formatting the Kafka storage in " + dir + " failed with code " + rc
                    + output(buffer));
        }
        log.debug("Formatted Kafka storage in {}: {}", dir, buffer.toString(StandardCharsets.UTF_8).trim());
    }

    private static String output(ByteArrayOutputStream buffer) {
        String s = buffer.toString(StandardCharsets.UTF_8).trim();
        return s.isEmpty() ? "" : " (" + s + ")";
    }

    private static void checkBindable(Path dir, String what, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot bind the embedded Kafka " + what + " port " + HOST + ":" + port
                    + " for data dir " + dir + " (in use by another process?): " + e.getMessage(), e);
        }
    }

    private static int freePort(int avoid) throws IOException {
        for (int i = 0; i < 10; i++) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
                if (s.getLocalPort() != avoid) {
                    return s.getLocalPort();
                }
            }
        }
        throw new IOException("No free port found on " + HOST);
    }

    private static void writeProperties(Path file, Properties props, String comment) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            props.store(out, comment);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
        } catch (RuntimeException e) {
            log.warn("Error while shutting down embedded Kafka", e);
        }
        try {
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Error while awaiting embedded Kafka shutdown", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Replaces Kafka's exit/halt procedures so a broker fault cannot terminate the host JVM. */
    private static void installExitOverrides() {
        synchronized (EXIT_LOCK) {
            if (exitOverrides++ == 0) {
                Exit.setExitProcedure((code, message) -> {
                    log.error("Embedded Kafka requested JVM exit({}){}; ignored", code, message == null ? "" : ": " + message);
                    throw new IllegalStateException("Embedded Kafka requested exit(" + code + "): " + message);
                });
                Exit.setHaltProcedure((code, message) -> {
                    log.error("Embedded Kafka requested JVM halt({}){}; ignored", code, message == null ? "" : ": " + message);
                    throw new IllegalStateException("Embedded Kafka requested halt(" + code + "): " + message);
                });
            }
        }
    }

    private static void releaseExitOverrides() {
        synchronized (EXIT_LOCK) {
            if (exitOverrides > 0 && --exitOverrides == 0) {
                Exit.resetExitProcedure();
                Exit.resetHaltProcedure();
            }
        }
    }
}
