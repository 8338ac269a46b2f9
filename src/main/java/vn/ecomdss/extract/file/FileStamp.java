package vn.ecomdss.extract.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A file as it was when a run listed it: its name under the source's directory, its size and when it was last
 * modified. A file whose stamp is the one the last completed run kept has been read; any change of size or time
 * reads it again.
 */
record FileStamp(String name, long size, Instant modified) {

    static FileStamp of(Path directory, Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileStamp(directory.relativize(file).toString().replace('\\', '/'), attributes.size(),
                attributes.lastModifiedTime().toInstant());
    }

    /** An entity's watermark: {@code {"orders/2026-05.csv": {"size": 5120, "modified": "2026-06-01T02:00:00Z"}}}. */
    static String watermark(Iterable<FileStamp> stamps, JsonMapper json) {
        ObjectNode files = json.createObjectNode();
        for (FileStamp stamp : stamps) {
            files.putObject(stamp.name()).put("size", stamp.size()).put("modified", stamp.modified().toString());
        }
        return json.writeValueAsString(files);
    }

    /** The stamps a watermark kept, by name; none for no watermark. */
    static Map<String, FileStamp> read(String watermark, JsonMapper json) {
        Map<String, FileStamp> stamps = new TreeMap<>();
        if (watermark == null || watermark.isBlank()) {
            return stamps;
        }
        JsonNode files = json.readTree(watermark);
        files.properties().forEach(file -> stamps.put(file.getKey(), new FileStamp(file.getKey(),
                file.getValue().path("size").asLong(), Instant.parse(file.getValue().path("modified").asString()))));
        return stamps;
    }
}
