package vn.ecomdss.extract.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.extract.FetchedRecord;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.pipeline.EntityDefinition;

/** The file reader over files written at test time: gathering order lines, line numbers, and a restart. */
class FileReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final EntityDefinition ORDER_LINES = new EntityDefinition("order_lines", "*.csv", null,
            "/order_id", "order", Map.of("/order_id", "string", "/quantity", "integer"),
            Map.of("customer_id", List.of("/customer_id")), new EntityDefinition.Lines("/lines",
            Map.of("product_id", List.of("/product_id"), "quantity", List.of("/quantity"))), null, false, false,
            null, null, null);

    private Path directory;

    @BeforeEach
    void directory() throws IOException {
        directory = Files.createDirectories(Path.of("target", "file-reader-test", Long.toString(System.nanoTime(), 36)))
                .toAbsolutePath();
    }

    @Test
    void consecutiveRowsOfAnOrderAreGatheredUnderItsLinesAndABrokenRowStandsAloneNamedByItsLine()
            throws Exception {
        write("a.csv", """
                order_id,customer_id,product_id,quantity,note
                O1,KH-1,SP-1,2,"first line
                of a note"
                O1,KH-1,SP-2,1,

                O2,KH-2,SP-1,x,
                O2,KH-2,SP-3,3,
                """);

        List<FetchedRecord> records = readAll(reader(), new ExecutionContext(), Integer.MAX_VALUE);

        // The broken row is returned as it is read; O1's lines are gathered until a row of another order comes.
        assertThat(records).hasSize(3);
        assertThat(records.get(0).item().at("/parse_error").asString())
                .isEqualTo(directory.resolve("a.csv") + " line 6: /quantity should be integer but is 'x'");
        assertThat(records.get(0).item().at("/order_id").isMissingNode()).isTrue();
        assertThat(records.get(1).item().at("/order_id").asString()).isEqualTo("O1");
        assertThat(records.get(1).item().at("/lines").size()).isEqualTo(2);
        assertThat(records.get(1).item().at("/lines/1/quantity").isIntegralNumber()).isTrue();
        assertThat(records.get(1).item().at("/lines/0/note").asString()).isEqualTo("first line\nof a note");
        assertThat(records.get(2).item().at("/order_id").asString()).isEqualTo("O2");
        assertThat(records.get(2).item().at("/lines").size()).isEqualTo(1);
        assertThat(records.get(2).item().at("/lines/0/product_id").asString()).isEqualTo("SP-3");
    }

    @Test
    void aRestartedReaderPassesOverTheRecordsAlreadyReturnedAndGoesOnInTheNextFile() throws Exception {
        write("a.csv", "order_id,customer_id,product_id,quantity\nO1,K,P,1\nO2,K,P,1\nO3,K,P,1\n");
        write("b.csv", "order_id,customer_id,product_id,quantity\nO4,K,P,1\nO5,K,P,1\n");
        ExecutionContext context = new ExecutionContext();

        List<FetchedRecord> before = readAll(reader(), context, 2);
        List<FetchedRecord> after = readAll(reader(), context, Integer.MAX_VALUE);

        List<String> ids = new ArrayList<>();
        before.forEach(r -> ids.add(r.item().at("/order_id").asString()));
        after.forEach(r -> ids.add(r.item().at("/order_id").asString()));
        assertThat(ids).containsExactly("O1", "O2", "O3", "O4", "O5");
    }

    @Test
    void aFileThatIsNotParquetAndOneOfAnotherFormatAreEachOneRecordSayingSo() throws Exception {
        write("a.parquet", "order_id,quantity\nO1,1\n");
        write("b.txt", "O1 1\n");

        List<FetchedRecord> records = readAll(reader(), new ExecutionContext(), Integer.MAX_VALUE);

        assertThat(records).extracting(r -> r.item().at("/parse_error").asString()).satisfiesExactly(
                error -> assertThat(error).startsWith(directory.resolve("a.parquet")
                        + " row 1: not a readable Parquet file: ").endsWith("; the rest of the file cannot be read"),
                error -> assertThat(error).isEqualTo(directory.resolve("b.txt")
                        + " line 1: not a .csv, .jsonl, .ndjson or .parquet file, so not read"));
    }

    private FileReader reader() throws IOException {
        List<FileStamp> stamps = new ArrayList<>();
        try (var files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                stamps.add(FileStamp.of(directory, file));
            }
        }
        return new FileReader("shop-files", directory, List.of(new FileReader.EntityFiles(
                ORDER_LINES, stamps, stamps)), new SourceProgress() { }, JSON);
    }

    /** Opens the reader on {@code context}, reads up to {@code limit} records, saves its position and closes it. */
    private static List<FetchedRecord> readAll(FileReader reader, ExecutionContext context, int limit)
            throws Exception {
        List<FetchedRecord> records = new ArrayList<>();
        reader.open(context);
        FetchedRecord record;
        while (records.size() < limit && (record = reader.read()) != null) {
            records.add(record);
        }
        reader.update(context);
        reader.close();
        return records;
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
    }
}
