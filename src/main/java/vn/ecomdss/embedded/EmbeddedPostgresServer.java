package vn.ecomdss.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 whose cluster lives under the data directory and survives restarts of the process. It runs
 * with {@code wal_level=logical} so that the shop database's changes can be read by logical replication (the
 * {@code cdc} source kind); the setting is passed at every start, so a cluster made before it gets it too.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts the cluster in {@code clusterDir}, unpacking the binaries into {@code binariesDir} the first time. */
    static EmbeddedPostgresServer start(Path clusterDir, Path binariesDir, int port) throws IOException {
        Files.createDirectories(clusterDir);
        Files.createDirectories(binariesDir);
        stopOrphanedPostmaster(clusterDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(clusterDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binariesDir.toFile())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "128MB")
                .setServerConfig("work_mem", "32MB")
                .setServerConfig("maintenance_work_mem", "128MB")
                .setServerConfig("timezone", "UTC")
                .setServerConfig("wal_level", "logical");
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL listening on port {} with its cluster in {}", postgres.getPort(), clusterDir);
        return new EmbeddedPostgresServer(postgres);
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /**
     * A postmaster left running by a process that was killed (SIGKILL skips the shutdown hook) still holds the
     * cluster; the caller owns the data directory, so that postmaster is an orphan and is shut down.
     */
    private static void stopOrphanedPostmaster(Path clusterDir) throws IOException {
        Path pidFile = clusterDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        if (postmaster.isEmpty() || !postmaster.get().isAlive()) {
            return;
        }
        log.warn("Stopping the PostgreSQL postmaster (pid {}) left running on {} by a process that died",
                postmaster.get().pid(), clusterDir);
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("The orphaned postmaster (pid " + postmaster.get().pid() + ") on " + clusterDir
                    + " did not stop within 60 s; stop it by hand and retry", e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
