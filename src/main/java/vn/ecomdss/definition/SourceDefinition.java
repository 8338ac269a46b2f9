package vn.ecomdss.definition;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A source as declared in {@code job-definitions/sources/<name>.yml}: where it answers, how it pages, and for
 * each entity how its records map onto the warehouse's customers, products or order lines.
 */
public record SourceDefinition(String file, String name, String kind, String baseUrl, String embedded,
                               String currency, Paging paging, Duration timeout, int maxRetries,
                               Map<String, EntityDefinition> entities) {

    public static final List<String> KINDS = List.of("http-json");
    public static final List<String> PAGING_STYLES = List.of("limit-skip", "offset-limit", "none");

    /** How a listing is paged: {@code limit-skip} (DummyJSON), {@code offset-limit} (Platzi) or {@code none}. */
    public record Paging(String style, String limitParam, String offsetParam, int pageSize, String totalField) {
    }
}
