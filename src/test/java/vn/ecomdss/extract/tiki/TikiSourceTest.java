package vn.ecomdss.extract.tiki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.ecomdss.testsupport.StepExecutions.step;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.http.SourceRequestException;
import vn.ecomdss.extract.partner.PartnerApi;
import vn.ecomdss.extract.partner.PartnerApiException;
import vn.ecomdss.extract.partner.PartnerCredentials;
import vn.ecomdss.extract.partner.PartnerResponse;
import vn.ecomdss.extract.partner.PartnerSession;
import vn.ecomdss.extract.partner.PartnerToken;
import vn.ecomdss.extract.partner.PartnerTokenStore;
import vn.ecomdss.pipeline.SourceDefinition;
import vn.ecomdss.testsupport.PartnerSourceTestSupport;
import vn.ecomdss.testsupport.partners.TikiOpenApiFake;

/** The Tiki connector against the local fake of Tiki Open API, through dss_etl on the shared platform. */
class TikiSourceTest extends PartnerSourceTestSupport {

    private static final Map<String, String> FIRST_PRODUCT = Map.of("page", "1", "limit", "1");

    TikiSourceTest() {
        super("tiki");
    }

    @BeforeEach
    void seller() {
        TIKI.limitRequestsPerHour(TikiOpenApiFake.REQUESTS_PER_HOUR);
        TIKI.failNextListings(0);
        credentials(TIKI.credentials().clientSecret(), TIKI.authorizeSeller());
    }

    @Test
    void aFullThenAnIncrementalRunLandExactlyTheSellersRecords() throws Exception {
        JobExecution full = run("tk-full", "2026-10-02", "tiki", true);

        assertThat(full.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(full, "extract_tiki").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> productIds = TIKI.productIds().stream().map(String::valueOf).toList();
        assertThat(lakeIds("tk-full", "products")).containsExactlyInAnyOrderElementsOf(productIds);
        assertThat(lakeIds("tk-full", "orders")).containsExactlyInAnyOrderElementsOf(TIKI.orderCodes());
        assertThat(jdbc.queryForList("select product_id from dw.dim_product where source = 'tiki' and is_current",
                String.class)).containsExactlyInAnyOrderElementsOf(productIds);
        // One fact per item of an order, as the orders landed.
        long items = payloads("tk-full", "orders").stream()
                .mapToLong(order -> order.getList("items", Document.class).size()).sum();
        assertThat(count("select count(*) from dw.fact_sales where source = 'tiki' and run_id = 'tk-full'"))
                .isEqualTo(items);
        assertThat(jdbc.queryForList("select distinct order_id from dw.fact_sales where source = 'tiki'",
                String.class)).containsExactlyInAnyOrderElementsOf(TIKI.orderCodes());
        String productMark = watermark("products");
        String orderMark = watermark("orders");
        assertThat(productMark).isEqualTo(latestUpdate("tk-full", "products"));
        assertThat(orderMark).isEqualTo(latestUpdate("tk-full", "orders"));

        long product = TIKI.productIds().get(3);
        String order = TIKI.orderCodes().get(2);
        long atTheMarks = payloads("tk-full", "products").stream()
                .filter(p -> p.getString("updated_at").equals(productMark)
                        && !String.valueOf(p.get("product_id")).equals(Long.toString(product))).count()
                + payloads("tk-full", "orders").stream()
                .filter(o -> o.getString("updated_at").equals(orderMark)
                        && !o.getString("code").equals(order)).count();
        TIKI.updateProducts(product);
        TIKI.updateOrders(order);
        JobExecution incremental = run("tk-inc", "2026-10-05", "tiki", false);

        assertThat(incremental.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(lakeIds("tk-inc", "products")).containsExactly(Long.toString(product));
        assertThat(lakeIds("tk-inc", "orders")).containsExactly(order);
        assertThat(step(incremental, "extract_tiki").getExecutionContext().getLong("extract.unchanged"))
                .as("only the records at the watermarks came back, which updated_from_date includes")
                .isEqualTo(atTheMarks);
        Document changed = payloads("tk-inc", "products").stream().findFirst().orElseThrow();
        assertThat(changed.getString("updated_at_text")).isEqualTo(TikiReader.tikiTime(Instant.parse(changed.getString("updated_at"))));
        assertThat(jdbc.queryForObject("select stock from dw.dim_product where source = 'tiki' and product_id = ? "
                + "and is_current", Integer.class, Long.toString(product)))
                .isEqualTo(changed.get("inventory", Document.class).getInteger("quantity_available"));
        assertThat(jdbc.queryForList("select distinct order_status from dw.fact_sales where source = 'tiki' and order_id = ?",
                String.class, order))
                .containsExactly(payloads("tk-inc", "orders").stream().findFirst().orElseThrow().getString("status"));
        assertThat(watermark("products")).isEqualTo(changed.getString("updated_at"));
        assertThat(Instant.parse(watermark("products"))).isAfter(Instant.parse(productMark));
    }

    @Test
    void aWrongClientSecretIsRefusedAndOnlyTikiFailsWhileTheOtherSourcesComplete() throws Exception {
        credentials("not-the-secret", TIKI.authorizeSeller());

        JobExecution execution = run("tk-badsecret", "2026-10-03", "tiki,fakestore", false);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "extract_tiki").getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(execution, "extract_tiki").getExitStatus().getExitDescription())
                .contains("source tiki failed", "invalid_client", "DSS_SOURCES_TIKI_APP_SECRET");
        assertThat(step(execution, "extract_fakestore").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "load_facts").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(tokens.load("tiki")).isEmpty();
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheSingleUseRefreshTokenRotates() throws Exception {
        assertThat(run("tk-token-1", "2026-10-02", "tiki", true).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        PartnerToken first = tokens.load("tiki").orElseThrow();
        TIKI.expireAccessTokens();
        int tokenCalls = TIKI.requestCount(TikiOpenApiFake.TOKEN);

        JobExecution second = run("tk-token-2", "2026-10-03", "tiki", true);

        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(TIKI.requestCount(TikiOpenApiFake.TOKEN)).as("one refresh").isEqualTo(tokenCalls + 1);
        assertThat(lakeIds("tk-token-2", "products")).hasSize(TIKI.productIds().size());
        PartnerToken rotated = tokens.load("tiki").orElseThrow();
        assertThat(rotated.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(rotated.accessToken()).isNotEqualTo(first.accessToken());
        assertThatThrownBy(() -> api(settings()).refresh(first.refreshToken()))
                .as("the refresh token the run presented is spent").isInstanceOf(PartnerApiException.class)
                .hasMessageContaining("invalid_grant").hasMessageContaining("DSS_SOURCES_TIKI_AUTH_CODE");
    }

    @Test
    void a429IsWaitedOutAsItsRetryAfterSaysUntilTikisHourTurns() {
        // Tiki's quota is per clock hour. The seller authorizes five minutes before the hour (its code lasts ten);
        // the first request, however late it comes, finds the quota spent two seconds before the hour turns.
        // The walk goes without the source's throttle, so that its first request is not held past the hour.
        Instant now = TIKI.now();
        TIKI.advanceClock(Duration.between(now, Instant.ofEpochSecond((now.getEpochSecond() / 3600 + 1) * 3600)
                .minus(Duration.ofMinutes(5))));
        credentials(TIKI.credentials().clientSecret(), TIKI.authorizeSeller());
        PartnerCredentials credentials = settings();
        AtomicLong retries = new AtomicLong();
        SourceProgress progress = new SourceProgress() {
            @Override
            public void retry() {
                retries.incrementAndGet();
            }
        };
        TikiApi api = api(credentials, Clock.systemUTC(), attempt -> progress.retry());
        TikiReader reader = new TikiReader(catalogue.sources().get("tiki"),
                PartnerSession.of("tiki", api, credentials, tokens, 2), progress, Map.of());
        reader.open(new ExecutionContext());
        TIKI.exhaustRateLimitAtNextRequest(Duration.ofSeconds(2));
        int tokenCalls = TIKI.requestCount(TikiOpenApiFake.TOKEN);

        List<String> read = ids(reader, Integer.MAX_VALUE);

        assertThat(TIKI.requestCount(TikiOpenApiFake.TOKEN)).as("refused, then granted").isEqualTo(tokenCalls + 2);
        assertThat(retries.get()).as("one wait, as long as Retry-After said, was enough").isEqualTo(1);
        assertThat(TIKI.now().getEpochSecond() % 3600).as("the next hour had begun").isLessThan(600);
        assertThat(read).hasSize(TIKI.productIds().size() + TIKI.orderCodes().size());
    }

    @Test
    void withoutCredentialsTheSourceIsSkippedWithTheVariablesToSetAndTheJobCompletes() throws Exception {
        withdrawCredentials();
        Map<String, Integer> before = TIKI.requestCounts();

        JobExecution execution = run("tk-none", "2026-10-02", "tiki", false);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "extract_tiki").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "extract_tiki").getExitStatus().getExitDescription()).contains(
                "skipped: tiki: no credentials (DSS_SOURCES_TIKI_APP_KEY, DSS_SOURCES_TIKI_APP_SECRET, "
                        + "DSS_SOURCES_TIKI_AUTH_CODE)");
        assertThat(TIKI.requestCounts()).isEqualTo(before);
    }

    @Test
    void withoutAnAuthorizationCodeTheInHouseAppUsesClientCredentialsAndAsksAgainWhenTheyExpire() throws Exception {
        credentials(TIKI.credentials().clientSecret(), null);

        assertThat(run("tk-inhouse-1", "2026-10-02", "tiki", true).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        PartnerToken granted = tokens.load("tiki").orElseThrow();
        assertThat(granted.refreshable()).isFalse();
        assertThat(lakeIds("tk-inhouse-1", "orders")).containsExactlyInAnyOrderElementsOf(TIKI.orderCodes());
        TIKI.expireAccessTokens();
        int tokenCalls = TIKI.requestCount(TikiOpenApiFake.TOKEN);

        JobExecution second = run("tk-inhouse-2", "2026-10-03", "tiki", true);

        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(TIKI.requestCount(TikiOpenApiFake.TOKEN)).isEqualTo(tokenCalls + 1);
        assertThat(tokens.load("tiki").orElseThrow().accessToken()).isNotEqualTo(granted.accessToken());
        assertThat(lakeIds("tk-inhouse-2", "products")).hasSize(TIKI.productIds().size());
    }

    @Test
    void aListingAnswering500IsAskedAgainAndEachRecordLandsOnce() throws Exception {
        TIKI.failNextListings(2);

        JobExecution execution = run("tk-500", "2026-10-02", "tiki", true);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "extract_tiki").getExecutionContext().getLong("extract.retries")).isEqualTo(2);
        assertThat(lakeIds("tk-500", "products"))
                .containsExactlyInAnyOrderElementsOf(TIKI.productIds().stream().map(String::valueOf).toList());
        assertThat(lakeIds("tk-500", "orders")).containsExactlyInAnyOrderElementsOf(TIKI.orderCodes());
    }

    @Test
    void aWalkBrokenOffMidWayResumesAtThePageItWasOnAndReadsEachRecordOnce() {
        SourceDefinition tenAPage = definition(10);
        PartnerCredentials credentials = settings();
        SourceProgress progress = new SourceProgress() { };
        PartnerSession session = PartnerSession.of("tiki", api(credentials), credentials, tokens, 2);
        ExecutionContext context = new ExecutionContext();
        TikiReader reader = new TikiReader(tenAPage, session, progress, Map.of());
        reader.open(context);
        List<String> landed = new ArrayList<>(ids(reader, 10));

        int listings = TIKI.requestCount(TikiOpenApiFake.PRODUCTS);
        TIKI.failNextListings(2);
        landed.addAll(ids(reader, 5));
        assertThat(TIKI.requestCount(TikiOpenApiFake.PRODUCTS)).as("page 2, asked again after two 500s")
                .isEqualTo(listings + 3);
        // The chunk of 15 is committed; the next page then fails past the retries and the step stops.
        reader.update(context);
        ids(reader, 5);
        TIKI.failNextListings(3);
        assertThatThrownBy(reader::read).isInstanceOf(SourceRequestException.class).hasMessageContaining("500");

        TikiReader restarted = new TikiReader(tenAPage, PartnerSession.of("tiki", api(credentials), credentials,
                tokens, 2), progress, Map.of());
        restarted.open(context);
        landed.addAll(ids(restarted, Integer.MAX_VALUE));

        assertThat(landed).containsExactlyElementsOf(Stream.concat(
                TIKI.productIds().stream().map(String::valueOf), TIKI.orderCodes().stream()).toList());
    }

    @Test
    void theTokensOutliveARestartAndEachNewPairIsStoredBeforeItIsUsed() {
        PartnerCredentials credentials = settings();
        PartnerApi stored = storedBeforeUse(api(credentials));
        PartnerSession first = PartnerSession.of("tiki", stored, credentials, tokens, 2);
        first.get(TikiOpenApiFake.PRODUCTS, FIRST_PRODUCT, new SourceProgress() { });
        assertThat(tokensWithout("refresh_token", tokens.load("tiki").orElseThrow().refreshToken()))
                .as("stored encrypted").isEqualTo(1);

        // A restart: a new store over the same table, as a new application context would make.
        PartnerTokenStore restarted = restartedTokenStore();
        PartnerToken kept = restarted.load("tiki").orElseThrow();
        assertThat(kept).usingRecursiveComparison().isEqualTo(tokens.load("tiki").orElseThrow());
        int tokenCalls = TIKI.requestCount(TikiOpenApiFake.TOKEN);

        // An hour on, the access token is due: the kept refresh token renews it, the new pair stored before its use.
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        PartnerSession afterRestart = new PartnerSession("tiki", stored, credentials, restarted, 2, later, wait -> { });
        afterRestart.get(TikiOpenApiFake.PRODUCTS, FIRST_PRODUCT, new SourceProgress() { });
        assertThat(TIKI.requestCount(TikiOpenApiFake.TOKEN)).isEqualTo(tokenCalls + 1);
        PartnerToken renewed = restarted.load("tiki").orElseThrow();
        assertThat(renewed.refreshToken()).isNotEqualTo(kept.refreshToken());

        // Killed between Tiki's answer to a refresh and the store's write: Tiki spent the stored refresh token, so
        // the next refresh is refused and says how to authorize again.
        api(credentials).refresh(renewed.refreshToken());
        PartnerSession afterKill = new PartnerSession("tiki", stored, credentials, restartedTokenStore(), 2,
                Clock.offset(Clock.systemUTC(), Duration.ofHours(2)), wait -> { });
        assertThatThrownBy(() -> afterKill.get(TikiOpenApiFake.PRODUCTS, FIRST_PRODUCT, new SourceProgress() { }))
                .isInstanceOf(PartnerApiException.class)
                .hasMessageContaining("invalid_grant").hasMessageContaining("DSS_SOURCES_TIKI_AUTH_CODE");
    }

    @Test
    void aRefreshTokenAnotherRunSpentGivesWayToThePairThatRunStored() {
        PartnerCredentials credentials = settings();
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        // The daily ETL and the 15-minute job, each with its session, both holding the stored pair.
        TikiApi api = api(credentials, clock, attempt -> { });
        PartnerSession daily = new PartnerSession("tiki", api, credentials, tokens, 2, clock, wait -> { });
        PartnerSession quarterHourly = new PartnerSession("tiki", api, credentials, tokens, 2, clock, wait -> { });
        daily.get(TikiOpenApiFake.PRODUCTS, FIRST_PRODUCT, new SourceProgress() { });
        quarterHourly.get(TikiOpenApiFake.PRODUCTS, FIRST_PRODUCT, new SourceProgress() { });
        PartnerToken shared = tokens.load("tiki").orElseThrow();

        now.set(now.get().plus(Duration.ofHours(1)));
        daily.get(TikiOpenApiFake.PRODUCTS, FIRST_PRODUCT, new SourceProgress() { });
        PartnerToken renewedByDaily = tokens.load("tiki").orElseThrow();
        int tokenCalls = TIKI.requestCount(TikiOpenApiFake.TOKEN);

        PartnerResponse answer = quarterHourly.get(TikiOpenApiFake.PRODUCTS, FIRST_PRODUCT, new SourceProgress() { });

        assertThat(answer.outcome()).isEqualTo(PartnerResponse.Outcome.OK);
        assertThat(TIKI.requestCount(TikiOpenApiFake.TOKEN)).as("its own refresh, refused").isEqualTo(tokenCalls + 1);
        assertThat(renewedByDaily.refreshToken()).isNotEqualTo(shared.refreshToken());
        assertThat(tokens.load("tiki").orElseThrow()).usingRecursiveComparison().isEqualTo(renewedByDaily);
    }

    /** Fails a call whose access token is not the one in the store: a new pair must be stored before it is used. */
    private PartnerApi storedBeforeUse(PartnerApi api) {
        return new PartnerApi() {
            @Override
            public String platform() {
                return api.platform();
            }

            @Override
            public PartnerToken exchangeCode(String authCode) {
                return api.exchangeCode(authCode);
            }

            @Override
            public PartnerToken refresh(String refreshToken) {
                return api.refresh(refreshToken);
            }

            @Override
            public Optional<PartnerToken> authorizeWithoutCode() {
                return api.authorizeWithoutCode();
            }

            @Override
            public PartnerResponse call(String apiPath, Map<String, ?> params, String accessToken) {
                assertThat(tokens.load("tiki").orElseThrow().accessToken()).as("the token in the store")
                        .isEqualTo(accessToken);
                return api.call(apiPath, params, accessToken);
            }
        };
    }

    private TikiApi api(PartnerCredentials credentials) {
        return api(credentials, Clock.systemUTC(), attempt -> { });
    }

    /** Tiki as the connector calls it, without a throttle and with two retries, timing tokens by {@code clock}. */
    private TikiApi api(PartnerCredentials credentials, Clock clock, LongConsumer onRetry) {
        URI base = TIKI.baseUri();
        return new TikiApi(base, base, connection(credentials, 2, clock, onRetry));
    }

    private void credentials(String secret, String authCode) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("app-key", TIKI.credentials().clientId());
        settings.put("app-secret", secret);
        if (authCode != null) {
            settings.put("auth-code", authCode);
        }
        settings.put("redirect-uri", TIKI.credentials().redirectUri());
        configure(settings);
    }

    private String latestUpdate(String runId, String entity) {
        return payloads(runId, entity).stream().map(p -> Instant.parse(p.getString("updated_at"))).max(Instant::compareTo)
                .orElseThrow().toString();
    }
}
