package vn.ecomdss.extract.tiki;

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
 * {@code kind: tiki}: a seller's products and orders through Tiki Open API, with the seller's tokens kept in
 * {@code ops.partner_token}. With an authorization code the app acts on the seller's consent (a public app); without
 * one it is taken for the seller's in-house app and asks for client-credentials tokens.
 */
@Component
public class TikiSource extends PartnerSource {

    private final SourceEndpoints endpoints;
    private final SourceHttpClients clients;
    private final JsonMapper json = JsonMapper.builder().build();

    public TikiSource(SourceEndpoints endpoints, SourceHttpClients clients, PartnerSettings settings,
                      PartnerTokenStore tokens) {
        super(settings, tokens);
        this.endpoints = endpoints;
        this.clients = clients;
    }

    @Override
    public String kind() {
        return "tiki";
    }

    @Override
    protected SourceReader reader(SourceDefinition source, PartnerCredentials credentials,
                                  Map<String, String> watermarks, SourceProgress progress) {
        URI baseUri = endpoints.baseUri(source);
        // Tiki's token endpoint is on the API host (api.tiki.vn/sc/oauth2/token) unless the operator says otherwise.
        URI tokenUri = credentials.authUrl() != null ? URI.create(credentials.authUrl()) : baseUri;
        TikiApi api = new TikiApi(source.name(), baseUri, tokenUri, credentials, clients.of(source, baseUri), json,
                Clock.systemUTC(), attempt -> progress.retry());
        PartnerSession session = PartnerSession.of(source.name(), api, credentials, tokens, source.maxRetries());
        return new TikiReader(source, session, progress, watermarks);
    }
}
