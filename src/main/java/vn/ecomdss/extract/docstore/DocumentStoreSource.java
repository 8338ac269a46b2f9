package vn.ecomdss.extract.docstore;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import vn.ecomdss.extract.Source;
import vn.ecomdss.extract.SourceEndpoints;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.extract.partner.PartnerSettings;
import vn.ecomdss.lake.DataLake;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * {@code kind: document-store}: MongoDB collections (each entity's {@code path}) of one database (the source's
 * {@code path}, or {@code dss.sources.<name>.path} read per run), read incrementally by each entity's timestamp
 * field ({@code incremental.field}), as {@link CollectionReader} describes. {@code embedded: document-store} is the
 * platform's own document store (the embedded one, or {@code dss.mongodb.uri} when set); the operator's
 * {@code dss.sources.<name>.base-url=mongodb://...}, or the definition's {@code base-url}, is any other MongoDB.
 */
@Component
public class DocumentStoreSource implements Source, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DocumentStoreSource.class);

    private final MongoClient platformStore;
    private final SourceEndpoints endpoints;
    private final PartnerSettings settings;
    private final DataLake lake;
    private final Map<String, MongoClient> clients = new ConcurrentHashMap<>();

    public DocumentStoreSource(MongoClient platformStore, SourceEndpoints endpoints, PartnerSettings settings,
                               DataLake lake) {
        this.platformStore = platformStore;
        this.endpoints = endpoints;
        this.settings = settings;
        this.lake = lake;
    }

    @Override
    public String kind() {
        return "document-store";
    }

    @Override
    public SourceReader reader(SourceDefinition source, RunParameters run, Map<String, String> watermarks,
                               SourceProgress progress) {
        String uri = endpoints.override(source) != null ? endpoints.override(source) : source.baseUrl();
        String database = settings.setting(source.name(), "path").orElse(source.path());
        MongoClient client = uri == null ? platformStore : clients.computeIfAbsent(uri, MongoClients::create);
        String where = "database " + database + " at " + (uri == null ? "the platform's document store"
                : redacted(uri));
        log.info("{}: reading {} from {}", source.name(), source.entities().keySet(), where);
        return new CollectionReader(source, client.getDatabase(database), where, watermarks, run.fullRefresh(), lake,
                progress);
    }

    /** The connection string without its password, for the log and messages. */
    private static String redacted(String uri) {
        ConnectionString parsed = new ConnectionString(uri);
        return parsed.getPassword() == null ? uri : uri.replace(new String(parsed.getPassword()), "***");
    }

    @Override
    public void destroy() {
        clients.values().forEach(MongoClient::close);
    }
}
