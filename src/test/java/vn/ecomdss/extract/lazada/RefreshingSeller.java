package vn.ecomdss.extract.lazada;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.http.JsonHttpClient;
import vn.ecomdss.extract.http.RequestThrottle;
import vn.ecomdss.extract.partner.PartnerConnection;
import vn.ecomdss.extract.partner.PartnerCredentials;
import vn.ecomdss.extract.partner.PartnerSession;
import vn.ecomdss.extract.partner.PartnerSettings;
import vn.ecomdss.extract.partner.PartnerTokenStore;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * A process of its own that calls Lazada with the stored tokens as a run would, on a clock far enough ahead that
 * the access token is due and must be refreshed first: what {@code TokenRefreshKillTest} kills mid-refresh.
 * Arguments: JDBC URL, user, password, the fake's base URI, app key, app secret, token key.
 */
public final class RefreshingSeller {

    private RefreshingSeller() {
    }

    public static void main(String[] args) {
        DriverManagerDataSource database = new DriverManagerDataSource(args[0], args[1], args[2]);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("seller", Map.of(
                "dss.sources.lazada.app-key", args[4], "dss.sources.lazada.app-secret", args[5],
                "dss.token-key", args[6])));
        PartnerSettings settings = new PartnerSettings(environment);
        PartnerCredentials credentials = settings.credentials("lazada").orElseThrow();
        Clock monthLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(31));
        PartnerSession session = new PartnerSession("lazada", api(URI.create(args[3]), credentials), credentials,
                new PartnerTokenStore(new JdbcTemplate(database), settings), 0, monthLater, wait -> { });
        System.out.println("lazada answered " + firstProduct(session));
    }

    /** Lazada at {@code base} (API and token calls alike, as the fake serves both), signing on the real clock. */
    static LazadaApi api(URI base, PartnerCredentials credentials) {
        JsonHttpClient http = new JsonHttpClient(JsonMapper.builder().build(), Duration.ofSeconds(60), 0,
                SourceDefinition.DEFAULT_USER_AGENT, RequestThrottle.of(new SourceDefinition.RateLimit(0, 1)));
        return new LazadaApi(base, base, new PartnerConnection("lazada", credentials, http,
                JsonMapper.builder().build(), Clock.systemUTC(), attempt -> { }));
    }

    /** One call of GetProducts; Lazada's answer code ("0" when it succeeded). */
    static String firstProduct(PartnerSession session) {
        return session.get("/products/get", Map.of("filter", "all", "offset", "0", "limit", "1"),
                new SourceProgress() { }).code();
    }
}
