package vn.ecomdss.extract.lazada;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ecomdss.testsupport.StepExecutions.step;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.partner.PartnerCredentials;
import vn.ecomdss.extract.partner.PartnerSession;
import vn.ecomdss.extract.partner.PartnerToken;
import vn.ecomdss.extract.partner.PartnerTokenStore;
import vn.ecomdss.testsupport.LazadaFakeServer;
import vn.ecomdss.testsupport.PartnerSourceTestSupport;

/** The Lazada connector against the local fake, through dss_etl on the shared platform. */
class LazadaSourceTest extends PartnerSourceTestSupport {

    LazadaSourceTest() {
        super("lazada");
    }

    @BeforeEach
    void seller() {
        LAZADA.reset();
        credentials(LazadaFakeServer.APP_SECRET);
    }

    @AfterEach
    void resetTheFake() {
        LAZADA.reset();
    }

    @Test
    void aFullThenAnIncrementalRunLandExactlyTheSellersRecords() throws Exception {
        JobExecution full = run("lz-full", "2026-10-02", "lazada", true);

        assertThat(full.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(full, "extract_lazada").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> productIds = IntStream.rangeClosed(1, LazadaFakeServer.PRODUCTS)
                .mapToObj(n -> Long.toString(LazadaFakeServer.productId(n))).toList();
        List<String> orderIds = IntStream.rangeClosed(1, LazadaFakeServer.ORDERS)
                .mapToObj(n -> Long.toString(LazadaFakeServer.orderId(n))).toList();
        assertThat(lakeIds("lz-full", "products")).containsExactlyInAnyOrderElementsOf(productIds);
        assertThat(lakeIds("lz-full", "orders")).containsExactlyInAnyOrderElementsOf(orderIds);
        // Staging is emptied once a run completes; what it staged is in the warehouse, one fact per order item.
        assertThat(jdbc.queryForList("select product_id from dw.dim_product where source = 'lazada' and is_current",
                String.class)).containsExactlyInAnyOrderElementsOf(productIds);
        assertThat(count("select count(*) from dw.fact_sales where source = 'lazada' and run_id = 'lz-full'"))
                .isEqualTo(LAZADA.orderLines());
        assertThat(jdbc.queryForList("select distinct order_id from dw.fact_sales where source = 'lazada'",
                String.class)).containsExactlyInAnyOrderElementsOf(orderIds);
        String productMark = watermark("products");
        assertThat(productMark).isEqualTo(Instant.parse("2026-10-01T02:00:00Z").plus(Duration.ofHours(12)).toString());

        LAZADA.updateProduct(3, Instant.parse("2026-10-05T08:00:00Z"));
        LAZADA.updateOrder(2, Instant.parse("2026-10-05T09:00:00Z"));
        JobExecution incremental = run("lz-inc", "2026-10-05", "lazada", false);

        assertThat(incremental.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(LAZADA.requests()).anySatisfy(r -> assertThat(r).startsWith("/products/get?")
                .contains("update_after=2026-10-01T14:00:00Z"));
        assertThat(lakeIds("lz-inc", "products")).containsExactly(Long.toString(LazadaFakeServer.productId(3)));
        assertThat(lakeIds("lz-inc", "orders")).containsExactly(Long.toString(LazadaFakeServer.orderId(2)));
        assertThat(step(incremental, "extract_lazada").getExecutionContext().getLong("extract.unchanged"))
                .as("the products and orders at the watermark itself, which update_after includes").isEqualTo(2);
        assertThat(jdbc.queryForObject("select price from dw.dim_product where source = 'lazada' and product_id = ? "
                + "and is_current", java.math.BigDecimal.class, Long.toString(LazadaFakeServer.productId(3))))
                .isEqualByComparingTo("123000");
        assertThat(watermark("products")).isEqualTo("2026-10-05T08:00:00Z");
    }

    @Test
    void aWrongSecretIsRefusedAndOnlyLazadaFailsWhileTheOtherSourcesComplete() throws Exception {
        credentials("not-the-secret");

        JobExecution execution = run("lz-badsign", "2026-10-03", "lazada,fakestore", false);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "extract_lazada").getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(execution, "extract_lazada").getExitStatus().getExitDescription())
                .contains("source lazada failed", "IncompleteSignature", "DSS_SOURCES_LAZADA_APP_SECRET");
        assertThat(step(execution, "extract_fakestore").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "load_facts").getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheRunCompletes() throws Exception {
        assertThat(run("lz-token-1", "2026-10-02", "lazada", true).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        PartnerToken first = tokens.load("lazada").orElseThrow();
        LAZADA.expireAccessTokens();

        JobExecution second = run("lz-token-2", "2026-10-03", "lazada", true);

        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(LAZADA.refreshes()).isEqualTo(1);
        assertThat(lakeIds("lz-token-2", "products")).hasSize(LazadaFakeServer.PRODUCTS);
        assertThat(tokens.load("lazada").orElseThrow().refreshToken()).isNotEqualTo(first.refreshToken());
    }

    @Test
    void anApiCallLimitAndA429AreWaitedOutAsTold() throws Exception {
        LAZADA.limitNextCalls(1);
        LAZADA.tooManyRequestsNext(1);
        long started = System.nanoTime();

        JobExecution execution = run("lz-limited", "2026-10-02", "lazada", true);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(step(execution, "extract_lazada").getExecutionContext().getLong("extract.retries")).isEqualTo(2);
        assertThat(lakeIds("lz-limited", "products")).hasSize(LazadaFakeServer.PRODUCTS);
    }

    @Test
    void withoutCredentialsTheSourceIsSkippedWithTheVariablesToSetAndTheJobCompletes() throws Exception {
        withdrawCredentials();

        JobExecution execution = run("lz-none", "2026-10-02", "lazada", false);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "extract_lazada").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "extract_lazada").getExitStatus().getExitDescription()).contains(
                "skipped: lazada: no credentials (DSS_SOURCES_LAZADA_APP_KEY, DSS_SOURCES_LAZADA_APP_SECRET, "
                        + "DSS_SOURCES_LAZADA_AUTH_CODE)");
        assertThat(LAZADA.requests()).isEmpty();
    }

    @Test
    void anOrderWhoseItemsTheBatchCallLostIsQuarantinedWhileTheOthersLand() throws Exception {
        LAZADA.loseItemsOf(5);
        // One order in eight is past the daily ETL's 5% raw threshold, so the gate is checked on the step alone.
        JobExecution extract = runEtlStep("extract_lazada", "lz-partial", "2026-10-02", "lazada", true);

        assertThat(extract.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(lakeIds("lz-partial", "orders")).hasSize(LazadaFakeServer.ORDERS);
        runEtlStep("quality_check_raw", "lz-partial", "2026-10-02", "lazada", true);
        assertThat(lake.quarantinedCount("lz-partial", "lazada")).isEqualTo(1);
    }

    @Test
    void theTokensOutliveARestartAndAnInterruptedRefreshLosesNoRefreshToken() {
        PartnerCredentials credentials = settings();
        LazadaApi api = api(credentials);
        PartnerSession first = PartnerSession.of("lazada", api, credentials, tokens, 2);
        first.get("/products/get", Map.of("filter", "all", "offset", "0", "limit", "1"), new SourceProgress() { });
        assertThat(tokensWithout("refresh_token", tokens.load("lazada").orElseThrow().refreshToken()))
                .as("stored encrypted").isEqualTo(1);

        // A restart: a new store over the same table, as a new application context would make.
        PartnerTokenStore restarted = restartedTokenStore();
        PartnerToken stored = restarted.load("lazada").orElseThrow();
        assertThat(stored).usingRecursiveComparison().isEqualTo(tokens.load("lazada").orElseThrow());

        // The kill: Lazada answered the refresh, the process died before the store's write.
        api.refresh(stored.refreshToken());
        assertThat(restarted.load("lazada").orElseThrow().refreshToken()).isEqualTo(stored.refreshToken());

        // After the restart the access token is due (31 days on); the kept refresh token still renews it.
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(31));
        PartnerSession afterRestart = new PartnerSession("lazada", api, credentials, restartedTokenStore(), 2, later,
                wait -> { });
        assertThat(afterRestart.get("/products/get", Map.of("filter", "all", "offset", "0", "limit", "1"),
                new SourceProgress() { }).code()).isEqualTo("0");
        assertThat(LAZADA.refreshes()).isEqualTo(2);
        assertThat(restarted.load("lazada").orElseThrow().refreshToken()).isNotEqualTo(stored.refreshToken());
    }

    private LazadaApi api(PartnerCredentials credentials) {
        URI base = URI.create(LAZADA.baseUri() + "/rest");
        return new LazadaApi(base, base, connection(credentials, n -> { }));
    }

    private void credentials(String secret) {
        configure(Map.of("app-key", LazadaFakeServer.APP_KEY, "app-secret", secret,
                "auth-code", LazadaFakeServer.AUTH_CODE));
    }
}
