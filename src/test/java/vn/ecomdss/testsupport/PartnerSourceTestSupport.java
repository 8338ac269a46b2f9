package vn.ecomdss.testsupport;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.extract.FetchedRecord;
import vn.ecomdss.extract.PagedEntityReader;
import vn.ecomdss.extract.http.JsonHttpClient;
import vn.ecomdss.extract.http.RequestThrottle;
import vn.ecomdss.extract.partner.PartnerConnection;
import vn.ecomdss.extract.partner.PartnerCredentials;
import vn.ecomdss.extract.partner.PartnerSettings;
import vn.ecomdss.extract.partner.PartnerTokenStore;
import vn.ecomdss.lake.DataLake;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * The platform as a partner connector's tests see it: one partner source, its stored tokens and watermarks
 * forgotten before each test and its credentials, set as the operator's environment would set them, withdrawn
 * after it; dss_etl runs of it, what they landed in the lake, and the connector's own calls over an unthrottled
 * client, so that what a test asks of the fake beside the runs spends none of the source's burst.
 */
public abstract class PartnerSourceTestSupport extends PlatformTestSupport {

    /** The base64 AES key the tests' tokens are encrypted under ({@code DSS_TOKEN_KEY}). */
    protected static final String TOKEN_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @Autowired
    protected ConfigurableEnvironment environment;
    @Autowired
    protected DataLake lake;
    @Autowired
    protected PartnerTokenStore tokens;

    /** The source's name, as its definition and its settings ({@code dss.sources.<source>.*}) spell it. */
    protected final String source;
    private final String credentialsSource;

    protected PartnerSourceTestSupport(String source) {
        this.source = source;
        this.credentialsSource = source + "-test-credentials";
    }

    @BeforeEach
    void forgetTokensAndWatermarks() {
        jdbc.update("delete from ops.partner_token where source = ?", source);
        jdbc.update("delete from ops.source_watermark where source = ?", source);
    }

    @AfterEach
    void withdrawCredentialsAfterTheTest() {
        withdrawCredentials();
    }

    /**
     * Sets the source's {@code settings} ({@code "app-key"} is {@code dss.sources.<source>.app-key}) and the token
     * key, in place of any set before, as the environment of the next run.
     */
    protected void configure(Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>();
        settings.forEach((key, value) -> properties.put("dss.sources." + source + "." + key, value));
        properties.put("dss.token-key", TOKEN_KEY);
        withdrawCredentials();
        environment.getPropertySources().addFirst(new MapPropertySource(credentialsSource, properties));
    }

    /** Takes the source's settings and the token key out of the environment, as a deployment without them. */
    protected void withdrawCredentials() {
        environment.getPropertySources().remove(credentialsSource);
    }

    /** The credentials the connector would read from the environment now. */
    protected PartnerCredentials settings() {
        return new PartnerSettings(environment).credentials(source).orElseThrow();
    }

    /** A new store over the same table, as a new application context would make. */
    protected PartnerTokenStore restartedTokenStore() {
        return new PartnerTokenStore(jdbc, new PartnerSettings(environment));
    }

    /** How many of the source's stored tokens do not hold {@code plaintext} as it is in {@code column}. */
    protected long tokensWithout(String column, String plaintext) {
        if (!List.of("access_token", "refresh_token").contains(column)) {
            throw new IllegalArgumentException("ops.partner_token has no token column " + column);
        }
        return count("select count(*) from ops.partner_token where source = ? "
                + "and position(convert_to(?, 'UTF8') in " + column + ") = 0", source, plaintext);
    }

    protected JobExecution run(String runId, String logicalDate, String sources, boolean fullRefresh)
            throws Exception {
        return jobOperator.start(catalogue.jobs().get("dss_etl"), new JobParametersBuilder()
                .addString("run_id", runId).addString("logical_date", logicalDate).addString("sources", sources)
                .addString("full_refresh", Boolean.toString(fullRefresh), false).toJobParameters());
    }

    /** The natural ids of the source's records of {@code entity} that the run saw in the lake. */
    protected List<String> lakeIds(String runId, String entity) {
        return envelopes(runId, entity).stream().map(d -> d.getString("natural_id")).toList();
    }

    /** The payloads of the source's records of {@code entity} that the run saw in the lake. */
    protected List<Document> payloads(String runId, String entity) {
        return envelopes(runId, entity).stream().map(d -> d.get("payload", Document.class)).toList();
    }

    private List<Document> envelopes(String runId, String entity) {
        return lake.template().find(lake.seenBy(runId, source, entity), Document.class, DataLake.ENVELOPES);
    }

    protected String watermark(String entity) {
        return jdbc.queryForObject("select watermark from ops.source_watermark where source = ? and entity = ?",
                String.class, source, entity);
    }

    /** What the connector's API calls over, with the source's retries, signing on the system clock. */
    protected PartnerConnection connection(PartnerCredentials credentials, LongConsumer onRetry) {
        return connection(credentials, definition().maxRetries(), Clock.systemUTC(), onRetry);
    }

    /** What the connector's API calls over, unthrottled, with {@code maxRetries}, timing tokens by {@code clock}. */
    protected PartnerConnection connection(PartnerCredentials credentials, int maxRetries, Clock clock,
                                           LongConsumer onRetry) {
        SourceDefinition definition = definition();
        JsonHttpClient http = new JsonHttpClient(JsonMapper.builder().build(), definition.timeout(), maxRetries,
                definition.userAgent(), RequestThrottle.of(new SourceDefinition.RateLimit(0, 1)));
        return new PartnerConnection(source, credentials, http, JsonMapper.builder().build(), clock, onRetry);
    }

    /** The shipped definition of the source. */
    protected SourceDefinition definition() {
        return catalogue.sources().get(source);
    }

    /** The shipped definition paged {@code pageSize} at a time, with only {@code entities}, or all when none named. */
    protected SourceDefinition definition(int pageSize, String... entities) {
        SourceDefinition shipped = definition();
        Map<String, EntityDefinition> kept = new LinkedHashMap<>();
        for (String entity : entities) {
            kept.put(entity, shipped.entities().get(entity));
        }
        SourceDefinition.Paging paging = shipped.paging();
        return new SourceDefinition(shipped.file(), shipped.name(), shipped.kind(), shipped.baseUrl(),
                shipped.embedded(), shipped.currency(), new SourceDefinition.Paging(paging.style(),
                paging.limitParam(), paging.offsetParam(), pageSize, paging.totalField()), shipped.timeout(),
                shipped.maxRetries(), entities.length == 0 ? shipped.entities() : kept, shipped.rateLimit(),
                shipped.onFailure(), shipped.userAgent(), shipped.path());
    }

    /** The natural ids of up to {@code most} records the reader reads next. */
    protected static List<String> ids(PagedEntityReader reader, int most) {
        List<String> ids = new ArrayList<>();
        FetchedRecord record;
        while (ids.size() < most && (record = reader.read()) != null) {
            ids.add(record.item().at(record.idPointer()).asString());
        }
        return ids;
    }
}
