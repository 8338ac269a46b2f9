package vn.ecomdss.extract.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class JsonHttpClientShownTest {

    @Test
    void credentialParametersAreMaskedInTheAddressAnErrorShows() {
        URI uri = URI.create("https://api.lazada.vn/rest/orders/get?app_key=123456&access_token=50000601c30atpedfgu3"
                + "&sign_method=sha256&timestamp=1517820392000&sign=4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A0C"
                + "&offset=0&code=0_abc&Refresh_Token=xyz");

        assertThat(JsonHttpClient.shown(uri)).isEqualTo("https://api.lazada.vn/rest/orders/get?app_key=123456"
                + "&access_token=***&sign_method=sha256&timestamp=1517820392000&sign=***&offset=0&code=***"
                + "&Refresh_Token=***");
    }

    @Test
    void anAddressWithoutCredentialsIsShownAsIs() {
        URI uri = URI.create("https://dummyjson.com/products?limit=100&skip=200&signature_style=x");

        assertThat(JsonHttpClient.shown(uri)).isEqualTo(uri.toString());
    }
}
