package vn.ecomdss.extract.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GETs JSON, retrying what is worth retrying (429, 5xx, connection resets, time-outs) with exponential back-off
 * and jitter, honouring {@code Retry-After}; anything else fails at once with the URL and the status.
 */
public final class JsonHttpClient {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final HttpClient http;
    private final JsonMapper json;
    private final Duration timeout;
    private final int maxRetries;
    private final String userAgent;

    public JsonHttpClient(JsonMapper json, Duration timeout, int maxRetries, String userAgent) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.json = json;
        this.timeout = timeout;
        this.maxRetries = maxRetries;
        this.userAgent = userAgent;
    }

    /** A parsed response and its size in bytes. */
    public record JsonResponse(JsonNode body, long bytes) {
    }

    public JsonResponse get(URI uri, LongConsumer onRetry) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .header("User-Agent", userAgent).GET().build();
        for (int attempt = 0; ; attempt++) {
            Duration wait;
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status == 200) {
                    return new JsonResponse(parse(uri, response.body()), response.body().length);
                }
                if (status != 429 && status < 500) {
                    throw new SourceRequestException("GET " + uri + " answered " + status + ": " + snippet(response.body()));
                }
                if (attempt >= maxRetries) {
                    throw new SourceRequestException("GET " + uri + " answered " + status + " after " + (attempt + 1)
                            + " attempts: " + snippet(response.body()));
                }
                wait = response.headers().firstValue("Retry-After").map(JsonHttpClient::retryAfter)
                        .orElse(backoff(attempt));
            } catch (HttpTimeoutException e) {
                if (attempt >= maxRetries) {
                    throw new SourceRequestException("GET " + uri + " timed out after " + timeout.toSeconds() + " s, "
                            + (attempt + 1) + " attempts", e);
                }
                wait = backoff(attempt);
            } catch (IOException e) {
                if (attempt >= maxRetries) {
                    throw new SourceRequestException("GET " + uri + " failed after " + (attempt + 1) + " attempts: " + e, e);
                }
                wait = backoff(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceRequestException("GET " + uri + " interrupted", e);
            }
            onRetry.accept(attempt + 1);
            sleep(wait, uri);
        }
    }

    private JsonNode parse(URI uri, byte[] body) {
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            throw new SourceRequestException("GET " + uri + " did not answer JSON: " + snippet(body), e);
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

    private static void sleep(Duration wait, URI uri) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceRequestException("GET " + uri + " interrupted while backing off", e);
        }
    }

    private static String snippet(byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
