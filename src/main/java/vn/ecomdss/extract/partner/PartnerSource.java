package vn.ecomdss.extract.partner;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.extract.Source;
import vn.ecomdss.extract.SourceEndpoints;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.extract.http.SourceHttpClients;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * A marketplace's partner API as a {@link Source}: its credentials come from the environment when a run starts, and
 * without them the source reads nothing and says which variables to set, so a deployment that sells on no shop of
 * that marketplace runs the same jobs. Once credentials are there, every kind calls its platform the same way: over
 * the source's own HTTP client to its base URI (an operator's override, or an embedded service's), through a
 * {@link PartnerSession} on the stored tokens; a kind gives the {@link PartnerApi} that speaks its platform and the
 * reader that walks its listings.
 */
public abstract class PartnerSource implements Source {

    private static final Logger log = LoggerFactory.getLogger(PartnerSource.class);

    protected final SourceEndpoints endpoints;
    protected final PartnerSettings settings;
    private final SourceHttpClients clients;
    private final PartnerTokenStore tokens;
    private final JsonMapper json = JsonMapper.builder().build();

    protected PartnerSource(SourceEndpoints endpoints, SourceHttpClients clients, PartnerSettings settings,
                            PartnerTokenStore tokens) {
        this.endpoints = endpoints;
        this.clients = clients;
        this.settings = settings;
        this.tokens = tokens;
    }

    /**
     * The settings the skip names when credentials are missing: the app's key, its secret and, for an OAuth
     * platform, the seller's authorization code; a platform whose app logs in says {@link PartnerCredentials#LOGIN_KEYS}.
     * A per-shop kind's {@code shop-id} is added to them (see {@link #needsShopId}).
     */
    protected List<String> credentialKeys() {
        return PartnerCredentials.KEYS;
    }

    /**
     * Whether the kind's calls name one shop of the seller, so that its credentials are complete only with
     * {@code shop-id} and the skip names {@code DSS_SOURCES_X_SHOP_ID} too.
     */
    protected boolean needsShopId() {
        return false;
    }

    /** The kind's platform at {@code baseUri}, called over {@code connection}. */
    protected abstract PartnerApi api(SourceDefinition source, URI baseUri, PartnerConnection connection);

    /** The reader of {@code source}, calling its platform through {@code session}. */
    protected abstract SourceReader reader(SourceDefinition source, PartnerSession session,
                                           Map<String, String> watermarks, SourceProgress progress);

    @Override
    public final SourceReader reader(SourceDefinition source, RunParameters run, Map<String, String> watermarks,
                                     SourceProgress progress) {
        Optional<PartnerCredentials> credentials = settings.credentials(source.name())
                .filter(found -> !needsShopId() || found.shopId() != null);
        if (credentials.isEmpty()) {
            String reason = source.name() + ": no credentials ("
                    + PartnerCredentials.variables(source.name(), skipKeys()) + ")";
            log.warn("{}; the source is skipped and the job goes on", reason);
            progress.skipped(reason);
            return SourceReader.nothing();
        }
        URI baseUri = endpoints.baseUri(source);
        PartnerConnection connection = new PartnerConnection(source.name(), credentials.get(),
                clients.of(source, baseUri), json, Clock.systemUTC(), attempt -> progress.retry());
        PartnerSession session = PartnerSession.of(source.name(), api(source, baseUri, connection), credentials.get(),
                tokens, source.maxRetries());
        return reader(source, session, watermarks, progress);
    }

    /** The settings a skip names: {@link #credentialKeys}, and {@code shop-id} for a per-shop kind. */
    private List<String> skipKeys() {
        if (!needsShopId()) {
            return credentialKeys();
        }
        List<String> keys = new ArrayList<>(credentialKeys());
        keys.add(PartnerCredentials.SHOP_ID);
        return keys;
    }

    /** The reader of a source skipped for want of credentials: nothing, and no watermark moves. */
}
