package vn.ecomdss.extract.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.extract.FetchedRecord;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.pipeline.EntityDefinition;

/**
 * Reads a file source's new and changed files, entity after entity and file after file in name order. Its
 * position (entity, file and records of that file already returned) is saved with each chunk, so a restarted step
 * opens the same file again and passes over what was written; when the listing changed since (another file stands
 * at that place) it reads the entity's files from the first, the lake storing a record it holds only once. Once
 * the step completes, the stamps of every file listed become the entities' watermarks.
 */
final class FileReader implements SourceReader {

    private static final Logger log = LoggerFactory.getLogger(FileReader.class);
    private static final String ENTITY = "file.entity";
    private static final String FILE = "file.index";
    private static final String NAME = "file.name";
    private static final String RECORDS = "file.records";

    /** An entity's files: those to read in this run, and every file its glob matches (the next watermark). */
    record EntityFiles(EntityDefinition entity, List<FileStamp> toRead, List<FileStamp> listed) {
    }

    private final String source;
    private final Path directory;
    private final List<EntityFiles> entities;
    private final SourceProgress progress;
    private final JsonMapper json;
    private int entityIndex;
    private int fileIndex;
    private long records;
    private long passOver;
    private FileRecords current;

    FileReader(String source, Path directory, List<EntityFiles> entities, SourceProgress progress, JsonMapper json) {
        this.source = source;
        this.directory = directory;
        this.entities = List.copyOf(entities);
        this.progress = progress;
        this.json = json;
    }

    @Override
    public void open(ExecutionContext context) {
        entityIndex = context.getInt(ENTITY, 0);
        fileIndex = context.getInt(FILE, 0);
        passOver = context.getLong(RECORDS, 0);
        records = 0;
        if (context.containsKey(NAME) && !context.getString(NAME).equals(fileAt(entityIndex, fileIndex))) {
            log.warn("{}: {} is no longer file {} of the listing; reading the entity's files again from the first, "
                    + "the lake keeps each record once", source, context.getString(NAME), fileIndex + 1);
            fileIndex = 0;
            passOver = 0;
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(ENTITY, entityIndex);
        context.putInt(FILE, fileIndex);
        context.putLong(RECORDS, records);
        String name = fileAt(entityIndex, fileIndex);
        if (name == null) {
            context.remove(NAME);
        } else {
            context.putString(NAME, name);
        }
    }

    @Override
    public FetchedRecord read() throws IOException {
        while (entityIndex < entities.size()) {
            EntityFiles files = entities.get(entityIndex);
            if (fileIndex >= files.toRead().size()) {
                entityIndex++;
                fileIndex = 0;
                continue;
            }
            if (current == null) {
                current = open(files.entity(), files.toRead().get(fileIndex));
            }
            FetchedRecord record = current.next();
            if (record == null) {
                closeFile();
                fileIndex++;
                records = 0;
                passOver = 0;
                continue;
            }
            records++;
            if (passOver > 0) {
                passOver--;
                continue;
            }
            return record;
        }
        return null;
    }

    @Override
    public void close() {
        closeFile();
    }

    /** Entity name to the stamps of every file its glob matched when the run listed them. */
    @Override
    public Map<String, String> newWatermarks() {
        Map<String, String> marks = new HashMap<>();
        entities.forEach(files -> marks.put(files.entity().name(), FileStamp.watermark(files.listed(), json)));
        return marks;
    }

    private FileRecords open(EntityDefinition entity, FileStamp stamp) throws IOException {
        Path file = directory.resolve(stamp.name());
        progress.page(stamp.size());
        log.info("{}: reading {} for {}", source, file, entity.name());
        return new FileRecords(source, entity, file, stamp.name(), rows(file), json);
    }

    /** The rows of the file in the format its extension names; a file of another format is one unreadable row. */
    private FileRows rows(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("source " + source + ": " + file + " was listed but cannot be read now");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return new CsvRows(file, json);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return new JsonLinesRows(file, json);
        }
        if (name.endsWith(".parquet")) {
            return new ParquetRows(file, json);
        }
        return FileRows.unreadable("line 1", "not a .csv, .jsonl, .ndjson or .parquet file, so not read");
    }

    private String fileAt(int entity, int file) {
        if (entity >= entities.size() || file >= entities.get(entity).toRead().size()) {
            return null;
        }
        return entities.get(entity).toRead().get(file).name();
    }

    private void closeFile() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                throw new UncheckedIOException("source " + source + ": closing a file", e);
            }
            current = null;
        }
    }
}
