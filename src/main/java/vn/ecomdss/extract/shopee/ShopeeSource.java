package vn.ecomdss.extract.shopee;

import java.net.URI;
import java.time.Clock;
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
 * {@code kind: shopee}: one shop's items, orders and returns through Shopee Open Platform v2, with the shop's
 * tokens kept in {@code ops.partner_token}. Shopee's tokens and calls belong to a shop, so the shop id is part of
 * the credentials ({@code DSS_SOURCES_SHOPEE_SHOP_ID}).
 */
@Component
public class ShopeeSource extends PartnerSource {

    public ShopeeSource(SourceEndpoints endpoints, SourceHttpClients clients, PartnerSettings settings,
                        PartnerTokenStore tokens) {
        super(endpoints, clients, settings, tokens);
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
    protected PartnerApi api(SourceDefinition source, URI baseUri, PartnerConnection connection) {
        // Shopee answers the token calls on the API host itself (/api/v2/auth/...), unless the operator says otherwise.
        return new ShopeeApi(baseUri, connection.credentials().authUri(baseUri), connection);
    }

    @Override
    protected SourceReader reader(SourceDefinition source, PartnerSession session, Map<String, String> watermarks,
                                  SourceProgress progress) {
        return new ShopeeReader(source, session, progress, watermarks, Clock.systemUTC());
    }
}
