package vn.ecomdss.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class VnMarketServerTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static VnMarketSimulator simulator;
    private static VnMarketServer server;

    @BeforeAll
    static void start() {
        simulator = new VnMarketSimulator(VnMarketSettings.defaults());
        server = VnMarketServer.start(simulator, 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void pagingThroughAllOrdersYieldsExactlyTotalDistinctIds() throws Exception {
        List<String> ids = new ArrayList<>();
        int total = -1;
        for (int skip = 0; total < 0 || skip < total; skip += 137) {
            HttpResponse<String> response = get("/api/orders?as_of=" + AS_OF + "&limit=137&skip=" + skip);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            JsonNode body = JSON.readTree(response.body());
            total = body.get("total").asInt();
            assertThat(body.get("skip").asInt()).isEqualTo(skip);
            assertThat(body.get("limit").asInt()).isEqualTo(137);
            body.get("items").forEach(o -> ids.add(o.get("id").asString()));
        }
        Set<String> distinct = new LinkedHashSet<>(ids);
        assertThat(ids).hasSize(total);
        assertThat(distinct).hasSize(total);
        assertThat(distinct).containsExactlyElementsOf(simulator.orders(AS_OF).stream().map(o -> o.get("id").asString()).toList());
    }

    @Test
    void pagingThroughPromotionsYieldsTheSimulatorsPromotionsInOrder() throws Exception {
        List<String> served = new ArrayList<>();
        int total = -1;
        for (int skip = 0; total < 0 || skip < total; skip += 500) {
            JsonNode body = JSON.readTree(get("/api/promotions?as_of=" + AS_OF + "&limit=500&skip=" + skip).body());
            total = body.get("total").asInt();
            body.get("items").forEach(p -> served.add(p.toString()));
        }
        // Compared as text: parsing turns the simulator's long amounts into int nodes.
        assertThat(served).hasSize(total).containsExactlyElementsOf(
                simulator.promotions(AS_OF).stream().map(Object::toString).toList());
        assertThat(get("/api/promotions?as_of=someday").statusCode()).isEqualTo(400);
    }

    @Test
    void servesVietnameseTextAsUtf8WithDefaults() throws Exception {
        HttpResponse<String> response = get("/api/products?as_of=" + AS_OF);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("limit").asInt()).isEqualTo(100);
        assertThat(body.get("skip").asInt()).isZero();
        assertThat(body.get("items")).hasSize(100);
        // Compared as text: parsing turns the simulator's long prices into int nodes.
        assertThat(body.get("items").get(0).toString()).isEqualTo(simulator.products(AS_OF).get(0).toString());

        JsonNode today = JSON.readTree(get("/api/customers?limit=1").body());
        assertThat(today.get("total").asInt()).isEqualTo(simulator.customers(VnMarketSimulator.today()).size());
    }

    @Test
    void badParametersAre400WithTheParameterNamed() throws Exception {
        for (String query : List.of("limit=abc", "limit=0", "limit=501", "skip=-1", "as_of=2026-13-01")) {
            HttpResponse<String> response = get("/api/orders?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            String error = JSON.readTree(response.body()).get("error").asString();
            String[] nameAndValue = query.split("=");
            assertThat(error).as(query).contains(nameAndValue[0]).contains(nameAndValue[1]);
        }
        assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
        assertThat(get("/").statusCode()).isEqualTo(404);
    }

    @Test
    void defectsEndpointServesTheLedger() throws Exception {
        try (VnMarketServer dirty = VnMarketServer.start(
                new VnMarketSimulator(VnMarketSettings.defaults().withDirty(DirtyRates.defaults())), 0)) {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(dirty.baseUri().resolve("/api/defects?as_of=" + AS_OF)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("as_of").asString()).isEqualTo(AS_OF.toString());
            assertThat(body.get("defects").get("duplicate").get("count").asInt())
                    .isEqualTo(body.get("defects").get("duplicate").get("ids").size()).isPositive();
        }
    }

    private static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        URI uri = server.baseUri().resolve(pathAndQuery);
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
