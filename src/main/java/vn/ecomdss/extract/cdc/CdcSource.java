package vn.ecomdss.extract.cdc;

import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.embedded.KafkaEndpoint;
import vn.ecomdss.embedded.PlatformServices;
import vn.ecomdss.embedded.ServiceEndpoints;
import vn.ecomdss.extract.Source;
import vn.ecomdss.extract.SourceEndpoints;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.extract.partner.PartnerSettings;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * {@code kind: cdc}: a PostgreSQL database's row changes, read by logical replication, published on the platform's
 * Kafka as {@code cdc_<table>} and landed in the lake (see {@link CdcReader}). Each entity's {@code path} is a
 * {@code schema.table}. {@code embedded: postgres} is the platform's own PostgreSQL; {@code dss.sources.<name>.base-url}
 * (a JDBC URL) points at another, with {@code dss.sources.<name>.user} and {@code .password} from the environment.
 */
@Component
public class CdcSource implements Source {

    private final SourceEndpoints endpoints;
    private final PlatformServices services;
    private final PartnerSettings settings;
    private final KafkaEndpoint kafka;
    private final JsonMapper json = JsonMapper.builder().build();

    public CdcSource(SourceEndpoints endpoints, PlatformServices services, PartnerSettings settings,
                     KafkaEndpoint kafka) {
        this.endpoints = endpoints;
        this.services = services;
        this.settings = settings;
        this.kafka = kafka;
    }

    @Override
    public String kind() {
        return "cdc";
    }

    /** The lake's position is the same under every entity: the latest one saved stands. */
    @Override
    public SourceReader reader(SourceDefinition source, RunParameters run, Map<String, String> watermarks,
                               SourceProgress progress) {
        ChangePosition watermark = watermarks.values().stream().map(ChangePosition::parse)
                .max(ChangePosition::compareTo).orElse(ChangePosition.START);
        return new CdcReader(source, database(source), kafka.bootstrapServers(), watermark, json);
    }

    private CdcReader.Database database(SourceDefinition source) {
        String override = endpoints.override(source);
        if ("postgres".equals(source.embedded()) && override == null) {
            ServiceEndpoints platform = services.endpoints();
            return new CdcReader.Database(platform.jdbcUrl(), platform.jdbcUser(), platform.jdbcPassword());
        }
        String url = override != null ? override : source.baseUrl();
        return new CdcReader.Database(url, settings.setting(source.name(), "user").orElse(null),
                settings.setting(source.name(), "password").orElse(null));
    }
}
