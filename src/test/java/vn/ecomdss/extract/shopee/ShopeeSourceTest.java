package vn.ecomdss.extract.shopee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.ecomdss.testsupport.StepExecutions.step;

import java.math.BigDecimal;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import tools.jackson.databind.JsonNode;

import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.partner.PartnerCredentials;
import vn.ecomdss.extract.partner.PartnerSession;
import vn.ecomdss.extract.partner.PartnerToken;
import vn.ecomdss.extract.partner.PartnerTokenStore;
import vn.ecomdss.lake.DataLake;
import vn.ecomdss.testsupport.PartnerSourceTestSupport;
import vn.ecomdss.testsupport.partners.ShopeeOpenPlatformFake;

/** The Shopee connector against the local Shopee Open Platform fake, through dss_etl on the shared platform. */
class ShopeeSourceTest extends PartnerSourceTestSupport {

    private static final Map<String, String> ONE_ITEM = Map.of("offset", "0", "page_size", "1", "item_status", "NORMAL");

    ShopeeSourceTest() {
        super("shopee");
    }

    @BeforeEach
    void shop() {
        SHOPEE.serveEverything();
        credentials(SHOPEE.credentials().partnerKey(), true);
    }

    @AfterEach
    void serveEverythingAgain() {
        SHOPEE.serveEverything();
    }

    @Test
    void aFullThenAnIncrementalRunLandExactlyTheShopsRecords() throws Exception {
        int orderListCalls = SHOPEE.requestCount(ShopeeOpenPlatformFake.GET_ORDER_LIST);
        JobExecution full = run("sh-full", "2026-10-02", "shopee", true);

        assertThat(full.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(full, "extract_shopee").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> itemIds = SHOPEE.itemIds().stream().map(String::valueOf).toList();
        assertThat(lakeIds("sh-full", "products")).containsExactlyInAnyOrderElementsOf(itemIds);
        assertThat(lakeIds("sh-full", "orders")).containsExactlyInAnyOrderElementsOf(SHOPEE.orderSns());
        assertThat(SHOPEE.requestCount(ShopeeOpenPlatformFake.GET_ORDER_LIST) - orderListCalls)
                .as("the first read's 30 days in two windows of at most 15 days, one page each").isEqualTo(2);
        // Staging is emptied once a run completes; what it staged is in the warehouse, one fact per order line.
        assertThat(jdbc.queryForList("select product_id from dw.dim_product where source = 'shopee' and is_current",
                String.class)).containsExactlyInAnyOrderElementsOf(itemIds);
        assertThat(count("select count(*) from dw.fact_sales where source = 'shopee' and run_id = 'sh-full'"))
                .isEqualTo(SHOPEE.orderLines());
        assertThat(jdbc.queryForList("select distinct order_id from dw.fact_sales where source = 'shopee'",
                String.class)).containsExactlyInAnyOrderElementsOf(SHOPEE.orderSns());
        assertThat(watermark("products")).isEqualTo(latestChange("sh-full", "products"));
        assertThat(watermark("orders")).isEqualTo(latestChange("sh-full", "orders"));

        String item = itemIds.get(3);
        Document order = payloads("sh-full", "orders").stream()
                .filter(o -> List.of("UNPAID", "READY_TO_SHIP", "SHIPPED").contains(o.getString("order_status")))
                .findFirst().orElseThrow();
        String orderSn = order.getString("order_sn");
        SHOPEE.updateItems(Long.parseLong(item));
        SHOPEE.updateOrders(orderSn);
        awaitClockPastChanges();
        // What sat at a watermark and did not change since; the item and the order just changed land as changed,
        // even when an earlier change had stamped them with the watermark's second.
        long atWatermark = payloads("sh-full", "products").stream()
                .filter(p -> p.getString("update_time").equals(latestChange("sh-full", "products")))
                .filter(p -> !String.valueOf(p.get("item_id")).equals(item)).count()
                + payloads("sh-full", "orders").stream()
                .filter(o -> o.getString("update_time").equals(latestChange("sh-full", "orders")))
                .filter(o -> !o.getString("order_sn").equals(orderSn)).count()
                + payloads("sh-full", "returns").stream()
                .filter(r -> r.getString("update_time").equals(latestChange("sh-full", "returns"))).count();
        orderListCalls = SHOPEE.requestCount(ShopeeOpenPlatformFake.GET_ORDER_LIST);
        JobExecution incremental = run("sh-inc", "2026-10-05", "shopee", false);

        assertThat(incremental.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(lakeIds("sh-inc", "products")).containsExactly(item);
        assertThat(lakeIds("sh-inc", "orders")).containsExactly(orderSn);
        assertThat(lakeIds("sh-inc", "returns")).isEmpty();
        assertThat(step(incremental, "extract_shopee").getExecutionContext().getLong("extract.unchanged"))
                .as("only the records at the watermarks themselves, which the update-time filters include")
                .isEqualTo(atWatermark);
        assertThat(SHOPEE.requestCount(ShopeeOpenPlatformFake.GET_ORDER_LIST) - orderListCalls).isEqualTo(1);
        String moved = switch (order.getString("order_status")) {
            case "UNPAID" -> "ready_to_ship";
            case "READY_TO_SHIP" -> "shipped";
            default -> "completed";
        };
        assertThat(jdbc.queryForList("select distinct order_status from dw.fact_sales where source = 'shopee' "
                + "and order_id = ?", String.class, orderSn)).containsExactly(moved);
        assertThat(watermark("products")).isEqualTo(latestChange("sh-inc", "products"));
        assertThat(watermark("orders")).isEqualTo(latestChange("sh-inc", "orders"));
    }

    @Test
    void theShopsReturnsLandInFactReturnExactlyAndReadingThemAgainChangesNothing() throws Exception {
        JobExecution full = run("sh-returns", "2026-10-02", "shopee", true);

        assertThat(full.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        JsonNode served = session(api(settings())).get(ShopeeOpenPlatformFake.GET_RETURN_LIST,
                Map.of("page_no", "0", "page_size", "100"), new SourceProgress() { }).body().path("response").path("return");
        assertThat(served).hasSize(2);
        List<Map<String, Object>> facts = returnFacts();
        assertThat(facts).hasSize(served.size());
        for (JsonNode expected : served) {
            Map<String, Object> fact = facts.stream().filter(f -> f.get("return_id").equals(expected.path("return_sn").asString()))
                    .findFirst().orElseThrow();
            JsonNode item = expected.path("item").get(0);
            Instant returnedAt = Instant.ofEpochSecond(expected.path("create_time").asLong());
            assertThat(fact).containsEntry("order_id", expected.path("order_sn").asString())
                    .containsEntry("product_id", item.path("item_id").asString())
                    .containsEntry("quantity", item.path("amount").asInt())
                    .containsEntry("currency", "VND")
                    .containsEntry("reason", expected.path("reason").asString())
                    .containsEntry("reason_text", expected.path("text_reason").asString())
                    .containsEntry("status", expected.path("status").asString().toLowerCase(java.util.Locale.ROOT))
                    .containsEntry("returned_at", Timestamp.from(returnedAt))
                    .containsEntry("date_key", Integer.parseInt(returnedAt.atZone(ZoneId.of("Asia/Ho_Chi_Minh"))
                            .toLocalDate().toString().replace("-", "")))
                    .containsEntry("run_id", "sh-returns");
            assertThat((BigDecimal) fact.get("refund_amount")).isEqualByComparingTo(expected.path("refund_amount").asString());
            assertThat((BigDecimal) fact.get("refund_vnd")).isEqualByComparingTo(expected.path("refund_amount").asString());
            assertThat(fact.get("product_key")).isEqualTo(jdbc.queryForObject("""
                    select product_key from dw.dim_product
                    where source = 'shopee' and product_id = ? and is_current and not is_inferred
                    """, Long.class, item.path("item_id").asString()));
        }

        // The returns are read again in full: the upsert on (source, return id) finds nothing changed.
        jdbc.update("delete from ops.source_watermark where source = 'shopee' and entity = 'returns'");
        JobExecution again = run("sh-returns-again", "2026-10-03", "shopee", false);

        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(lakeIds("sh-returns-again", "returns")).hasSize(served.size());
        assertThat(returnFacts()).isEqualTo(facts);
    }

    @Test
    void aWrongPartnerKeyIsRefusedAndOnlyShopeeFailsWhileTheOtherSourcesComplete() throws Exception {
        credentials("not-the-partner-key", true);

        JobExecution execution = run("sh-badsign", "2026-10-03", "shopee,fakestore", false);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "extract_shopee").getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(execution, "extract_shopee").getExitStatus().getExitDescription())
                .contains("source shopee failed", "error_sign", "Wrong sign.", "DSS_SOURCES_SHOPEE_APP_SECRET");
        assertThat(step(execution, "extract_fakestore").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "load_facts").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(tokens.load("shopee")).isEmpty();
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheRunCompletes() throws Exception {
        assertThat(run("sh-token-1", "2026-10-02", "shopee", true).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        PartnerToken first = tokens.load("shopee").orElseThrow();
        SHOPEE.expireAccessTokens();
        int refreshes = SHOPEE.requestCount(ShopeeOpenPlatformFake.ACCESS_TOKEN_GET);

        JobExecution second = run("sh-token-2", "2026-10-03", "shopee", false);

        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(second, "extract_shopee").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(SHOPEE.requestCount(ShopeeOpenPlatformFake.ACCESS_TOKEN_GET) - refreshes).isEqualTo(1);
        assertThat(step(second, "extract_shopee").getExecutionContext().getLong("extract.unchanged"))
                .as("the listings were read with the new token").isPositive();
        PartnerToken renewed = tokens.load("shopee").orElseThrow();
        assertThat(renewed.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(renewed.accessToken()).isNotEqualTo(first.accessToken());
    }

    @Test
    void tooManyRequestsAnswersAreWaitedOutAndRetried() throws Exception {
        SHOPEE.answerRateLimitNext(2);
        long started = System.nanoTime();

        JobExecution execution = run("sh-limited", "2026-10-02", "shopee", true);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "extract_shopee").getExecutionContext().getLong("extract.retries")).isEqualTo(2);
        // The client backs off at least 250 ms, then 500 ms, when Shopee's 429 says nothing of how long to wait.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(750));
        assertThat(lakeIds("sh-limited", "products")).hasSize(SHOPEE.itemIds().size());
    }

    @Test
    void withoutCredentialsOrWithoutTheShopIdTheSourceIsSkippedNamingTheVariables() throws Exception {
        Map<String, Integer> before = SHOPEE.requestCounts();
        withdrawCredentials();

        JobExecution none = run("sh-none", "2026-10-02", "shopee", false);
        credentials(SHOPEE.credentials().partnerKey(), false);
        JobExecution noShop = run("sh-no-shop", "2026-10-02", "shopee", false);

        String skipped = "skipped: shopee: no credentials (DSS_SOURCES_SHOPEE_APP_KEY, DSS_SOURCES_SHOPEE_APP_SECRET, "
                + "DSS_SOURCES_SHOPEE_AUTH_CODE, DSS_SOURCES_SHOPEE_SHOP_ID)";
        for (JobExecution execution : List.of(none, noShop)) {
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(step(execution, "extract_shopee").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(step(execution, "extract_shopee").getExitStatus().getExitDescription()).contains(skipped);
        }
        assertThat(SHOPEE.requestCounts()).isEqualTo(before);
    }

    @Test
    void anOrderTheDetailCallLeftOutIsAskedForAgainThenQuarantinedAndReadByTheNextRun() throws Exception {
        String recovered = SHOPEE.orderSns().get(10);
        String lost = SHOPEE.orderSns().get(20);
        SHOPEE.withholdOrdersOnce(recovered);
        SHOPEE.withholdOrders(lost);

        JobExecution partial = run("sh-partial", "2026-10-02", "shopee", true);

        // One order in sixty is under the daily ETL's 5% raw threshold: the run completes without it.
        assertThat(partial.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(lakeIds("sh-partial", "orders")).containsExactlyInAnyOrderElementsOf(SHOPEE.orderSns());
        Document landed = payloads("sh-partial", "orders").stream().filter(o -> o.getString("order_sn").equals(lost))
                .findFirst().orElseThrow();
        assertThat(landed.getString("detail_missing"))
                .contains(ShopeeOpenPlatformFake.GET_ORDER_DETAIL + " left " + lost + " out twice", "not found");
        assertThat(lake.quarantinedCount("sh-partial", "shopee")).isEqualTo(1);
        Document quarantined = lake.template().findOne(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("run_id").is("sh-partial")
                        .and("source").is("shopee")), Document.class, DataLake.QUARANTINE);
        assertThat(quarantined.getString("natural_id")).isEqualTo(lost);
        assertThat(quarantined.getString("reason")).contains("/item_list is missing");
        // A full refresh rebuilds from every accepted envelope, so an earlier run's copy of the order may be loaded;
        // what this run landed without lines is not.
        assertThat(count("select count(*) from dw.fact_sales where source = 'shopee' and envelope_id = ?",
                quarantined.getString("envelope_id"))).isZero();
        assertThat(count("select count(*) from dw.fact_sales where source = 'shopee' and order_id = ?", recovered))
                .isEqualTo(lines("sh-partial", recovered));
        assertThat(Instant.parse(watermark("orders"))).as("held before the window the lost order was listed in")
                .isBefore(Instant.parse(latestChange("sh-partial", "orders")));

        SHOPEE.serveEverything();
        JobExecution next = run("sh-partial-next", "2026-10-03", "shopee", false);

        assertThat(next.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(lakeIds("sh-partial-next", "orders")).contains(lost);
        assertThat(lake.quarantinedCount("sh-partial-next", "shopee")).isZero();
        assertThat(count("select count(*) from dw.fact_sales where source = 'shopee' and order_id = ?", lost))
                .isEqualTo(lines("sh-partial-next", lost));
        assertThat(watermark("orders")).isEqualTo(latestChange("sh-partial-next", "orders"));
    }

    @Test
    void theTokensOutliveARestartAndAnInterruptedRefreshLosesNoRefreshToken() {
        PartnerCredentials credentials = settings();
        ShopeeApi api = api(credentials);
        int refreshes = SHOPEE.requestCount(ShopeeOpenPlatformFake.ACCESS_TOKEN_GET);
        session(api).get(ShopeeOpenPlatformFake.GET_ITEM_LIST, ONE_ITEM, new SourceProgress() { });
        assertThat(tokensWithout("refresh_token", tokens.load("shopee").orElseThrow().refreshToken()))
                .as("stored encrypted").isEqualTo(1);

        // A restart: a new store over the same table, as a new application context would make.
        PartnerTokenStore restarted = restartedTokenStore();
        PartnerToken stored = restarted.load("shopee").orElseThrow();
        assertThat(stored).usingRecursiveComparison().isEqualTo(tokens.load("shopee").orElseThrow());

        // The kill: Shopee answered the refresh, the process died before the store's write.
        api.refresh(stored.refreshToken());
        assertThat(restarted.load("shopee").orElseThrow().refreshToken()).isEqualTo(stored.refreshToken());

        // After the restart the access token is due (5 hours on, past its 4); the kept refresh token still renews it.
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(5));
        PartnerSession afterRestart = new PartnerSession("shopee", api, credentials, restartedTokenStore(), 2, later,
                wait -> { });
        assertThat(afterRestart.get(ShopeeOpenPlatformFake.GET_ITEM_LIST, ONE_ITEM, new SourceProgress() { })
                .body().path("error").asString()).isEmpty();
        assertThat(SHOPEE.requestCount(ShopeeOpenPlatformFake.ACCESS_TOKEN_GET) - refreshes).isEqualTo(2);
        assertThat(restarted.load("shopee").orElseThrow().refreshToken()).isNotEqualTo(stored.refreshToken());
    }

    /** The connector's own client, unthrottled, for what a test asks of the fake beside the runs. */
    private ShopeeApi api(PartnerCredentials credentials) {
        URI base = SHOPEE.baseUri();
        return new ShopeeApi(base, base, connection(credentials, n -> { }));
    }

    private PartnerSession session(ShopeeApi api) {
        return PartnerSession.of("shopee", api, settings(), tokens, 2);
    }

    private void credentials(String partnerKey, boolean withShopId) {
        ShopeeOpenPlatformFake.Credentials shop = SHOPEE.credentials();
        Map<String, Object> settings = new HashMap<>();
        settings.put("app-key", Long.toString(shop.partnerId()));
        settings.put("app-secret", partnerKey);
        settings.put("auth-code", SHOPEE.authorizeShop());
        if (withShopId) {
            settings.put("shop-id", Long.toString(shop.shopId()));
        }
        configure(settings);
    }

    /**
     * The fake stamps each change with a second of its own, pushing its clock ahead of the wall clock when changes
     * come faster than one a second; a run reads up to the wall clock, so it starts once that has caught up.
     */
    private void awaitClockPastChanges() {
        long changed = SHOPEE.timestamp();
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().getEpochSecond() >= changed);
    }

    private List<Map<String, Object>> returnFacts() {
        return jdbc.queryForList("""
                select return_id, order_id, product_id, product_key, quantity, refund_amount, currency, refund_vnd,
                       reason, reason_text, status, returned_at, date_key, run_id, envelope_id, loaded_at
                from dw.fact_return where source = 'shopee' order by return_id
                """);
    }

    /** How many lines the run landed for the order. */
    private long lines(String runId, String orderSn) {
        return payloads(runId, "orders").stream().filter(o -> o.getString("order_sn").equals(orderSn))
                .mapToLong(o -> o.getList("item_list", Document.class).size()).findFirst().orElseThrow();
    }

    /** The latest update time the run landed for the entity, as the watermark writes it. */
    private String latestChange(String runId, String entity) {
        return payloads(runId, entity).stream().map(p -> p.getString("update_time")).filter(java.util.Objects::nonNull)
                .map(Instant::parse).max(Instant::compareTo).map(Instant::toString).orElse(null);
    }
}
