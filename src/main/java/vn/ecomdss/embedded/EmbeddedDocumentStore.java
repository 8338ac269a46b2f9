package vn.ecomdss.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded raw store: mongo-java-server over an H2 MVStore file. It speaks MongoDB's wire protocol but is
 * not MongoDB (no transactions, non-unique indexes ignored); production points {@code dss.mongodb.uri} at a
 * real MongoDB.
 */
final class EmbeddedDocumentStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDocumentStore.class);

    private final MongoServer server;
    private final H2Backend backend;
    private final String connectionString;

    private EmbeddedDocumentStore(MongoServer server, H2Backend backend, String connectionString) {
        this.server = server;
        this.backend = backend;
        this.connectionString = connectionString;
    }

    static EmbeddedDocumentStore start(Path storeFile, int port) throws IOException {
        Files.createDirectories(storeFile.getParent());
        H2Backend backend = new DurableH2Backend(storeFile.toString());
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        log.info("Embedded document store (mongo-java-server, H2 file {}) at {}", storeFile, uri);
        return new EmbeddedDocumentStore(server, backend, uri);
    }

    String connectionString() {
        return connectionString;
    }

    @Override
    public void close() {
        server.shutdown();
        backend.close();
    }

    /**
     * H2's MVStore commits in the background about once a second; a batch step records a chunk as written only
     * after the write returned, so every command is committed before it answers and a killed process loses nothing
     * the job repository believes is stored.
     */
    private static final class DurableH2Backend extends H2Backend {

        DurableH2Backend(String fileName) {
            super(fileName);
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            try {
                return super.handleCommand(channel, databaseName, command, query);
            } finally {
                commit();
            }
        }
    }
}
