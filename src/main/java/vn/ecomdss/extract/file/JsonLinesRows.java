package vn.ecomdss.extract.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON-lines file (one JSON object per line, UTF-8): blank lines are passed over, a line that is not a JSON
 * object is unreadable with the parser's reason. Values keep their JSON types, nested objects and arrays included.
 */
final class JsonLinesRows implements FileRows {

    private final JsonMapper json;
    private final BufferedReader reader;
    private long line;

    JsonLinesRows(Path file, JsonMapper json) throws IOException {
        this.json = json;
        this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    @Override
    public Row next() throws IOException {
        String text;
        do {
            text = reader.readLine();
            line++;
            if (text == null) {
                return null;
            }
        } while (text.isBlank());
        if (line == 1 && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        String at = "line " + line;
        try {
            JsonNode node = json.readTree(text);
            return node instanceof ObjectNode object ? Row.of(at, object)
                    : Row.unreadable(at, "not a JSON object but " + node.getNodeType().name().toLowerCase(Locale.ROOT),
                    text);
        } catch (JacksonException e) {
            return Row.unreadable(at, "not JSON: " + e.getOriginalMessage(), text);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
