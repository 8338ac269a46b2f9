package vn.ecomdss.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Where the platform's services answer. Written by the process that owns the embedded services of a data
 * directory, so that another process on the same directory (a {@code restart} while a server runs) uses them.
 */
public record ServiceEndpoints(String jdbcUrl, String jdbcUser, String jdbcPassword, String mongoUri, String kafkaBootstrapServers) {

    static final String FILE_NAME = "endpoints.properties";

    void writeTo(Path dataDir) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("jdbc.url", jdbcUrl);
        properties.setProperty("jdbc.user", jdbcUser);
        properties.setProperty("jdbc.password", jdbcPassword == null ? "" : jdbcPassword);
        properties.setProperty("mongodb.uri", mongoUri);
        properties.setProperty("kafka.bootstrap-servers", kafkaBootstrapServers);
        Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            properties.store(out, "endpoints of the embedded services owned by a running ecommerce-dss process");
        }
        Files.move(tmp, dataDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static ServiceEndpoints readFrom(Path dataDir) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return new ServiceEndpoints(properties.getProperty("jdbc.url"), properties.getProperty("jdbc.user"),
                properties.getProperty("jdbc.password"), properties.getProperty("mongodb.uri"),
                properties.getProperty("kafka.bootstrap-servers"));
    }
}
