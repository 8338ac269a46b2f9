package vn.ecomdss.extract.sendo;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import vn.ecomdss.extract.SourceEndpoints;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.extract.http.SourceHttpClients;
import vn.ecomdss.extract.partner.PartnerApi;
import vn.ecomdss.extract.partner.PartnerConnection;
import vn.ecomdss.extract.partner.PartnerCredentials;
import vn.ecomdss.extract.partner.PartnerSession;
import vn.ecomdss.extract.partner.PartnerSettings;
import vn.ecomdss.extract.partner.PartnerSource;
import vn.ecomdss.extract.partner.PartnerTokenStore;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * {@code kind: sendo-open}: a Sendo shop's products and sales orders through the Sendo Open API, logged in with the
 * shop key and secret key ({@code DSS_SOURCES_SENDO_OPEN_APP_KEY}, {@code DSS_SOURCES_SENDO_OPEN_APP_SECRET}); the
 * login's token is kept in {@code ops.partner_token} until it is due. How far back a full refresh reads orders is
 * {@code dss.sources.<name>.earliest-date} ({@code DSS_SOURCES_SENDO_OPEN_EARLIEST_DATE}, e.g. the day the shop
 * opened), by default {@link #DEFAULT_HISTORY} before today: every three days of it cost a search.
 */
@Component
public class SendoOpenSource extends PartnerSource {

    static final String EARLIEST_DATE = "earliest-date";
    static final Period DEFAULT_HISTORY = Period.ofDays(90);

    public SendoOpenSource(SourceEndpoints endpoints, SourceHttpClients clients, PartnerSettings settings,
                           PartnerTokenStore tokens) {
        super(endpoints, clients, settings, tokens);
    }

    @Override
    public String kind() {
        return "sendo-open";
    }

    /** The shop key and secret key log in; Sendo has no seller's authorization code. */
    @Override
    protected List<String> credentialKeys() {
        return PartnerCredentials.LOGIN_KEYS;
    }

    @Override
    protected PartnerApi api(SourceDefinition source, URI baseUri, PartnerConnection connection) {
        return new SendoOpenApi(baseUri, connection);
    }

    @Override
    protected SourceReader reader(SourceDefinition source, PartnerSession session, Map<String, String> watermarks,
                                  SourceProgress progress) {
        Clock clock = Clock.systemUTC();
        return new SendoOpenReader(source, session, earliest(source, clock), clock, progress, watermarks);
    }

    private LocalDate earliest(SourceDefinition source, Clock clock) {
        String configured = settings.setting(source.name(), EARLIEST_DATE).orElse(null);
        if (configured == null) {
            return LocalDate.now(clock.withZone(SendoOpenReader.VIETNAM)).minus(DEFAULT_HISTORY);
        }
        try {
            return LocalDate.parse(configured);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(source.name() + ": " + PartnerCredentials.variable(source.name(),
                    EARLIEST_DATE) + " (dss.sources." + source.name() + "." + EARLIEST_DATE + ") must be a date "
                    + "such as 2024-01-01, got '" + configured + "'", e);
        }
    }
}
