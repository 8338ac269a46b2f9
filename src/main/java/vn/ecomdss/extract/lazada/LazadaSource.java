package vn.ecomdss.extract.lazada;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.extract.FetchedRecord;
import vn.ecomdss.extract.Source;
import vn.ecomdss.extract.SourceEndpoints;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.extract.http.SourceHttpClients;
import vn.ecomdss.extract.partner.PartnerCredentials;
import vn.ecomdss.extract.partner.PartnerSession;
import vn.ecomdss.extract.partner.PartnerSettings;
import vn.ecomdss.extract.partner.PartnerTokenStore;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * {@code kind: lazada}: a seller's products and orders through Lazada Open Platform, with the seller's tokens kept
 * in {@code ops.partner_token}. Without an app key and secret in the environment the source reads nothing and says
 * so: a deployment that sells on no Lazada shop runs the same jobs.
 */
@Component
public class LazadaSource implements Source {

    private static final Logger log = LoggerFactory.getLogger(LazadaSource.class);

    private final SourceEndpoints endpoints;
    private final SourceHttpClients clients;
    private final PartnerSettings settings;
    private final PartnerTokenStore tokens;
    private final JsonMapper json = JsonMapper.builder().build();

    public LazadaSource(SourceEndpoints endpoints, SourceHttpClients clients, PartnerSettings settings,
                        PartnerTokenStore tokens) {
        this.endpoints = endpoints;
        this.clients = clients;
        this.settings = settings;
        this.tokens = tokens;
    }

    @Override
    public String kind() {
        return "lazada";
    }

    @Override
    public SourceReader reader(SourceDefinition source, RunParameters run, Map<String, String> watermarks,
                               SourceProgress progress) {
        Optional<PartnerCredentials> credentials = settings.credentials(source.name());
        if (credentials.isEmpty()) {
            String reason = source.name() + ": no credentials (" + PartnerCredentials.variables(source.name()) + ")";
            log.warn("{}; the source is skipped and the job goes on", reason);
            progress.skipped(reason);
            return new NothingToRead();
        }
        URI baseUri = endpoints.baseUri(source);
        // A sandbox or a local fake answers the token calls itself; Lazada's own live under auth.lazada.com.
        String authUrl = credentials.get().authUrl() != null ? credentials.get().authUrl()
                : endpoints.override(source) != null ? baseUri.toString() : LazadaApi.DEFAULT_AUTH_URL;
        LazadaApi api = new LazadaApi(baseUri, URI.create(authUrl), credentials.get(), clients.of(source, baseUri),
                json, Clock.systemUTC(), attempt -> progress.retry());
        PartnerSession session = PartnerSession.of(source.name(), api, credentials.get(), tokens, source.maxRetries());
        return new LazadaReader(source, session, progress, watermarks);
    }

    /** The reader of a source skipped for want of credentials: nothing, and no watermark moves. */
    private static final class NothingToRead implements SourceReader {
        @Override
        public FetchedRecord read() {
            return null;
        }

        @Override
        public void open(ExecutionContext context) {
        }

        @Override
        public void update(ExecutionContext context) {
        }

        @Override
        public void close() {
        }

        @Override
        public Map<String, String> newWatermarks() {
            return Map.of();
        }
    }
}
