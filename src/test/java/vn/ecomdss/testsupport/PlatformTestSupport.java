package vn.ecomdss.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.ecomdss.definition.JobCatalogue;
import vn.ecomdss.embedded.KafkaEndpoint;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;
import vn.ecomdss.testsupport.partners.SendoOpenApiFake;
import vn.ecomdss.testsupport.partners.ShopeeOpenPlatformFake;
import vn.ecomdss.testsupport.partners.TikiOpenApiFake;

/**
 * The platform as the tests see it: the whole application on embedded PostgreSQL, the lake and a real Kafka
 * broker under one data directory for the test JVM, with DummyJSON served from the shared fixtures over HTTP.
 */
@SpringBootTest
public abstract class PlatformTestSupport {

    protected static final FixtureApiServer FIXTURES = FixtureApiServer.start();
    protected static final Path DATA_DIR = tempDir();
    /** The authored Fake Store API and Vietnamese sites, each on its own port (robots.txt is per host). */
    protected static final SiteServer FAKESTORE = SiteServer.start("fakestore");
    protected static final SiteServer SENDO = SiteServer.start("sendo");
    protected static final SiteServer FPTSHOP = SiteServer.start("fptshop");
    protected static final SiteServer CHOTOT = SiteServer.start("chotot");
    /** A real SMTP server and a signature-checking webhook receiver, where the alert channels deliver. */
    protected static final GreenMail SMTP = smtp();
    protected static final WebhookReceiver WEBHOOK = WebhookReceiver.start();
    /** Lazada Open Platform for one seller; the source has no credentials unless a test adds them. */
    protected static final LazadaFakeServer LAZADA = LazadaFakeServer.start();
    /** Where every run of the shared platform sends its OpenLineage events. */
    protected static final String LINEAGE_TOPIC = "openlineage_events";
    protected static final TikiOpenApiFake TIKI = TikiOpenApiFake.start();
    protected static final ShopeeOpenPlatformFake SHOPEE = ShopeeOpenPlatformFake.start();
    protected static final SendoOpenApiFake SENDO_OPEN = SendoOpenApiFake.start();

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("dss.data-dir", DATA_DIR::toString);
        // DJL's PyTorch library is unpacked once per checkout, not once per test data directory.
        registry.add("dss.ml.engine-cache", () -> Path.of("target", "djl").toAbsolutePath().toString());
        registry.add("dss.sources.dummyjson.base-url", () -> FIXTURES.baseUri().toString());
        registry.add("dss.sources.platzi.base-url", () -> FIXTURES.platziBaseUri().toString());
        registry.add("dss.sources.fakestore.base-url", () -> FAKESTORE.baseUri().toString());
        registry.add("dss.sources.sendo.base-url", () -> SENDO.baseUri().toString());
        registry.add("dss.sources.fptshop.base-url", () -> FPTSHOP.baseUri().toString());
        registry.add("dss.sources.chotot.base-url", () -> CHOTOT.baseUri().toString());
        registry.add("dss.sources.lazada.base-url", () -> LAZADA.baseUri() + "/rest");
        registry.add("dss.sources.tiki.base-url", () -> TIKI.baseUri().toString());
        registry.add("dss.sources.shopee.base-url", () -> SHOPEE.baseUri().toString());
        registry.add("dss.sources.sendo-open.base-url", () -> SENDO_OPEN.baseUri().toString());
        // The fakes answer as fast as they are asked: the definitions' rate limits would make the tests, which share
        // one throttle per host across the JVM, wait out each other's bursts (RequestThrottleTest tests throttling).
        for (String source : List.of("dummyjson", "platzi", "fakestore", "sendo", "fptshop", "chotot", "lazada", "tiki",
                "shopee", "sendo-open")) {
            registry.add("dss.sources." + source + ".requests-per-hour", () -> "0");
        }
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("dss.alerts.webhook.url", () -> WEBHOOK.uri().toString());
        registry.add("dss.alerts.webhook.secret", () -> WebhookReceiver.SECRET);
        registry.add("dss.lineage.topic", () -> LINEAGE_TOPIC);
        // A fault a test injects fails the run at once instead of after the default retries, five minutes apart.
        registry.add("dss.retries.default-retries", () -> "0");
    }

    private static GreenMail smtp() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        return smtp;
    }

    @Autowired
    protected JobOperator jobOperator;
    @Autowired
    protected JobCatalogue catalogue;
    @Autowired
    protected JobRepository jobRepository;
    @Autowired
    protected List<StepFactory> stepFactories;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected KafkaEndpoint kafka;

    protected JobExecution runEtl(String runId, String logicalDate, String sources) throws Exception {
        JobParametersBuilder parameters = new JobParametersBuilder()
                .addString("run_id", runId)
                .addString("logical_date", logicalDate)
                .addString("sources", sources);
        return jobOperator.start(catalogue.jobs().get("dss_etl"), parameters.toJobParameters());
    }

    /**
     * Runs one step of dss_etl alone, in spring-batch-test's one-step job, for a test about that step that need
     * not wait for the whole DAG. The step is made from its definition by its factory, as the assembler makes it:
     * Spring Batch cannot locate a step inside the assembled job's nested flows before they have run
     * (spring-batch#1093). Job listeners (the lease, the run summary) and the step listener beans do not run.
     */
    protected JobExecution runEtlStep(String step, String runId, String logicalDate, String sources,
                                      boolean fullRefresh) {
        return runStep("dss_etl", step, Map.of("run_id", runId, "logical_date", logicalDate, "sources", sources),
                Map.of("full_refresh", Boolean.toString(fullRefresh)));
    }

    /**
     * Runs one step of any job alone, as {@link #runEtlStep} does for dss_etl, with identifying {@code parameters}
     * and non-identifying {@code others}.
     */
    protected JobExecution runStep(String job, String step, Map<String, String> parameters, Map<String, String> others) {
        JobDefinition definition = catalogue.definition(job).orElseThrow();
        StepDefinition stepDefinition = definition.stepsByName().get(step);
        if (stepDefinition == null) {
            throw new AssertionError(job + " declares no step " + step + "; its steps: "
                    + definition.stepsByName().keySet());
        }
        StepFactory factory = stepFactories.stream().filter(f -> f.type().equals(stepDefinition.type())).findFirst()
                .orElseThrow(() -> new AssertionError("no step factory of type " + stepDefinition.type()));
        JobOperatorTestUtils steps = new JobOperatorTestUtils(jobOperator, jobRepository);
        // Unique parameters, so that two steps of one run are two instances of the one-step job.
        JobParametersBuilder builder = steps.getUniqueJobParametersBuilder();
        parameters.forEach(builder::addString);
        others.forEach((name, value) -> builder.addString(name, value, false));
        return steps.startStep(factory.create(stepDefinition, definition, catalogue.sources()),
                builder.toJobParameters(), new ExecutionContext());
    }

    /** How many steps the shipped dss_etl definition declares. */
    protected int etlSteps() {
        return catalogue.definition("dss_etl").orElseThrow().steps().size();
    }

    /** Stages one order line (line 1, two units at 150,000 VND on Shopee) as if a transform had written it. */
    protected void stageSalesLine(RunParameters run, String source, String orderId, String customerId,
                                  String productId, String orderTs) {
        jdbc.update("""
                insert into staging.sales_line (run_id, source, order_id, line_number, customer_id, product_id,
                    order_ts, platform, quantity, unit_price, currency, envelope_id)
                values (?, ?, ?, 1, ?, ?, ?, 'shopee', 2, 150000, 'VND', ?)
                """, run.runId(), source, orderId, customerId, productId,
                java.sql.Timestamp.from(java.time.OffsetDateTime.parse(orderTs).toInstant()), "env-" + orderId);
    }

    protected long count(String sql, Object... args) {
        Long value = jdbc.queryForObject(sql, Long.class, args);
        return value == null ? 0 : value;
    }

    /** Every message on a topic, from the beginning. */
    protected List<String> messages(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 15_000;
            int emptyPolls = 0;
            while (System.currentTimeMillis() < deadline && (values.isEmpty() || emptyPolls < 2)) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    emptyPolls++;
                }
                for (ConsumerRecord<String, String> record : records) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("dss-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
