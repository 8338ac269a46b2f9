package vn.ecomdss.extract.shopee;

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
 * {@code kind: shopee}: one shop's items, orders and returns through Shopee Open Platform v2, with the shop's
 * tokens kept in {@code ops.partner_token}. Shopee's tokens and calls belong to a shop, so the shop id is part of
 * the credentials ({@code DSS_SOURCES_SHOPEE_SHOP_ID}).
 */
@Component
public class ShopeeSource extends PartnerSource {

    private final SourceEndpoints endpoints;
    private final SourceHttpClients clients;
    private final JsonMapper json = JsonMapper.builder().build();

    public ShopeeSource(SourceEndpoints endpoints, SourceHttpClients clients, PartnerSettings settings,
                        PartnerTokenStore tokens) {
        super(settings, tokens);
        this.endpoints = endpoints;
        this.clients = clients;
    }

    @Override
    public String kind() {
        return "shopee";
    }

    @Override
    protected boolean needsShopId() {
        return true;
    }

    @Override
    protected SourceReader reader(SourceDefinition source, PartnerCredentials credentials,
                                  Map<String, String> watermarks, SourceProgress progress) {
        URI baseUri = endpoints.baseUri(source);
        // Shopee answers the token calls on the API host itself (/api/v2/auth/...), unless the operator says otherwise.
        URI authUri = credentials.authUrl() != null ? URI.create(credentials.authUrl()) : baseUri;
        ShopeeApi api = new ShopeeApi(source.name(), baseUri, authUri, credentials, clients.of(source, baseUri), json,
                Clock.systemUTC(), attempt -> progress.retry());
        PartnerSession session = PartnerSession.of(source.name(), api, credentials, tokens, source.maxRetries());
        return new ShopeeReader(source, session, progress, watermarks, Clock.systemUTC());
    }
}
