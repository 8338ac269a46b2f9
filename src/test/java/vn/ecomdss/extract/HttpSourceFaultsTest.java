package vn.ecomdss.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.extract.http.JsonHttpClient;
import vn.ecomdss.extract.http.PagedJsonReader;
import vn.ecomdss.extract.http.RequestThrottle;
import vn.ecomdss.extract.http.SourceRequestException;
import vn.ecomdss.pipeline.SourceDefinition;
import vn.ecomdss.testsupport.SiteServer.Fault;
import vn.ecomdss.testsupport.SiteServer;

/** The Fake Store connector over real HTTP against faults; each fault ends retried-and-complete or clearly failed. */
class HttpSourceFaultsTest {

    private static final SiteServer FAKESTORE = SiteServer.start("fakestore");
    private static final SourceDefinition SOURCE = SourceDefinitions.with(SourceDefinitions.load("fakestore"),
            Duration.ofMillis(600), new SourceDefinition.RateLimit(0, 1));
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicInteger retries = new AtomicInteger();

    @AfterEach
    void reset() {
        FAKESTORE.reset();
    }

    @AfterAll
    static void stop() {
        FAKESTORE.close();
    }

    @Test
    void tooManyRequestsIsRetriedAfterTheRetryAfterDelay() {
        FAKESTORE.inject("/products", Fault.STATUS_429);
        long started = System.nanoTime();

        List<FetchedRecord> records = readAll(SOURCE, Map.of());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertEveryRecordOnce(records);
        assertThat(retries).hasValue(1);
    }

    @Test
    void aBurstOfServerErrorsIsRetriedWithBackOff() {
        FAKESTORE.inject("/users", Fault.STATUS_500, Fault.STATUS_500, Fault.STATUS_500);

        assertEveryRecordOnce(readAll(SOURCE, Map.of()));
        assertThat(retries).hasValue(3);
        assertThat(FAKESTORE.requestCount("/users")).isEqualTo(4);
    }

    @Test
    void aReadTimeoutIsRetried() {
        FAKESTORE.slowResponsesTake(1_500);
        FAKESTORE.inject("/carts", Fault.SLOW);

        assertEveryRecordOnce(readAll(SOURCE, Map.of()));
        assertThat(retries).hasValue(1);
    }

    @Test
    void aMalformedOrTruncatedPageIsFetchedAgain() {
        FAKESTORE.inject("/products", Fault.MALFORMED);
        FAKESTORE.inject("/users", Fault.TRUNCATED);

        assertEveryRecordOnce(readAll(SOURCE, Map.of()));
        assertThat(retries).hasValue(2);
    }

    @Test
    void aPageThatStaysMalformedFailsNamingTheUrl() {
        FAKESTORE.inject("/products", Fault.MALFORMED, Fault.MALFORMED, Fault.MALFORMED, Fault.MALFORMED, Fault.MALFORMED);

        assertThatThrownBy(() -> readAll(SOURCE, Map.of()))
                .isInstanceOf(SourceRequestException.class)
                .hasMessageContaining("GET " + FAKESTORE.baseUri() + "/products did not answer JSON after 5 attempts");
    }

    @Test
    void cartsAreAskedFromTheWatermarkDateAndOnlyNewerOnesAreReturned() {
        List<FetchedRecord> records = readAll(SOURCE, Map.of("carts", "2020-03-01T00:00:00.000Z"));

        assertThat(FAKESTORE.requests()).anySatisfy(r -> assertThat(r.target()).isEqualTo("/carts?startdate=2020-03-01"));
        assertThat(records.stream().filter(r -> r.entity().equals("carts")).map(r -> r.item().path("id").asInt()))
                .containsExactly(1);
    }

    private void assertEveryRecordOnce(List<FetchedRecord> records) {
        assertThat(records.stream().map(r -> r.entity() + "/" + r.item().path("id").asInt()))
                .containsExactlyInAnyOrder("products/1", "products/2", "products/5", "users/1", "users/2",
                        "carts/1", "carts/2", "carts/3");
    }

    private List<FetchedRecord> readAll(SourceDefinition source, Map<String, String> watermarks) {
        JsonHttpClient client = new JsonHttpClient(json, source.timeout(), source.maxRetries(), source.userAgent(),
                RequestThrottle.of(source.rateLimit()));
        PagedJsonReader reader = new PagedJsonReader(source, FAKESTORE.baseUri(), LocalDate.of(2026, 11, 1), client,
                new SourceProgress() {
                    @Override
                    public void retry() {
                        retries.incrementAndGet();
                    }
                }, watermarks);
        reader.open(new ExecutionContext());
        List<FetchedRecord> records = new ArrayList<>();
        for (FetchedRecord record = reader.read(); record != null; record = reader.read()) {
            records.add(record);
        }
        return records;
    }
}
