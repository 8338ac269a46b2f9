package vn.ecomdss.extract.file;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.HydratorSupplier;
import blue.strategic.parquet.ParquetReader;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Parquet file of flat rows, read by parquet-floor without Hadoop. Values keep their types: strings, integers,
 * floating point and booleans as they are; a {@code DATE} becomes its ISO date, a {@code TIMESTAMP} its ISO
 * instant and an integer {@code DECIMAL} its decimal value, as a JSON source would carry them. A row is reported
 * as {@code row N}, counted from 1; a file that is not Parquet, or a row that cannot be decoded, is unreadable and
 * ends the file (Parquet is read column chunk by column chunk, so nothing after it can be trusted).
 */
final class ParquetRows implements FileRows {

    private final Path file;
    private final JsonMapper json;
    private final Map<String, PrimitiveType> types = new HashMap<>();
    private ParquetReader<ObjectNode, ObjectNode> reader;
    private long row;
    private boolean done;

    ParquetRows(Path file, JsonMapper json) {
        this.file = file;
        this.json = json;
    }

    @Override
    public Row next() {
        if (done) {
            return null;
        }
        ObjectNode[] read = new ObjectNode[1];
        try {
            if (reader == null) {
                reader = ParquetReader.spliterator(file.toFile(), new RowHydrators());
            }
            if (!reader.tryAdvance(values -> read[0] = values)) {
                done = true;
                return null;
            }
        } catch (IOException | RuntimeException e) {
            done = true;
            String what = reader == null ? "not a readable Parquet file: " : "the row cannot be decoded: ";
            return Row.unreadable("row " + (row + 1), what + e.getMessage() + "; the rest of the file cannot be read",
                    null);
        }
        row++;
        return Row.of("row " + row, read[0]);
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }

    /** Each row into an object of column name to value, with the file's column types at hand. */
    private final class RowHydrators implements HydratorSupplier<ObjectNode, ObjectNode> {

        @Override
        public Hydrator<ObjectNode, ObjectNode> get(List<ColumnDescriptor> columns) {
            columns.forEach(column -> types.put(String.join(".", column.getPath()), column.getPrimitiveType()));
            return new Hydrator<>() {
                @Override
                public ObjectNode start() {
                    return json.createObjectNode();
                }

                @Override
                public ObjectNode add(ObjectNode target, String heading, Object value) {
                    if (value != null) {
                        put(target, heading, value, types.get(heading));
                    }
                    return target;
                }

                @Override
                public ObjectNode finish(ObjectNode target) {
                    return target;
                }
            };
        }
    }

    private static void put(ObjectNode target, String column, Object value, PrimitiveType type) {
        LogicalTypeAnnotation logical = type == null ? null : type.getLogicalTypeAnnotation();
        if (value instanceof Integer days && logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            target.put(column, LocalDate.ofEpochDay(days).toString());
        } else if (value instanceof Long time
                && logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation timestamp) {
            ChronoUnit unit = switch (timestamp.getUnit()) {
                case MILLIS -> ChronoUnit.MILLIS;
                case MICROS -> ChronoUnit.MICROS;
                case NANOS -> ChronoUnit.NANOS;
            };
            target.put(column, Instant.EPOCH.plus(time, unit).toString());
        } else if (value instanceof Number unscaled
                && logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
            target.put(column, new BigDecimal(BigInteger.valueOf(unscaled.longValue()), decimal.getScale()));
        } else if (value instanceof Integer number) {
            target.put(column, number);
        } else if (value instanceof Long number) {
            target.put(column, number);
        } else if (value instanceof Double number) {
            target.put(column, number);
        } else if (value instanceof Float number) {
            target.put(column, number);
        } else if (value instanceof Boolean flag) {
            target.put(column, flag);
        } else {
            target.put(column, value.toString());
        }
    }
}
