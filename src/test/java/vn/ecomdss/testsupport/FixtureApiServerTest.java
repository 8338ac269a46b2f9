package vn.ecomdss.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FixtureApiServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static FixtureApiServer fixtures;

    @BeforeAll
    static void start() {
        fixtures = FixtureApiServer.start();
    }

    @AfterAll
    static void stop() {
        fixtures.close();
    }

    @AfterEach
    void restore() {
        fixtures.reset();
    }

    @Test
    void productsPageLikeDummyJson() throws Exception {
        JsonNode first = json("/products");
        assertThat(first.get("products")).hasSize(30);
        assertThat(first.get("total").asInt()).isEqualTo(194);
        assertThat(first.get("skip").asInt()).isZero();
        assertThat(first.get("limit").asInt()).isEqualTo(30);
        assertThat(first.get("products").get(0).get("title").asString()).isEqualTo("Essence Mascara Lash Princess");

        assertThat(pagedIds("/products", "products", 50)).containsExactlyElementsOf(IntStream.rangeClosed(1, 194).boxed().toList());
        JsonNode tail = json("/products?limit=30&skip=190");
        assertThat(tail.get("products")).hasSize(4);
        assertThat(tail.get("limit").asInt()).isEqualTo(4);
        assertThat(json("/products?limit=0").get("products")).hasSize(194);

        JsonNode selected = json("/products?limit=1&select=title,price").get("products").get(0);
        assertThat(selected.propertyNames()).containsExactly("id", "title", "price");
    }

    @Test
    void singleRecordsAndCategoriesLikeDummyJson() throws Exception {
        assertThat(json("/products/1").get("title").asString()).isEqualTo("Essence Mascara Lash Princess");
        HttpResponse<String> missing = get("/products/999");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("message").asString()).isEqualTo("Product with id '999' not found");
        JsonNode beauty = json("/products/category/beauty?limit=0");
        assertThat(beauty.get("total").asInt()).isEqualTo(beauty.get("products").size()).isPositive();
        assertThat(json("/products/category-list")).anyMatch(c -> c.asString().equals("beauty"));
        assertThat(get("/products?limit=abc").statusCode()).isEqualTo(400);
        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void usersAndCartsAreComplete() throws Exception {
        assertThat(json("/users").get("total").asInt()).isEqualTo(208);
        assertThat(pagedIds("/users", "users", 100)).hasSize(208).doesNotHaveDuplicates();
        JsonNode carts = json("/carts?limit=0");
        assertThat(carts.get("total").asInt()).isEqualTo(208);
        int lines = 0;
        for (JsonNode cart : carts.get("carts")) {
            lines += cart.get("products").size();
            assertThat(cart.get("totalProducts").asInt()).isEqualTo(cart.get("products").size());
        }
        assertThat(lines).isEqualTo(800);
        assertThat(json("/carts/user/1").get("carts")).allMatch(c -> c.get("userId").asInt() == 1);
    }

    @Test
    void platziProductsCarryJoinedCategoriesAndImageArrays() throws Exception {
        JsonNode products = json("/api/v1/products");
        assertThat(products.isArray()).isTrue();
        assertThat(products).hasSize(51);
        JsonNode first = products.get(0);
        assertThat(first.propertyNames()).containsExactly(
                "id", "title", "slug", "price", "description", "category", "images", "creationAt", "updatedAt");
        assertThat(first.get("id").asInt()).isEqualTo(1);
        assertThat(first.get("title").asString()).isEqualTo("Majestic Mountain Graphic T-Shirt");
        assertThat(first.get("category").get("slug").asString()).isEqualTo("clothes");
        assertThat(first.get("images")).hasSize(3).allMatch(i -> i.asString().startsWith("https://"));
        assertThat(products).allSatisfy(p -> {
            assertThat(p.get("category").get("id").isInt()).isTrue();
            assertThat(p.get("category").has("name") && p.get("category").has("image")).isTrue();
        });
        List<Integer> paged = new ArrayList<>();
        for (int offset = 0; offset < 60; offset += 10) {
            json("/api/v1/products?offset=" + offset + "&limit=10").forEach(p -> paged.add(p.get("id").asInt()));
        }
        assertThat(paged).containsExactlyElementsOf(IntStream.rangeClosed(1, 51).boxed().toList());
        assertThat(json("/api/v1/categories")).hasSize(5);
        assertThat(json("/api/v1/products/2").get("id").asInt()).isEqualTo(2);
        assertThat(get("/api/v1/products/999").statusCode()).isEqualTo(400);
    }

    @Test
    void failNextAnswersTheInjectedStatusThenRecovers() throws Exception {
        fixtures.failNext("/products", 2, 503);
        assertThat(get("/users").statusCode()).isEqualTo(200);
        assertThat(get("/products?limit=1").statusCode()).isEqualTo(503);
        HttpResponse<String> second = get("/products/1");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("0");
        assertThat(get("/products?limit=1").statusCode()).isEqualTo(200);
        assertThat(fixtures.requestCount("/products")).isEqualTo(3);
        assertThat(fixtures.requestCount("/")).isEqualTo(4);
    }

    @Test
    void patchChangesServedDataAndResetRestoresIt() throws Exception {
        String updatedBefore = json("/products/1").get("meta").get("updatedAt").asString();
        fixtures.patch(FixtureApiServer.DUMMYJSON, "products", 1, Map.of("category", "smartphones", "price", 12.5));
        JsonNode product = json("/products/1");
        assertThat(product.get("category").asString()).isEqualTo("smartphones");
        assertThat(product.get("price").asDouble()).isEqualTo(12.5);
        assertThat(product.get("meta").get("updatedAt").asString()).isNotEqualTo(updatedBefore);

        fixtures.patch(FixtureApiServer.DUMMYJSON, "users", 5, Map.of("address.city", "Hà Nội"));
        assertThat(json("/users/5").get("address").get("city").asString()).isEqualTo("Hà Nội");
        assertThat(json("/users/5").get("address").get("country").asString()).isEqualTo("United States");

        Map<String, Object> nulled = new HashMap<>();
        nulled.put("category_id", 2);
        nulled.put("description", null);
        fixtures.patch(FixtureApiServer.PLATZI, "products", 1, nulled);
        JsonNode platzi = json("/api/v1/products/1");
        assertThat(platzi.get("category").get("slug").asString()).isEqualTo("electronics");
        assertThat(platzi.get("description").isNull()).isTrue();
        assertThat(platzi.get("updatedAt").asString()).isGreaterThan(platzi.get("creationAt").asString());

        fixtures.reset();
        assertThat(json("/products/1").get("category").asString()).isEqualTo("beauty");
        assertThat(json("/users/5").get("address").get("city").asString()).isNotEqualTo("Hà Nội");
        assertThat(json("/api/v1/products/1").get("category").get("slug").asString()).isEqualTo("clothes");
    }

    private static List<Integer> pagedIds(String path, String key, int limit) throws Exception {
        List<Integer> ids = new ArrayList<>();
        int total = Integer.MAX_VALUE;
        for (int skip = 0; skip < total; skip += limit) {
            JsonNode page = json(path + "?limit=" + limit + "&skip=" + skip);
            total = page.get("total").asInt();
            page.get(key).forEach(r -> ids.add(r.get("id").asInt()));
        }
        return ids;
    }

    private static JsonNode json(String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(fixtures.baseUri().resolve(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
