package vn.ecomdss.extract.lazada;

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
 * {@code kind: lazada}: a seller's products and orders through Lazada Open Platform, with the seller's tokens kept
 * in {@code ops.partner_token}.
 */
@Component
public class LazadaSource extends PartnerSource {

    public LazadaSource(SourceEndpoints endpoints, SourceHttpClients clients, PartnerSettings settings,
                        PartnerTokenStore tokens) {
        super(endpoints, clients, settings, tokens);
    }

    @Override
    public String kind() {
        return "lazada";
    }

    @Override
    protected PartnerApi api(SourceDefinition source, URI baseUri, PartnerConnection connection) {
        // A sandbox or a local fake answers the token calls itself; Lazada's own live under auth.lazada.com.
        URI authUri = connection.credentials().authUri(endpoints.override(source) != null ? baseUri
                : URI.create(LazadaApi.DEFAULT_AUTH_URL));
        return new LazadaApi(baseUri, authUri, connection);
    }

    @Override
    protected SourceReader reader(SourceDefinition source, PartnerSession session, Map<String, String> watermarks,
                                  SourceProgress progress) {
        return new LazadaReader(source, session, progress, watermarks);
    }
}
