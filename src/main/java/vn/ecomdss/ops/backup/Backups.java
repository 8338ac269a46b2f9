package vn.ecomdss.ops.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.mongodb.client.MongoDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.lake.DataLake;
import vn.ecomdss.lake.LakeArchive;
import vn.ecomdss.ops.OperationRefusedException;
import vn.ecomdss.warehouse.MartRefresher;

/**
 * {@code backup <dir>}: the warehouse and job repository (one repeatable-read snapshot of the PostgreSQL database),
 * the lake database and the lake archive, with a manifest; {@code restore <dir>}: the same into an empty platform
 * whose schema Flyway has built at start-up to the backup's version, then the marts refreshed.
 */
@Component
public class Backups {

    private static final String ACTIVE_EXECUTIONS = """
            select string_agg(job_execution_id::text, ', ' order by job_execution_id) from batch_job_execution
            where status in ('STARTING', 'STARTED', 'STOPPING')
            """;

    /** What a backup took: its manifest, its size on disk and how long it took. */
    public record Taken(BackupManifest manifest, long bytes, long millis) {
    }

    /** What a restore loaded and the views it refreshed, and how long it took. */
    public record Restored(BackupManifest manifest, List<MartRefresher.Refresh> refreshed, long millis) {
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final DataLake lake;
    private final LakeArchive archive;
    private final MartRefresher refresher;

    public Backups(DataSource dataSource, JdbcTemplate jdbc, DataLake lake, LakeArchive archive,
                   MartRefresher refresher) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.lake = lake;
        this.archive = archive;
        this.refresher = refresher;
    }

    /**
     * Refuses a directory that exists and is not empty, and, unless {@code force}, a platform with a running
     * execution (the lake has no snapshot, so a writing job would leave it ahead of the warehouse).
     */
    public Taken backup(Path dir, boolean force) throws IOException, SQLException {
        long started = System.nanoTime();
        if (Files.exists(dir) && (!Files.isDirectory(dir) || !isEmpty(dir))) {
            throw OperationRefusedException.conflict("backup directory " + dir + " is not empty; a backup goes into "
                    + "a new or empty directory", Map.of("field", "dir"));
        }
        String active = jdbc.queryForObject(ACTIVE_EXECUTIONS, String.class);
        if (active != null && !force) {
            throw OperationRefusedException.conflict("execution(s) " + active + " are running; the lake has no "
                    + "snapshot, so back up while no job writes (stop them, or --force to back up anyway)",
                    Map.of("field", "executions"));
        }
        Files.createDirectories(dir);
        WarehouseSnapshot.Dump warehouse;
        try (Connection connection = dataSource.getConnection()) {
            warehouse = WarehouseSnapshot.dump(connection, dir);
        }
        MongoDatabase db = lake.template().getDb();
        List<BackupManifest.Collection> collections = LakeSnapshot.dump(db, dir);
        List<BackupManifest.ArchiveFile> archived = LakeSnapshot.dumpArchive(archive.dir(), dir);
        BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT_VERSION, Instant.now().toString(),
                warehouse.flywayVersion(), warehouse.postgresVersion(), warehouse.tables(), warehouse.sequences(),
                db.getName(), collections, archived);
        manifest.write(dir);
        return new Taken(manifest, size(dir), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Refuses a platform that is not empty (a job instance in the job repository, a document in the lake, a file in
     * the lake archive) and one whose schema is at another Flyway version than the backup's.
     */
    public Restored restore(Path dir) throws IOException, SQLException {
        long started = System.nanoTime();
        if (!Files.isDirectory(dir)) {
            throw OperationRefusedException.badParameter("dir", "no backup directory " + dir);
        }
        BackupManifest manifest = BackupManifest.read(dir);
        MongoDatabase db = lake.template().getDb();
        refuseUnlessEmpty(db);
        try (Connection connection = dataSource.getConnection()) {
            String version = WarehouseSnapshot.flywayVersion(connection);
            if (!java.util.Objects.equals(version, manifest.flywayVersion())) {
                throw OperationRefusedException.conflict("the backup was taken at schema version "
                        + manifest.flywayVersion() + " but this database is at " + version + "; restore with the "
                        + "release that took the backup", Map.of("field", "flyway_version"));
            }
            WarehouseSnapshot.load(connection, dir, manifest);
        }
        LakeSnapshot.load(db, dir, manifest.lakeCollections());
        LakeSnapshot.loadArchive(dir, manifest.lakeArchive(), archive.dir());
        List<String> views;
        try (Connection connection = dataSource.getConnection()) {
            views = WarehouseSnapshot.materializedViews(connection);
        }
        List<MartRefresher.Refresh> refreshed = refresher.refreshAll(views);
        return new Restored(manifest, refreshed, (System.nanoTime() - started) / 1_000_000);
    }

    private void refuseUnlessEmpty(MongoDatabase db) throws IOException {
        Long instances = jdbc.queryForObject("select count(*) from batch_job_instance", Long.class);
        if (instances != null && instances > 0) {
            throw notEmpty("the job repository holds " + instances + " job instance(s) (batch_job_instance)");
        }
        for (String collection : LakeSnapshot.collections(db)) {
            long documents = db.getCollection(collection).countDocuments();
            if (documents > 0) {
                throw notEmpty("lake collection " + db.getName() + "." + collection + " holds " + documents
                        + " document(s)");
            }
        }
        List<Path> archived = LakeSnapshot.archiveFiles(archive.dir());
        if (!archived.isEmpty()) {
            throw notEmpty("the lake archive " + archive.dir() + " holds " + archived.size() + " file(s)");
        }
    }

    private static OperationRefusedException notEmpty(String what) {
        return OperationRefusedException.conflict("restore needs an empty platform, but " + what + "; restore into "
                + "a new data directory or an empty database", Map.of("field", "database"));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            long bytes = 0;
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(file);
            }
            return bytes;
        }
    }
}
