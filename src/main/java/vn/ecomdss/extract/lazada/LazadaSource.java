package vn.ecomdss.extract.lazada;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.extract.SourceEndpoints;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.extract.http.SourceHttpClients;
import vn.ecomdss.extract.partner.PartnerCredentials;
import vn.ecomdss.extract.partner.PartnerSession;
import vn.ecomdss.extract.partner.PartnerSettings;
import vn.ecomdss.extract.partner.PartnerSource;
import vn.ecomdss.extract.partner.PartnerTokenStore;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * {@code kind: lazada}: a seller's products and orders through Lazada Open Platform, with the seller's tokens kept
 * in {@code ops.partner_token}.
 */
@Component
public class LazadaSource extends PartnerSource {

    private final SourceEndpoints endpoints;
    private final SourceHttpClients clients;
    private final JsonMapper json = JsonMapper.builder().build();

    public LazadaSource(SourceEndpoints endpoints, SourceHttpClients clients, PartnerSettings settings,
                        PartnerTokenStore tokens) {
        super(settings, tokens);
        this.endpoints = endpoints;
        this.clients = clients;
    }

    @Override
    public String kind() {
        return "lazada";
    }

    @Override
    protected SourceReader reader(SourceDefinition source, PartnerCredentials credentials,
                                  Map<String, String> watermarks, SourceProgress progress) {
        URI baseUri = endpoints.baseUri(source);
        // A sandbox or a local fake answers the token calls itself; Lazada's own live under auth.lazada.com.
        String authUrl = credentials.authUrl() != null ? credentials.authUrl()
                : endpoints.override(source) != null ? baseUri.toString() : LazadaApi.DEFAULT_AUTH_URL;
        LazadaApi api = new LazadaApi(baseUri, URI.create(authUrl), credentials, clients.of(source, baseUri),
                json, Clock.systemUTC(), attempt -> progress.retry());
        PartnerSession session = PartnerSession.of(source.name(), api, credentials, tokens, source.maxRetries());
        return new LazadaReader(source, session, progress, watermarks);
    }
}
