package vn.ecomdss.extract.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The credentials' environment variables as an operator sets them, through the same kind of property source Spring
 * Boot makes of the process environment, so that the names {@link PartnerCredentials#variables} prints are names
 * that bind.
 */
class PartnerSettingsTest {

    @Test
    void aSourceNamedWithADashBindsFromTheVariablesItsSkipMessageNames() {
        PartnerSettings settings = settings(Map.of(
                "DSS_SOURCES_SENDO_OPEN_APP_KEY", "shop-key",
                "DSS_SOURCES_SENDO_OPEN_APP_SECRET", "secret-key",
                "DSS_SOURCES_SENDO_OPEN_EARLIEST_DATE", "2025-01-01",
                "DSS_TOKEN_KEY", "a2V5"));

        PartnerCredentials credentials = settings.credentials("sendo-open").orElseThrow();

        assertThat(credentials.appKey()).isEqualTo("shop-key");
        assertThat(credentials.appSecret()).isEqualTo("secret-key");
        assertThat(credentials.authCode()).isNull();
        assertThat(settings.setting("sendo-open", "earliest-date")).contains("2025-01-01");
        assertThat(settings.tokenKey()).isEqualTo("a2V5");
        assertThat(PartnerCredentials.variables("sendo-open", PartnerCredentials.LOGIN_KEYS))
                .isEqualTo("DSS_SOURCES_SENDO_OPEN_APP_KEY, DSS_SOURCES_SENDO_OPEN_APP_SECRET");
        assertThat(settings.credentials("sendo")).as("the scraped sendo source is another source").isEmpty();
    }

    @Test
    void theLazadaVariablesStillBindAndAreNamedAsBefore() {
        PartnerSettings settings = settings(Map.of(
                "DSS_SOURCES_LAZADA_APP_KEY", "app", "DSS_SOURCES_LAZADA_APP_SECRET", "secret",
                "DSS_SOURCES_LAZADA_AUTH_CODE", "code"));

        assertThat(settings.credentials("lazada").orElseThrow().authCode()).isEqualTo("code");
        assertThat(PartnerCredentials.variables("lazada")).isEqualTo(
                "DSS_SOURCES_LAZADA_APP_KEY, DSS_SOURCES_LAZADA_APP_SECRET, DSS_SOURCES_LAZADA_AUTH_CODE");
    }

    private static PartnerSettings settings(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new PartnerSettings(environment);
    }
}
