package vn.ecomdss.ops.backup;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonParseException;
import org.bson.json.JsonWriterSettings;

/**
 * The lake's collections as gzip'd lines of canonical Extended JSON (dates, ObjectIds and 64-bit numbers come back
 * as the same BSON types), loaded back with {@code insertMany} in batches; and the lake archive's Parquet files,
 * copied as they are. The document store has no snapshots: a backup is consistent only while no job writes the lake.
 */
final class LakeSnapshot {

    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED)
            .build();
    private static final int BATCH = 1000;

    private LakeSnapshot() {
    }

    static List<String> collections(MongoDatabase lake) {
        List<String> names = new ArrayList<>();
        lake.listCollectionNames().forEach(names::add);
        return names.stream().filter(name -> !name.startsWith("system.")).sorted().toList();
    }

    static List<BackupManifest.Collection> dump(MongoDatabase lake, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("lake"));
        List<BackupManifest.Collection> dumped = new ArrayList<>();
        for (String name : collections(lake)) {
            String file = "lake/" + name + ".jsonl.gz";
            long documents = 0;
            try (Writer out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(
                    Files.newOutputStream(dir.resolve(file)), 1 << 16), StandardCharsets.UTF_8));
                 MongoCursor<Document> cursor = lake.getCollection(name).find().iterator()) {
                while (cursor.hasNext()) {
                    out.write(cursor.next().toJson(CANONICAL));
                    out.write('\n');
                    documents++;
                }
            }
            dumped.add(new BackupManifest.Collection(name, file, documents));
        }
        return dumped;
    }

    static void load(MongoDatabase lake, Path dir, List<BackupManifest.Collection> collections) throws IOException {
        for (BackupManifest.Collection collection : collections) {
            Path file = dir.resolve(collection.file());
            if (!Files.isRegularFile(file)) {
                throw new BackupException("the backup in " + dir + " lacks " + collection.file() + " of lake "
                        + "collection " + collection.name());
            }
            MongoCollection<Document> target = lake.getCollection(collection.name());
            List<Document> batch = new ArrayList<>(BATCH);
            long line = 0;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                    Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
                for (String json = in.readLine(); json != null; json = in.readLine()) {
                    line++;
                    try {
                        batch.add(Document.parse(json));
                    } catch (JsonParseException e) {
                        throw new BackupException(collection.file() + " line " + line + " is not Extended JSON: "
                                + e.getMessage(), e);
                    }
                    if (batch.size() == BATCH) {
                        target.insertMany(batch);
                        batch.clear();
                    }
                }
            }
            if (!batch.isEmpty()) {
                target.insertMany(batch);
            }
            long count = target.countDocuments();
            if (count != collection.documents()) {
                throw new BackupException("lake collection " + collection.name() + " holds " + count
                        + " documents after the restore; the backup's manifest says " + collection.documents());
            }
        }
    }

    /** Copies the archive's finished files (not the {@code .partial} ones being written) into {@code dir/lake-archive}. */
    static List<BackupManifest.ArchiveFile> dumpArchive(Path archive, Path dir) throws IOException {
        List<BackupManifest.ArchiveFile> copied = new ArrayList<>();
        for (Path file : archiveFiles(archive)) {
            String relative = archive.relativize(file).toString().replace('\\', '/');
            Path target = dir.resolve("lake-archive").resolve(relative);
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
            copied.add(new BackupManifest.ArchiveFile(relative, Files.size(target)));
        }
        return copied;
    }

    static void loadArchive(Path dir, List<BackupManifest.ArchiveFile> files, Path archive) throws IOException {
        Path root = archive.toAbsolutePath().normalize();
        for (BackupManifest.ArchiveFile file : files) {
            Path source = dir.resolve("lake-archive").resolve(file.path());
            Path target = root.resolve(file.path()).normalize();
            if (!target.startsWith(root) || !Files.isRegularFile(source) || Files.size(source) != file.bytes()) {
                throw new BackupException("lake archive file " + file.path() + " of the backup in " + dir
                        + " is missing, outside the archive or not " + file.bytes() + " bytes");
            }
            Files.createDirectories(target.getParent());
            Files.copy(source, target);
        }
    }

    static List<Path> archiveFiles(Path archive) throws IOException {
        if (!Files.isDirectory(archive)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(archive)) {
            return walk.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().endsWith(".partial"))
                    .sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
