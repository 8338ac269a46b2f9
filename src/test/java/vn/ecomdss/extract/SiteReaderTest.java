package vn.ecomdss.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.extract.http.JsonHttpClient;
import vn.ecomdss.extract.http.RequestThrottle;
import vn.ecomdss.extract.scrape.SiteReader;
import vn.ecomdss.pipeline.SourceDefinition;
import vn.ecomdss.testsupport.SiteServer;

/** The generic scraper on the authored Chợ Tốt pages: CSS extraction, Vietnamese prices, robots.txt, politeness. */
class SiteReaderTest {

    private static final SiteServer CHOTOT = SiteServer.start("chotot");
    private final JsonMapper json = JsonMapper.builder().build();

    @AfterAll
    static void stop() {
        CHOTOT.close();
    }

    @Test
    void readsEveryListingPageOneAtATimeWithThePoliteDelayAfterAskingRobotsTxt() {
        SourceDefinition source = SourceDefinitions.with(SourceDefinitions.load("chotot"), Duration.ofSeconds(5),
                new SourceDefinition.RateLimit(12_000, 1));
        List<URI> drifted = new ArrayList<>();
        JsonHttpClient client = new JsonHttpClient(json, source.timeout(), source.maxRetries(), source.userAgent(),
                RequestThrottle.of(source.rateLimit()));
        SiteReader reader = new SiteReader(source, CHOTOT.baseUri(), client, json, new SourceProgress() {
            @Override
            public void drift(String entity, URI url, String selector) {
                drifted.add(url);
            }
        });
        reader.open(new ExecutionContext());
        List<FetchedRecord> records = new ArrayList<>();
        for (FetchedRecord record = reader.read(); record != null; record = reader.read()) {
            records.add(record);
        }

        assertThat(records).extracting(r -> r.item().path("ad_id").asString()).containsExactly("118734021",
                "118734022", "118734023", "118734024", "118799001", "118799002");
        assertThat(records.get(0).item().path("price").asLong()).isEqualTo(12_990_000);
        assertThat(records.get(0).item().path("price_text").asString()).isEqualTo("12.990.000 đ");
        assertThat(records.get(2).item().path("price").isNull()).as("Liên hệ").isTrue();
        assertThat(records.get(3).item().path("price").asLong()).isEqualTo(21_500_000);
        assertThat(records.get(5).item().path("price").asLong()).isEqualTo(6_800_000);
        assertThat(records.get(0).item().path("url").asString()).isEqualTo(CHOTOT.baseUri() + "/118734021.htm");
        assertThat(drifted).isEmpty();

        List<SiteServer.Request> requests = CHOTOT.requests();
        assertThat(requests).extracting(SiteServer.Request::target).containsExactly("/robots.txt",
                "/mua-ban-dien-thoai", "/mua-ban-dien-thoai?page=2", "/mua-ban-dien-thoai?page=3", "/mua-ban-laptop",
                "/mua-ban-laptop?page=2");
        // Sends are 300 ms apart (12,000 per hour). Arrivals lag their sends by the connection's set-up, which the
        // first request (robots.txt) pays alone and may make its gap to the next look shorter: the span after it counts.
        assertThat(requests.get(requests.size() - 1).nanos() - requests.get(1).nanos())
                .isGreaterThanOrEqualTo((requests.size() - 2) * 290_000_000L);
    }
}
