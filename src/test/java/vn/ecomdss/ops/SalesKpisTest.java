package vn.ecomdss.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import tools.jackson.databind.JsonNode;

/** The dashboard's top products: one row per product however many listings and sources sell it. */
class SalesKpisTest extends OpsTestSupport {

    private record Product(String brand, String title, long listings, TreeSet<String> sources, long units,
                           BigDecimal revenue) {
    }

    @Test
    void topProductsSumEveryListingOfAProductAcrossSources() throws Exception {
        assertThat(runEtl("kpis-top", "2026-11-09", "vnmarket,dummyjson").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // The listings summed here by brand and title written alike, apart from the query under test.
        Map<String, Product> products = new LinkedHashMap<>();
        for (Map<String, Object> listing : jdbc.queryForList("""
                select source, brand, title, units, revenue_vnd from mart.mv_product_performance
                where revenue_vnd > 0 and title is not null
                """)) {
            String key = alike((String) listing.get("brand")) + "|" + alike((String) listing.get("title"));
            Product known = products.get(key);
            TreeSet<String> sources = known == null ? new TreeSet<>() : known.sources();
            sources.add((String) listing.get("source"));
            products.put(key, new Product((String) listing.get("brand"), (String) listing.get("title"),
                    (known == null ? 0 : known.listings()) + 1, sources,
                    (known == null ? 0 : known.units()) + ((Number) listing.get("units")).longValue(),
                    (known == null ? BigDecimal.ZERO : known.revenue()).add((BigDecimal) listing.get("revenue_vnd"))));
        }
        List<Product> expected = new ArrayList<>(products.values());
        expected.sort(Comparator.comparing(Product::revenue).reversed());
        assertThat(expected.stream().anyMatch(p -> p.listings() > 1))
                .as("vnmarket lists products more than once, so grouping matters").isTrue();

        JsonNode top = get("/api/v1/kpis/sales", bearer(VIEWER_TOKEN)).json().path("topProducts");

        assertThat(top.size()).isEqualTo(10);
        for (int i = 0; i < top.size(); i++) {
            JsonNode row = top.get(i);
            Product product = expected.get(i);
            assertThat(row.path("revenueVnd").decimalValue()).as(row.toString()).isEqualByComparingTo(product.revenue());
            assertThat(row.path("units").asLong()).isEqualTo(product.units());
            assertThat(row.path("listings").asLong()).isEqualTo(product.listings());
            assertThat(row.path("sources").valueStream().map(JsonNode::asString).toList())
                    .containsExactlyElementsOf(product.sources());
            assertThat(alike(row.path("title").asString())).isEqualTo(alike(product.title()));
        }
    }

    private static String alike(String text) {
        return text == null ? "" : text.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
