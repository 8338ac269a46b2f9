package vn.ecomdss.extract.lazada;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.ecomdss.extract.partner.TokenCipher;

class LazadaSignatureTest {

    /** The worked example of Lazada's "HTTP request sample" (GetOrder with the App Secret "helloworld"). */
    @Test
    void theDocumentedExampleSignsToTheDocumentedHex() {
        String sign = LazadaSignature.sign("/order/get", Map.of("app_key", "123456", "access_token", "test",
                "timestamp", "1517820392000", "sign_method", "sha256", "order_id", "1234"), "helloworld");

        assertThat(sign).isEqualTo("4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A");
    }

    @Test
    void lazadaTimesBecomeIsoInstants() {
        assertThat(LazadaReader.iso("2018-02-01 18:28:17 +0800")).isEqualTo("2018-02-01T10:28:17Z");
        assertThat(LazadaReader.iso("1611554725000")).isEqualTo("2021-01-25T06:05:25Z");
        assertThat(LazadaReader.iso("not a time")).isNull();
    }

    @Test
    void storingTokensWithoutAKeyFailsNamingTheVariable() {
        assertThatThrownBy(() -> TokenCipher.of(null)).hasMessageContaining("set DSS_TOKEN_KEY");
        assertThatThrownBy(() -> TokenCipher.of("c2hvcnQ=")).hasMessageContaining("16, 24 or 32 bytes");
    }

    @Test
    void aTokenSealedForOneSourceOpensOnlyForIt() {
        TokenCipher cipher = TokenCipher.of("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        byte[] sealed = cipher.encrypt("lazada", "50000secret");

        assertThat(cipher.decrypt("lazada", sealed)).isEqualTo("50000secret");
        assertThatThrownBy(() -> cipher.decrypt("shopee", sealed)).hasMessageContaining("DSS_TOKEN_KEY");
    }
}
