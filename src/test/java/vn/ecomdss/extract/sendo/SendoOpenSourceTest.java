package vn.ecomdss.extract.sendo;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ecomdss.testsupport.StepExecutions.step;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.partner.PartnerCredentials;
import vn.ecomdss.extract.partner.PartnerSession;
import vn.ecomdss.extract.partner.PartnerToken;
import vn.ecomdss.extract.partner.PartnerTokenStore;
import vn.ecomdss.pipeline.SourceDefinition;
import vn.ecomdss.testsupport.PartnerSourceTestSupport;
import vn.ecomdss.testsupport.partners.SendoOpenApiFake;

/**
 * The Sendo Open API connector against the local fake: through dss_etl on the shared platform, and its reader driven
 * directly where a test must stop it mid-walk (a 500 on the third page, a restart after the page tokens expired).
 */
class SendoOpenSourceTest extends PartnerSourceTestSupport {

    private static final String SOURCE = "sendo-open";
    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    /** Before the shop's first order (placed eleven days ago), so a full refresh reads every order. */
    private LocalDate earliest;

    SendoOpenSourceTest() {
        super(SOURCE);
    }

    @BeforeEach
    void shop() {
        earliest = SENDO_OPEN.today().minusDays(12);
        credentials(SENDO_OPEN.credentials().secretKey());
    }

    @Test
    void aFullThenAnIncrementalRunLandExactlyTheShopsRecords() throws Exception {
        int searchesBefore = SENDO_OPEN.searches().size();
        JobExecution full = run("so-full", SOURCE, true);

        assertThat(full.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(full, "extract_sendo_open").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> productIds = SENDO_OPEN.productIds().stream().map(String::valueOf).toList();
        assertThat(lakeIds("so-full", "products")).containsExactlyInAnyOrderElementsOf(productIds);
        assertThat(lakeIds("so-full", "orders")).containsExactlyInAnyOrderElementsOf(SENDO_OPEN.orderNumbers());
        assertThat(jdbc.queryForList("select product_id from dw.dim_product where source = ? and is_current",
                String.class, SOURCE)).containsExactlyInAnyOrderElementsOf(productIds);
        assertThat(count("select count(*) from dw.fact_sales where source = ?", SOURCE))
                .as("one fact per sku_details line").isEqualTo(SENDO_OPEN.orderLines());
        assertThat(jdbc.queryForList("select distinct order_id from dw.fact_sales where source = ?", String.class,
                SOURCE)).containsExactlyInAnyOrderElementsOf(SENDO_OPEN.orderNumbers());
        // Every order search gave both status dates, at most three days apart, the windows following each other
        // from the earliest date to today; the full product search gave no date.
        List<SendoOpenApiFake.Search> fullSearches = searchesSince(searchesBefore);
        assertThat(fullSearches).filteredOn(s -> s.path().equals(SendoOpenApiFake.PRODUCT_SEARCH))
                .allSatisfy(s -> assertThat(s.body().has("date_from")).isFalse());
        LocalDate windowStart = earliest;
        for (SendoOpenApiFake.Search search : fullSearches) {
            if (search.path().equals(SendoOpenApiFake.ORDER_SEARCH)) {
                LocalDate from = LocalDate.parse(search.body().path("order_status_date_from").asString(), SLASHED);
                LocalDate to = LocalDate.parse(search.body().path("order_status_date_to").asString(), SLASHED);
                assertThat(from).isEqualTo(windowStart);
                assertThat(to).isBetween(from, from.plusDays(2));
                windowStart = to.plusDays(1);
            }
        }
        assertThat(windowStart).as("the last window ends today").isEqualTo(SENDO_OPEN.today().plusDays(1));
        List<Document> products = payloads("so-full", "products");
        assertThat(products).allSatisfy(p -> assertThat(p.getString("updated_at_iso"))
                .isEqualTo(Instant.ofEpochSecond(p.get("updated_at_timestamp", Number.class).longValue()).toString()));
        String productMark = products.stream().map(p -> Instant.parse(p.getString("updated_at_iso"))).max(Instant::compareTo)
                .orElseThrow().toString();
        assertThat(watermark("products")).isEqualTo(productMark);
        String orderMark = watermark("orders");

        Document changedProduct = products.stream().filter(p -> p.get("stock_quantity", Number.class).intValue() > 0)
                .findFirst().orElseThrow();
        String changedId = changedProduct.get("id").toString();
        String changedOrder = SENDO_OPEN.orderNumbers().get(7);
        SENDO_OPEN.updateProducts(Long.parseLong(changedId));
        SENDO_OPEN.updateOrders(changedOrder);
        int searchesBeforeIncremental = SENDO_OPEN.searches().size();
        JobExecution incremental = run("so-inc", SOURCE, false);

        assertThat(incremental.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(lakeIds("so-inc", "products")).containsExactly(changedId);
        assertThat(lakeIds("so-inc", "orders")).containsExactly(changedOrder);
        List<SendoOpenApiFake.Search> incrementalSearches = searchesSince(searchesBeforeIncremental);
        assertThat(incrementalSearches).filteredOn(s -> s.path().equals(SendoOpenApiFake.PRODUCT_SEARCH))
                .first().satisfies(s -> {
                    assertThat(s.body().path("date_from").asString()).isEqualTo(day(productMark));
                    assertThat(s.body().path("date_to").asString()).isEqualTo(SENDO_OPEN.today().format(SLASHED));
                });
        assertThat(incrementalSearches).filteredOn(s -> s.path().equals(SendoOpenApiFake.ORDER_SEARCH))
                .first().satisfies(s -> assertThat(s.body().path("order_status_date_from").asString())
                        .isEqualTo(day(orderMark)));
        // The searches filter by day, so what else changed on the watermarks' days came back and was passed over.
        long sameDayProducts = products.stream().filter(p -> !p.get("id").toString().equals(changedId))
                .filter(p -> day(p.getString("updated_at_iso")).compareTo(day(productMark)) >= 0).count();
        long sameDayOrders = payloads("so-full", "orders").stream()
                .map(o -> o.get("sales_order", Document.class))
                .filter(o -> !o.getString("order_number").equals(changedOrder))
                .filter(o -> day(o.getString("order_status_date_iso")).compareTo(day(orderMark)) >= 0).count();
        assertThat(step(incremental, "extract_sendo_open").getExecutionContext().getLong("extract.unchanged"))
                .isEqualTo(sameDayProducts + sameDayOrders);
        assertThat(jdbc.queryForObject("select stock from dw.dim_product where source = ? and product_id = ? "
                + "and is_current", Integer.class, SOURCE, changedId))
                .isEqualTo(changedProduct.get("stock_quantity", Number.class).intValue() - 1);
        assertThat(Instant.parse(watermark("products"))).isAfter(Instant.parse(productMark));
        assertThat(Instant.parse(watermark("orders"))).isAfter(Instant.parse(orderMark));
    }

    @Test
    void aWrongSecretKeyIsRefusedAndOnlySendoOpenFailsWhileTheOtherSourcesComplete() throws Exception {
        credentials("not-the-secret-key");

        JobExecution execution = run("so-badkey", SOURCE + ",fakestore", false);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "extract_sendo_open").getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(execution, "extract_sendo_open").getExitStatus().getExitDescription())
                .contains("source sendo-open failed", "/login", "401", "DSS_SOURCES_SENDO_OPEN_APP_SECRET");
        assertThat(step(execution, "extract_fakestore").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "load_facts").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(tokens.load(SOURCE)).isEmpty();
    }

    @Test
    void anExpiredTokenIsReplacedByOneNewLoginAndTheRunCompletes() throws Exception {
        PartnerCredentials credentials = settings();
        PartnerSession.of(SOURCE, api(credentials), credentials, tokens, 2)
                .get(SendoOpenApiFake.PRODUCT_SEARCH, Map.of("page_size", 1), new SourceProgress() { });
        PartnerToken first = tokens.load(SOURCE).orElseThrow();
        int logins = SENDO_OPEN.requestCount(SendoOpenApiFake.LOGIN);
        SENDO_OPEN.expireTokens();

        JobExecution execution = run("so-token", SOURCE, true);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(SENDO_OPEN.requestCount(SendoOpenApiFake.LOGIN) - logins).isEqualTo(1);
        assertThat(step(execution, "extract_sendo_open").getExecutionContext().getLong("extract.retries")).isEqualTo(1);
        assertThat(lakeIds("so-token", "products")).hasSize(SENDO_OPEN.productIds().size());
        assertThat(lakeIds("so-token", "orders")).hasSize(SENDO_OPEN.orderNumbers().size());
        assertThat(tokens.load(SOURCE).orElseThrow().accessToken()).isNotEqualTo(first.accessToken());
    }

    @Test
    void aSpentHourlyQuotaIsWaitedOutAsRetryAfterSays() throws Exception {
        // The job's first request, however long the job takes to send it, finds the hour's quota spent with two
        // seconds of the fake's hour to go (the fake moves its clock when that request arrives): it is answered 429
        // with a Retry-After of two seconds, and the new hour's quota serves the rest. Asked again any sooner, it
        // would be refused again; so one refusal, one retry, and a retry in the next hour show the wait was honoured.
        int answeredBefore = SENDO_OPEN.answered().size();
        SENDO_OPEN.exhaustRateLimitAtNextRequest(Duration.ofSeconds(2));
        JobExecution execution;
        try {
            execution = run("so-limited", SOURCE, true);
        } finally {
            SENDO_OPEN.rewindRateLimitClock();
        }

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<SendoOpenApiFake.Answered> answered = SENDO_OPEN.answered().subList(answeredBefore,
                SENDO_OPEN.answered().size());
        assertThat(answered).filteredOn(a -> a.status() == 429).as("refused once").hasSize(1);
        SendoOpenApiFake.Answered refused = answered.get(0);
        SendoOpenApiFake.Answered retried = answered.get(1);
        assertThat(refused.status()).as("the first request").isEqualTo(429);
        assertThat(retried.path()).isEqualTo(refused.path());
        assertThat(retried.status()).isEqualTo(200);
        Instant hourEnd = Instant.ofEpochSecond((refused.at().getEpochSecond() / 3600 + 1) * 3600);
        assertThat(retried.at()).as("asked again once the hour Retry-After named had ended").isAfterOrEqualTo(hourEnd);
        assertThat(step(execution, "extract_sendo_open").getExecutionContext().getLong("extract.retries")).isEqualTo(1);
        assertThat(lakeIds("so-limited", "products")).hasSize(SENDO_OPEN.productIds().size());
        assertThat(lakeIds("so-limited", "orders")).hasSize(SENDO_OPEN.orderNumbers().size());
    }

    @Test
    void withoutCredentialsTheSourceIsSkippedWithTheVariablesToSetAndTheJobCompletes() throws Exception {
        withdrawCredentials();
        Map<String, Integer> requestsBefore = SENDO_OPEN.requestCounts();

        JobExecution execution = run("so-none", SOURCE, false);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "extract_sendo_open").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(execution, "extract_sendo_open").getExitStatus().getExitDescription()).contains(
                "skipped: sendo-open: no credentials (DSS_SOURCES_SENDO_OPEN_APP_KEY, DSS_SOURCES_SENDO_OPEN_APP_SECRET)");
        assertThat(SENDO_OPEN.requestCounts()).isEqualTo(requestsBefore);
    }

    @Test
    void a500OnTheThirdPageIsRetriedWithItsPageTokenAndEachProductIsReadOnce() {
        Progress progress = new Progress();
        SendoOpenReader reader = reader(definition(7, "products"), progress);
        reader.open(new ExecutionContext());

        List<String> landed = ids(reader, 10);
        SENDO_OPEN.failNextSearches(2);
        landed.addAll(ids(reader, Integer.MAX_VALUE));

        assertThat(landed).containsExactlyElementsOf(SENDO_OPEN.productIds().stream().map(String::valueOf).toList());
        assertThat(progress.retries).hasValue(2);
    }

    @Test
    void aRestartAfterThePageTokensExpiredWalksAgainAndPassesOverWhatWasWritten() {
        SourceDefinition products = definition(7, "products");
        ExecutionContext context = new ExecutionContext();
        List<String> written = writtenBeforeAFailure(products, context, 10);
        int searchesBefore = SENDO_OPEN.searches().size();
        Progress progress = new Progress();
        List<String> rest;
        SENDO_OPEN.advanceClock(Duration.ofMinutes(11));
        try {
            rest = restartedRead(products, context, progress);
        } finally {
            SENDO_OPEN.advanceClock(Duration.ofMinutes(-11));
        }

        List<String> all = new ArrayList<>(written);
        all.addAll(rest);
        assertThat(all).containsExactlyElementsOf(SENDO_OPEN.productIds().stream().map(String::valueOf).toList());
        assertThat(progress.unchanged).hasValue(10);
        assertThat(searchesSince(searchesBefore).get(0).body().path("token").asString())
                .as("the walk starts again without the expired token").isEmpty();
    }

    @Test
    void aRestartReadsAgainARecordChangedSinceItWasWritten() {
        SourceDefinition products = definition(7, "products");
        ExecutionContext context = new ExecutionContext();
        List<String> written = writtenBeforeAFailure(products, context, 10);
        SENDO_OPEN.updateProducts(Long.parseLong(written.get(2)));

        Progress progress = new Progress();
        List<String> rest = restartedRead(products, context, progress);

        List<String> expected = new ArrayList<>(List.of(written.get(2)));
        SENDO_OPEN.productIds().stream().skip(10).map(String::valueOf).forEach(expected::add);
        assertThat(rest).containsExactlyElementsOf(expected);
        assertThat(progress.unchanged).hasValue(9);
    }

    @Test
    void aRestartAfterAnOrderLeftItsWindowReadsTheWholeWalkAgainAndLosesNone() {
        SourceDefinition orders = definition(50, "orders");
        ExecutionContext context = new ExecutionContext();
        List<String> written = writtenBeforeAFailure(orders, context, 15);
        // The first order read moves on to today's window, so every order behind it in its window moves up one.
        SENDO_OPEN.updateOrders(written.get(0));

        Progress progress = new Progress();
        List<String> rest = restartedRead(orders, context, progress);

        assertThat(rest).containsExactlyInAnyOrderElementsOf(SENDO_OPEN.orderNumbers());
        assertThat(progress.unchanged).hasValue(0);
    }

    @Test
    void theLoginTokenOutlivesARestartAndIsRenewedByANewLoginOnceDue() {
        PartnerCredentials credentials = settings();
        SendoOpenApi api = api(credentials);
        Map<String, Object> oneProduct = Map.of("page_size", 1);
        PartnerSession.of(SOURCE, api, credentials, tokens, 2)
                .get(SendoOpenApiFake.PRODUCT_SEARCH, oneProduct, new SourceProgress() { });
        PartnerToken stored = tokens.load(SOURCE).orElseThrow();
        assertThat(stored.refreshToken()).as("a login gives no refresh token").isNull();
        assertThat(tokensWithout("access_token", stored.accessToken())).as("stored encrypted").isEqualTo(1);
        int logins = SENDO_OPEN.requestCount(SendoOpenApiFake.LOGIN);

        // A restart: a new store over the same table, as a new application context would make.
        PartnerTokenStore restarted = restartedTokenStore();
        assertThat(restarted.load(SOURCE).orElseThrow()).usingRecursiveComparison().isEqualTo(stored);
        PartnerSession.of(SOURCE, api, credentials, restarted, 2)
                .get(SendoOpenApiFake.PRODUCT_SEARCH, oneProduct, new SourceProgress() { });
        assertThat(SENDO_OPEN.requestCount(SendoOpenApiFake.LOGIN)).as("the stored token is used").isEqualTo(logins);

        // Eight hours on the token is due: the session logs in again and stores the new token before using it.
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(8));
        new PartnerSession(SOURCE, api, credentials, restarted, 2, later, wait -> { })
                .get(SendoOpenApiFake.PRODUCT_SEARCH, oneProduct, new SourceProgress() { });
        assertThat(SENDO_OPEN.requestCount(SendoOpenApiFake.LOGIN)).isEqualTo(logins + 1);
        assertThat(restarted.load(SOURCE).orElseThrow().accessToken()).isNotEqualTo(stored.accessToken());
    }

    /** The connector's API on a client of its own, unthrottled, so these calls spend none of the source's burst. */
    /** The connector's API on a client of its own, unthrottled, so these calls spend none of the source's burst. */
    private SendoOpenApi api(PartnerCredentials credentials) {
        return new SendoOpenApi(SENDO_OPEN.baseUri(), connection(credentials, attempt -> { }));
    }

    /** The reader of a full refresh, its retries reported to {@code progress}. */
    private SendoOpenReader reader(SourceDefinition source, Progress progress) {
        PartnerCredentials credentials = settings();
        SendoOpenApi api = new SendoOpenApi(SENDO_OPEN.baseUri(), connection(credentials, attempt -> progress.retry()));
        PartnerSession session = PartnerSession.of(SOURCE, api, credentials, tokens, definition().maxRetries());
        return new SendoOpenReader(source, session, earliest, Clock.systemUTC(), progress, Map.of());
    }

    /**
     * The ids of the first {@code records} a full refresh reads, committed as a chunk: the reader's position is
     * saved in {@code context}, as a step that then fails leaves it.
     */
    private List<String> writtenBeforeAFailure(SourceDefinition source, ExecutionContext context, int records) {
        SendoOpenReader failed = reader(source, new Progress());
        failed.open(context);
        List<String> written = ids(failed, records);
        failed.update(context);
        return written;
    }

    /** The ids a reader restarted on {@code context} reads to the end, reporting to {@code progress}. */
    private List<String> restartedRead(SourceDefinition source, ExecutionContext context, Progress progress) {
        SendoOpenReader restarted = reader(source, progress);
        restarted.open(context);
        return ids(restarted, Integer.MAX_VALUE);
    }

    private List<SendoOpenApiFake.Search> searchesSince(int index) {
        List<SendoOpenApiFake.Search> searches = SENDO_OPEN.searches();
        return searches.subList(index, searches.size());
    }

    private void credentials(String secretKey) {
        configure(Map.of("app-key", SENDO_OPEN.credentials().shopKey(), "app-secret", secretKey,
                "earliest-date", earliest.toString()));
    }

    /** A run of {@code sources} on the fake's today. */
    private JobExecution run(String runId, String sources, boolean fullRefresh) throws Exception {
        return run(runId, SENDO_OPEN.today().toString(), sources, fullRefresh);
    }

    /** The day in Vietnam of an instant, as Sendo's date filters write it. */
    private static String day(String instant) {
        return LocalDate.ofInstant(Instant.parse(instant), SendoOpenReader.VIETNAM).format(SLASHED);
    }

    /** Counts what the reader reports. */
    private static final class Progress implements SourceProgress {
        final AtomicInteger retries = new AtomicInteger();
        final AtomicInteger unchanged = new AtomicInteger();

        @Override
        public void retry() {
            retries.incrementAndGet();
        }

        @Override
        public void unchanged() {
            unchanged.incrementAndGet();
        }
    }
}
