package vn.ecomdss.extract.tiki;

import java.net.URI;
import java.util.Map;

import org.springframework.stereotype.Component;

import vn.ecomdss.extract.SourceEndpoints;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.extract.http.SourceHttpClients;
import vn.ecomdss.extract.partner.PartnerApi;
import vn.ecomdss.extract.partner.PartnerConnection;
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

    public TikiSource(SourceEndpoints endpoints, SourceHttpClients clients, PartnerSettings settings,
                      PartnerTokenStore tokens) {
        super(endpoints, clients, settings, tokens);
    }

    @Override
    public String kind() {
        return "tiki";
    }

    @Override
    protected PartnerApi api(SourceDefinition source, URI baseUri, PartnerConnection connection) {
        // Tiki's token endpoint is on the API host (api.tiki.vn/sc/oauth2/token) unless the operator says otherwise.
        return new TikiApi(baseUri, connection.credentials().authUri(baseUri), connection);
    }

    @Override
    protected SourceReader reader(SourceDefinition source, PartnerSession session, Map<String, String> watermarks,
                                  SourceProgress progress) {
        return new TikiReader(source, session, progress, watermarks);
    }
}
