package vn.ecomdss.extract.file;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A CSV file with a header row (RFC 4180: comma-separated, double quotes around a value holding commas, quotes or
 * line breaks), UTF-8 with or without a byte-order mark. Values are text, trimmed; an empty value is absent. A row
 * is reported at the line it starts on, counting the header as line 1. A row with more or fewer values than the
 * header has columns is unreadable; so is a broken quote, after which nothing more of the file can be read
 * reliably, so the rest of the file is reported as one unreadable row.
 */
final class CsvRows implements FileRows {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(true).get();

    private final JsonMapper json;
    private final Reader reader;
    private CSVParser parser;
    private List<String> header;
    private Iterator<CSVRecord> records;
    private boolean broken;

    CsvRows(Path file, JsonMapper json) throws IOException {
        this.json = json;
        this.reader = new InputStreamReader(BOMInputStream.builder().setInputStream(Files.newInputStream(file)).get(),
                StandardCharsets.UTF_8);
    }

    @Override
    public Row next() {
        if (broken) {
            return null;
        }
        if (parser == null) {
            try {
                parser = FORMAT.parse(reader);
            } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
                broken = true;
                return Row.unreadable("line 1", "the header cannot be read: " + rootMessage(e)
                        + "; nothing of the file can be read", null);
            }
            header = parser.getHeaderNames();
            records = parser.iterator();
        }
        long linesBefore = parser.getCurrentLineNumber();
        CSVRecord record;
        try {
            if (!records.hasNext()) {
                return null;
            }
            record = records.next();
        } catch (UncheckedIOException e) {
            broken = true;
            return Row.unreadable("line " + (linesBefore + 1), rootMessage(e)
                    + "; the rest of the file cannot be read", null);
        }
        List<String> values = record.toList();
        long line = parser.getCurrentLineNumber() - values.stream().mapToLong(CsvRows::lineBreaks).sum();
        String at = "line " + line;
        if (values.size() != header.size()) {
            return Row.unreadable(at, values.size() + " values where the header has " + header.size() + " columns "
                    + header, String.join(",", values));
        }
        ObjectNode row = json.createObjectNode();
        for (int i = 0; i < header.size(); i++) {
            if (!values.get(i).isEmpty()) {
                row.put(header.get(i), values.get(i));
            }
        }
        return Row.of(at, row);
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
        reader.close();
    }

    private static long lineBreaks(String value) {
        return value.chars().filter(c -> c == '\n').count();
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
