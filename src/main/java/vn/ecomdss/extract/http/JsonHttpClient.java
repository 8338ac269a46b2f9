package vn.ecomdss.extract.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GETs a source's pages (and sends a partner API's token requests and calls), retrying what is worth retrying
 * (429, 5xx, connection resets, truncated bodies, time-outs, and a JSON page that does not parse) with exponential
 * back-off and jitter, honouring {@code Retry-After}; anything else fails at once with the URL and the status. Every
 * attempt first waits for the source's {@link RequestThrottle}. A POST ({@link #post}: Shopee's token calls, Sendo's
 * searches and login) is retried the same way, so only POSTs that are safe to repeat go through this client.
 */
public final class JsonHttpClient {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final HttpClient http;
    private final JsonMapper json;
    private final Duration timeout;
    private final int maxRetries;
    private final String userAgent;
    private final RequestThrottle throttle;

    public JsonHttpClient(JsonMapper json, Duration timeout, int maxRetries, String userAgent, RequestThrottle throttle) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.json = json;
        this.timeout = timeout;
        this.maxRetries = maxRetries;
        this.userAgent = userAgent;
        this.throttle = throttle;
    }

    /** A parsed response and its size in bytes. */
    public record JsonResponse(JsonNode body, long bytes) {
    }

    /** A response that is not worth retrying: 200, or a client error the caller interprets (404 for robots.txt). */
    public record Page(int status, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public JsonResponse get(URI uri, LongConsumer onRetry) {
        for (int attempt = 0; ; attempt++) {
            Page page = fetch(uri, "application/json", onRetry);
            if (page.status() != 200) {
                throw new SourceRequestException("GET " + shown(uri) + " answered " + page.status() + ": " + snippet(page.body()));
            }
            try {
                return new JsonResponse(json.readTree(page.body()), page.body().length);
            } catch (RuntimeException e) {
                if (attempt >= maxRetries) {
                    throw new SourceRequestException("GET " + shown(uri) + " did not answer JSON after " + (attempt + 1)
                            + " attempts (" + page.body().length + " bytes): " + e.getMessage().lines().findFirst().orElse("")
                            + "; body starts " + snippet(page.body()), e);
                }
                onRetry.accept(attempt + 1);
                sleep(backoff(attempt), "GET " + shown(uri));
            }
        }
    }

    /** GETs a page, retrying 429, 5xx, resets and time-outs; any other status is returned to the caller. */
    public Page fetch(URI uri, String accept, LongConsumer onRetry) {
        return send(HttpRequest.newBuilder(uri).header("Accept", accept).GET(), onRetry);
    }

    /**
     * POSTs {@code body} as {@code contentType} with {@code headers} (an {@code Authorization} among them: headers
     * never appear in messages) and retries as {@link #fetch} does; for the partner APIs whose token calls or reads
     * take a body (Shopee's token calls, Sendo's JSON searches and login). Any status but 429 and 5xx is returned to
     * the caller.
     */
    public Page post(URI uri, String contentType, byte[] body, String accept, Map<String, String> headers,
                     LongConsumer onRetry) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request, onRetry);
    }

    /**
     * Sends a request the caller has built (a form POST, an {@code Authorization} header of its own), with this
     * client's time-out and user agent, retrying as {@link #fetch} does; any other status is returned to the caller.
     */
    public Page send(HttpRequest.Builder builder, LongConsumer onRetry) {
        HttpRequest request = builder.timeout(timeout).header("User-Agent", userAgent).build();
        String what = request.method() + " " + shown(request.uri());
        for (int attempt = 0; ; attempt++) {
            Duration wait;
            try {
                throttle.acquire();
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status != 429 && status < 500) {
                    return new Page(status, response.body());
                }
                if (attempt >= maxRetries) {
                    throw new SourceRequestException(what + " answered " + status + " after " + (attempt + 1)
                            + " attempts: " + snippet(response.body()));
                }
                wait = response.headers().firstValue("Retry-After").map(JsonHttpClient::retryAfter)
                        .orElse(backoff(attempt));
            } catch (HttpTimeoutException e) {
                if (attempt >= maxRetries) {
                    throw new SourceRequestException(what + " timed out after " + timeout.toMillis() + " ms, "
                            + (attempt + 1) + " attempts", e);
                }
                wait = backoff(attempt);
            } catch (IOException e) {
                if (attempt >= maxRetries) {
                    throw new SourceRequestException(what + " failed after " + (attempt + 1) + " attempts: " + e, e);
                }
                wait = backoff(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceRequestException(what + " interrupted", e);
            }
            onRetry.accept(attempt + 1);
            sleep(wait, what);
        }
    }

    private static Duration backoff(int attempt) {
        long base = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempt, 10));
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    private static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(Math.min(Long.parseLong(header.trim()), MAX_BACKOFF.toSeconds()));
        } catch (NumberFormatException e) {
            return MAX_BACKOFF;
        }
    }

    /** Waits out a back-off; {@code what} is the request as messages show it ({@code GET https://...}). */
    private static void sleep(Duration wait, String what) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceRequestException(what + " interrupted while backing off", e);
        }
    }

    private static String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static final java.util.regex.Pattern SECRET_PARAMETER = java.util.regex.Pattern.compile(
            "(?i)([?&](?:access_token|refresh_token|sign|code|client_secret|secret_key)=)[^&]*");

    /**
     * The address as errors show it: the values of credential parameters (a partner API's access token and
     * signature travel in the query) are masked, since exit descriptions and logs are read by more people than
     * hold the credentials.
     */
    static String shown(URI uri) {
        return SECRET_PARAMETER.matcher(uri.toString()).replaceAll("$1***");
    }
}
