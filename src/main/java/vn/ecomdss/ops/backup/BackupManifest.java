package vn.ecomdss.ops.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.ops.OperationRefusedException;

/**
 * What a backup directory holds, written last ({@code manifest.json}): a directory without it is not a complete
 * backup. Restore reads the schema version, the files and the counts it must find again after loading them.
 */
public record BackupManifest(int formatVersion, String createdAt, String flywayVersion, String postgresVersion,
                             List<Table> tables, List<Sequence> sequences, String lakeDatabase,
                             List<Collection> lakeCollections, List<ArchiveFile> lakeArchive) {

    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "manifest.json";

    /**
     * A base table dumped with {@code COPY ... (FORMAT binary)}, gzip'd, with the columns in the dump's order; a
     * partition names its parent and bound, so that restore can create a partition a load created at run time.
     */
    public record Table(String schema, String name, String file, List<String> columns, long rows, String partitionOf,
                        String partitionBound) {

        public String qualified() {
            return schema + "." + name;
        }
    }

    public record Sequence(String schema, String name, long lastValue, boolean isCalled) {
    }

    /** A lake collection as gzip'd lines of canonical Extended JSON. */
    public record Collection(String name, String file, long documents) {
    }

    /** A Parquet file of the lake archive, by its path under the archive directory. */
    public record ArchiveFile(String path, long bytes) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    void write(Path dir) throws IOException {
        Path partial = dir.resolve(FILE + ".partial");
        Files.writeString(partial, JSON.writeValueAsString(this));
        Files.move(partial, dir.resolve(FILE));
    }

    static BackupManifest read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw OperationRefusedException.badParameter("dir", dir + " is not a complete backup: it has no " + FILE);
        }
        BackupManifest manifest;
        try {
            manifest = JSON.readValue(file.toFile(), BackupManifest.class);
        } catch (JacksonException e) {
            throw OperationRefusedException.badParameter("dir", file + " cannot be read: " + e.getOriginalMessage());
        }
        if (manifest.formatVersion() != FORMAT_VERSION) {
            throw OperationRefusedException.badParameter("dir", file + " has format version " + manifest.formatVersion() + "; this release "
                    + "restores format version " + FORMAT_VERSION);
        }
        return manifest;
    }
}
