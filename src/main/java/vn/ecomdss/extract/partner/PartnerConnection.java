package vn.ecomdss.extract.partner;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.extract.http.JsonHttpClient;

/**
 * What a {@link PartnerApi} implementation calls its platform with, the same for every platform: the source's name
 * (for messages), the operator's credentials, the source's HTTP client, the JSON mapper, the clock calls are signed
 * and tokens timed by, and what a retry of the client underneath reports to.
 */
public record PartnerConnection(String source, PartnerCredentials credentials, JsonHttpClient http, JsonMapper json,
                                Clock clock, LongConsumer onRetry) {

    /** How much of an answer a message quotes. */
    private static final int SNIPPET = 200;

    /**
     * The answer's body as JSON; an answer that is not JSON (a proxy's HTML error page, say) fails naming where it
     * came from, its status and how it began.
     */
    public JsonNode body(String where, JsonHttpClient.Page page) {
        try {
            return json.readTree(page.body());
        } catch (RuntimeException e) {
            throw new PartnerApiException(source + ": " + where + " answered " + page.status() + " without JSON: "
                    + snippet(page.text()), e);
        }
    }

    /** {@code apiPath} under {@code base} (its trailing slashes dropped), with {@code query} when there is one. */
    public static URI uri(URI base, String apiPath, Map<String, String> query) {
        return URI.create(base(base) + apiPath + (query.isEmpty() ? "" : "?" + form(query)));
    }

    /** {@code uri} without trailing slashes, for a path to follow. */
    public static String base(URI uri) {
        return uri.toString().replaceAll("/+$", "");
    }

    /** {@code params} URL-encoded as a query string or a form body, in their order. */
    public static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** The beginning of an answer, for a message. */
    public static String snippet(String text) {
        return text.length() > SNIPPET ? text.substring(0, SNIPPET) + "..." : text;
    }
}
