package vn.ecomdss.extract.shopee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;

import org.junit.jupiter.api.Test;

import vn.ecomdss.extract.partner.PartnerApiException;
import vn.ecomdss.extract.partner.PartnerConnection;
import vn.ecomdss.extract.partner.PartnerCredentials;

class ShopeeSignatureTest {

    /**
     * Hand-computed with {@code printf '%s' '2001887/api/v2/product/get_item_list1735689600tok123880042117'
     * | openssl dgst -sha256 -hmac 'test-partner-key'}: partner id, path, timestamp, access token, shop id.
     */
    @Test
    void aShopCallSignsPartnerPathTimestampTokenAndShopUnderThePartnerKey() {
        assertThat(ShopeeSignature.shop("test-partner-key", 2_001_887L, "/api/v2/product/get_item_list", 1_735_689_600L,
                "tok123", 880_042_117L)).isEqualTo("fd0a9aebe99bea39c2900303ba72f7e42048996a6c41c687815278e2b83d6f71");
    }

    /** {@code printf '%s' '2001887/api/v2/auth/token/get1735689600' | openssl dgst -sha256 -hmac 'test-partner-key'}. */
    @Test
    void anAuthCallSignsWithoutTokenOrShop() {
        assertThat(ShopeeSignature.auth("test-partner-key", 2_001_887L, "/api/v2/auth/token/get", 1_735_689_600L))
                .isEqualTo("cc167f268f7e0388ebd129913e63d846ed5cf25be31cbb40fcf9c980a23ec09d");
    }

    @Test
    void aPartnerIdOrShopIdThatIsNotANumberIsRefusedNamingTheVariable() {
        URI base = URI.create("http://127.0.0.1:1");
        assertThatThrownBy(() -> new ShopeeApi(base, base, new PartnerConnection("shopee",
                new PartnerCredentials("my-app", "key", null, null, null, "880042117"), null, null, Clock.systemUTC(), n -> { })))
                .isInstanceOf(PartnerApiException.class)
                .hasMessage("shopee: DSS_SOURCES_SHOPEE_APP_KEY must be the app's partner_id, a number, got 'my-app'");
        assertThatThrownBy(() -> new ShopeeApi(base, base, new PartnerConnection("shopee",
                new PartnerCredentials("2001887", "key", null, null, null, "shop 1"), null, null, Clock.systemUTC(), n -> { })))
                .hasMessage("shopee: DSS_SOURCES_SHOPEE_SHOP_ID must be the authorized shop's shop_id, a number, "
                        + "got 'shop 1'");
    }
}
