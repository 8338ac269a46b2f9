package vn.ecomdss.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;
import tools.jackson.databind.JsonNode;

import vn.ecomdss.ops.OpsTestSupport;

/**
 * The analytics API over real HTTP on a vnmarket load, with the caches emptied before each test so that an answer
 * is the warehouse's as it is now. Answers are compared with SQL written here, straight over the marts.
 */
public abstract class AnalyticsTestSupport extends OpsTestSupport {

    private static boolean loaded;

    @Autowired
    protected CacheManager cacheManager;

    @BeforeEach
    void vnmarketLoadedAndCachesEmpty() throws Exception {
        if (!loaded && count("select count(*) from dw.fact_sales where source = 'vnmarket'") == 0) {
            assertThat(runEtl("analytics-load", "2026-09-30", "vnmarket").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        }
        loaded = true;
        cacheManager.getCacheNames().forEach(name -> cacheManager.getCache(name).clear());
    }

    protected String viewer() {
        return bearer(VIEWER_TOKEN);
    }

    protected JsonNode ok(String path) {
        Answer answer = get(path, viewer());
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** A GraphQL query as a viewer; the whole answer ({@code data} and {@code errors}). */
    protected JsonNode graphql(String query) {
        Answer answer = post("/graphql", viewer(), json.writeValueAsString(Map.of("query", query)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /**
     * The answer's rows equal the SQL rows, in order: each pair of {@code columnsToFields} names a SQL column and
     * the JSON field that must hold its value (numbers compared by value, dates as ISO text).
     */
    protected static void assertRows(JsonNode rows, List<Map<String, Object>> expected, String... columnsToFields) {
        assertThat(expected).as("the SQL over the marts has rows to compare").isNotEmpty();
        assertThat(rows.size()).as(rows.toString()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertRow(rows.get(i), expected.get(i), columnsToFields);
        }
    }

    protected static void assertRow(JsonNode row, Map<String, Object> expected, String... columnsToFields) {
        for (int f = 0; f < columnsToFields.length; f += 2) {
            Object value = expected.get(columnsToFields[f]);
            JsonNode actual = row.path(columnsToFields[f + 1]);
            String what = columnsToFields[f + 1] + " of " + row;
            if (value == null) {
                assertThat(actual.isNull() || actual.isMissingNode()).as(what).isTrue();
            } else if (value instanceof Number number) {
                assertThat(actual.isNumber() || actual.isString()).as(what).isTrue();
                assertThat(new BigDecimal(actual.asString())).as(what)
                        .isEqualByComparingTo(new BigDecimal(number.toString()));
            } else {
                assertThat(actual.asString()).as(what).isEqualTo(value.toString());
            }
        }
    }

    protected static List<JsonNode> list(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    protected static void assertField(Answer answer, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("field").asString()).as(answer.body()).isEqualTo(field);
        assertThat(answer.json().path("detail").asString()).as(answer.body()).contains(field);
    }
}
