package vn.ecomdss.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.HydratorSupplier;
import blue.strategic.parquet.ParquetReader;
import blue.strategic.parquet.ParquetWriter;
import blue.strategic.parquet.ValueWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import vn.ecomdss.DssProperties;

/**
 * Envelopes no run has seen for longer than the retention ({@code dss.lake.archive.retention}), moved out of the
 * lake into Parquet files, one directory per source, entity and month of the envelope's last fetch (UTC):
 * {@code <dir>/<source>/<entity>/<yyyy-MM>/envelopes-<archived at>.parquet}. A month's file is written under a
 * temporary name, read back and counted, renamed, and only then are its envelopes removed from the lake, by the
 * same condition they were selected by, so an envelope fetched again meanwhile stays. An archival that dies between
 * its file and the removal leaves the envelopes in both places: reading the archive back passes over what the lake
 * holds and, within a month of several files, what an earlier file gave.
 *
 * <p>A full refresh reads the archive after the lake ({@link #read}), so it rebuilds from everything ever landed.
 * The payload is kept as MongoDB Extended JSON, which brings dates, 64-bit integers and decimals back as they were.
 */
@Component
public class LakeArchive {

    private static final Logger log = LoggerFactory.getLogger(LakeArchive.class);
    private static final JsonWriterSettings EXTENDED = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED)
            .build();
    private static final int LAKE_LOOKUP = 500;

    static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("_id")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("source")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("entity")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("natural_id")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("payload")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("payload_hash")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("first_run_id")
            .optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS)).named("fetched_at")
            .optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
            .named("last_fetched_at")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("run_ids")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("quarantined_runs")
            .named("envelope");

    /** What one archival moved: envelopes and files per source and entity. */
    public record Archived(Instant cutoff, Map<String, Long> envelopes, List<Path> files) {
        public long total() {
            return envelopes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final DataLake lake;
    private final Path dir;

    public LakeArchive(DataLake lake, DssProperties properties) {
        this.lake = lake;
        this.dir = properties.dataDir().resolve("lake-archive").toAbsolutePath();
        // What archival selects by; a real MongoDB sorts a large lake by it without an in-memory sort.
        lake.template().indexOps(DataLake.ENVELOPES).createIndex(new Index().on("source", Sort.Direction.ASC)
                .on("entity", Sort.Direction.ASC).on("last_fetched_at", Sort.Direction.ASC));
    }

    public Path dir() {
        return dir;
    }

    /** Moves every envelope last fetched before {@code cutoff} into the archive. */
    public Archived archive(Instant cutoff) {
        Instant stamp = Instant.now();
        Map<String, Long> moved = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        Criteria old = Criteria.where("last_fetched_at").lt(Date.from(cutoff));
        for (String source : lake.template().findDistinct(Query.query(old), "source", DataLake.ENVELOPES,
                String.class).stream().sorted().toList()) {
            for (String entity : lake.template().findDistinct(Query.query(Criteria.where("last_fetched_at")
                            .lt(Date.from(cutoff)).and("source").is(source)), "entity", DataLake.ENVELOPES,
                    String.class).stream().sorted().toList()) {
                long count = archive(source, entity, cutoff, stamp, files);
                moved.put(source + "/" + entity, count);
            }
        }
        return new Archived(cutoff, moved, files);
    }

    private long archive(String source, String entity, Instant cutoff, Instant stamp, List<Path> files) {
        Query query = Query.query(Criteria.where("source").is(source).and("entity").is(entity)
                .and("last_fetched_at").lt(Date.from(cutoff))).with(Sort.by("last_fetched_at", "_id"));
        long total = 0;
        try (Stream<Document> envelopes = lake.template().stream(query, Document.class, DataLake.ENVELOPES)) {
            Iterator<Document> cursor = envelopes.iterator();
            Document next = cursor.hasNext() ? cursor.next() : null;
            while (next != null) {
                YearMonth month = month(next);
                Path file = monthDir(source, entity, month).resolve("envelopes-" + stamp.toEpochMilli() + ".parquet");
                Path partial = file.resolveSibling(file.getFileName() + ".partial");
                long written = 0;
                try {
                    Files.createDirectories(file.getParent());
                    Files.deleteIfExists(partial);
                    try (ParquetWriter<Document> writer = ParquetWriter.writeFile(SCHEMA, partial.toFile(),
                            LakeArchive::dehydrate)) {
                        while (next != null && month(next).equals(month)) {
                            writer.write(next);
                            written++;
                            next = cursor.hasNext() ? cursor.next() : null;
                        }
                    }
                    long readBack = count(partial);
                    if (readBack != written) {
                        throw new IllegalStateException("the archive file " + partial + " holds " + readBack
                                + " envelopes of the " + written + " written; the lake keeps them");
                    }
                    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the archive file " + file, e);
                }
                Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                long removed = lake.template().remove(Query.query(Criteria.where("source").is(source)
                        .and("entity").is(entity).and("last_fetched_at").gte(Date.from(from))
                        .lt(Date.from(to.isBefore(cutoff) ? to : cutoff))), DataLake.ENVELOPES).getDeletedCount();
                log.info("lake archive: {}/{} {}: {} envelopes into {}, {} removed from the lake", source, entity,
                        month, written, file, removed);
                files.add(file);
                total += written;
            }
        }
        return total;
    }

    /**
     * The archived envelopes of a source's entity that no run quarantined and the lake does not hold (again), in
     * month and file order, shaped as the lake's documents.
     */
    public Stream<Document> read(String source, String entity) {
        List<Path> monthDirs = list(dir.resolve(source).resolve(entity));
        ArchiveCursor cursor = new ArchiveCursor(monthDirs);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(cursor::closeReader);
    }

    /** The rows of a pair's month directories, file after file, less what the lake holds or a file gave twice. */
    private final class ArchiveCursor implements Iterator<Document> {
        private final List<Path> monthDirs;
        private final Set<String> seenInMonth = new HashSet<>();
        private int month = -1;
        private List<Path> monthFiles = List.of();
        private int file;
        private Iterator<Document> batch = Collections.emptyIterator();
        private ParquetReader<Document, Document> reader;
        private Document next;

        ArchiveCursor(List<Path> monthDirs) {
            this.monthDirs = monthDirs;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (batch.hasNext()) {
                    next = batch.next();
                } else if (!refill()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Document next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Document result = next;
            next = null;
            return result;
        }

        /** The next rows of the current file that count, checked against the lake in one query. */
        private boolean refill() {
            List<Document> rows = new ArrayList<>(LAKE_LOOKUP);
            while (rows.size() < LAKE_LOOKUP) {
                if (reader == null && !openNext()) {
                    break;
                }
                Document[] row = new Document[1];
                if (reader.tryAdvance(d -> row[0] = d)) {
                    Document doc = row[0];
                    boolean again = monthFiles.size() > 1 && !seenInMonth.add(doc.getString("_id"));
                    if (!again && doc.getList("quarantined_runs", String.class, List.of()).isEmpty()) {
                        rows.add(doc);
                    }
                } else {
                    closeReader();
                }
            }
            if (rows.isEmpty()) {
                return false;
            }
            Set<String> inLake = new HashSet<>();
            Query held = Query.query(Criteria.where("_id").in(rows.stream().map(d -> d.getString("_id")).toList()));
            held.fields().include("_id");
            lake.template().find(held, Document.class, DataLake.ENVELOPES).forEach(d -> inLake.add(d.getString("_id")));
            batch = rows.stream().filter(d -> !inLake.contains(d.getString("_id"))).iterator();
            return true;
        }

        private boolean openNext() {
            while (file >= monthFiles.size()) {
                month++;
                if (month >= monthDirs.size()) {
                    return false;
                }
                monthFiles = list(monthDirs.get(month)).stream()
                        .filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
                file = 0;
                seenInMonth.clear();
            }
            Path path = monthFiles.get(file++);
            try {
                reader = ParquetReader.spliterator(path.toFile(), HYDRATORS);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the archive file " + path, e);
            }
            return true;
        }

        void closeReader() {
            if (reader == null) {
                return;
            }
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            reader = null;
        }
    }

    private Path monthDir(String source, String entity, YearMonth month) {
        return dir.resolve(source).resolve(entity).resolve(month.toString());
    }

    private static YearMonth month(Document envelope) {
        Date last = envelope.getDate("last_fetched_at");
        return YearMonth.from(last.toInstant().atZone(ZoneOffset.UTC));
    }

    private static List<Path> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the archive directory " + directory, e);
        }
    }

    /** The rows a file's footer says it holds: a file cut short has no footer and fails here. */
    private static long count(Path file) throws IOException {
        return ParquetReader.readMetadata(file.toFile()).getBlocks().stream()
                .mapToLong(BlockMetaData::getRowCount).sum();
    }

    private static void dehydrate(Document envelope, ValueWriter values) {
        values.write("_id", envelope.getString("_id"));
        values.write("source", envelope.getString("source"));
        values.write("entity", envelope.getString("entity"));
        values.write("natural_id", envelope.getString("natural_id"));
        values.write("payload", envelope.get("payload", Document.class).toJson(EXTENDED));
        writeIfPresent(values, "payload_hash", envelope.getString("payload_hash"));
        writeIfPresent(values, "first_run_id", envelope.getString("first_run_id"));
        Date fetched = envelope.getDate("fetched_at");
        if (fetched != null) {
            values.write("fetched_at", fetched.getTime());
        }
        values.write("last_fetched_at", envelope.getDate("last_fetched_at").getTime());
        values.write("run_ids", new Document("v", envelope.getList("run_ids", String.class, List.of())).toJson(EXTENDED));
        List<String> quarantined = envelope.getList("quarantined_runs", String.class);
        if (quarantined != null) {
            values.write("quarantined_runs", new Document("v", quarantined).toJson(EXTENDED));
        }
    }

    private static void writeIfPresent(ValueWriter values, String column, String value) {
        if (value != null) {
            values.write(column, value);
        }
    }

    /** Each row back into the lake's document shape. */
    private static final HydratorSupplier<Document, Document> HYDRATORS = columns -> new Hydrator<>() {
        @Override
        public Document start() {
            return new Document();
        }

        @Override
        public Document add(Document target, String heading, Object value) {
            if (value == null) {
                return target;
            }
            switch (heading) {
                case "payload" -> target.append("payload", Document.parse(value.toString()));
                case "fetched_at", "last_fetched_at" -> target.append(heading, new Date((Long) value));
                case "run_ids", "quarantined_runs" -> target.append(heading, Document.parse(value.toString())
                        .getList("v", String.class));
                default -> target.append(heading, value.toString());
            }
            return target;
        }

        @Override
        public Document finish(Document target) {
            return target;
        }
    };
}
