package vn.ecomdss.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A source as declared in {@code job-definitions/sources/<name>.yml}: what kind it is, where it answers, how it
 * pages, how politely it is read, what a failure of it does to the job, and for each entity how its records map
 * onto the warehouse's customers, products or order lines.
 *
 * @param kind      {@code http-json} (REST APIs), {@code html} (web sites, scraped), {@code kafka} (event topics),
 *                  {@code lazada} (Lazada Open Platform, signed calls with a seller's tokens), {@code tiki} (Tiki
 *                  Open API, OAuth 2.0 Bearer tokens), {@code shopee} (Shopee Open Platform v2, signed calls for one
 *                  shop), {@code sendo-open} (Sendo Open API, searches with a shop's login token), {@code file} (CSV,
 *                  JSON lines and Parquet files in a directory), {@code cdc} (a PostgreSQL database's row
 *                  changes, by logical replication; each entity's path is a {@code schema.table}) or
 *                  {@code document-store} (MongoDB collections read by a timestamp field; each entity's path is
 *                  a collection)
 * @param onFailure {@code fail} (the job fails with the source) or {@code continue} (the other sources go on and
 *                  the run reports this source as failed)
 * @param path      for a {@code file} source, the directory its entities' globs are under (relative to
 *                  {@code dss.data-dir} unless absolute); for a {@code document-store} source, the database its
 *                  collections are in; null for the other kinds
 */
public record SourceDefinition(String file, String name, String kind, String baseUrl, String embedded,
                               String currency, Paging paging, Duration timeout, int maxRetries,
                               Map<String, EntityDefinition> entities, RateLimit rateLimit, String onFailure,
                               String userAgent, String path) {

    public static final List<String> KINDS = List.of("http-json", "html", "kafka", "lazada", "tiki", "shopee",
            "sendo-open", "file", "cdc", "document-store");
    public static final List<String> PAGING_STYLES = List.of("limit-skip", "offset-limit", "page-token", "none");
    public static final List<String> ON_FAILURE = List.of("fail", "continue");
    public static final List<String> EMBEDDED = List.of("vnmarket", "kafka", "postgres", "document-store");
    public static final String DEFAULT_USER_AGENT = "ecommerce-dss/0.1 (+batch extract)";
    /** The step execution-context key under which an extract step names its source, for the run summary. */
    public static final String EXTRACTED_SOURCE_KEY = "extract.source";

    /**
     * How a listing is paged: {@code limit-skip} (DummyJSON), {@code offset-limit} (Platzi), {@code page-token}
     * (each page names the next; for a kind whose reader follows such tokens, Sendo's) or {@code none}.
     */
    public record Paging(String style, String limitParam, String offsetParam, int pageSize, String totalField) {
    }

    /**
     * At most {@code requestsPerHour} requests on average, in bursts of at most {@code burst}; a site read
     * politely has a burst of 1, so consecutive requests are {@code 3600 / requestsPerHour} seconds apart.
     */
    public record RateLimit(int requestsPerHour, int burst) {
    }

    public boolean continuesOnFailure() {
        return "continue".equals(onFailure);
    }
}
