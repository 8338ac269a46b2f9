package vn.ecomdss.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import vn.ecomdss.embedded.LoopbackHttpServer;

/**
 * Serves one authored site from the test resources {@code sites/<name>/} on 127.0.0.1, with faults on demand.
 * A request for {@code /a/b?x=1} is answered with {@code a/b@x=1.html}, else {@code a/b.html}, {@code a/b.json}
 * or {@code a/b} (so {@code /robots.txt} is {@code robots.txt}); anything else is 404. Like the Fake Store API,
 * a JSON array answered for a request with {@code startdate=YYYY-MM-DD} keeps the items dated on or after it.
 */
public final class SiteServer implements AutoCloseable {

    public enum Fault { STATUS_429, STATUS_500, SLOW, MALFORMED, TRUNCATED }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String site;
    private final Map<String, List<Fault>> faults = new HashMap<>();
    private final Map<String, String> replaced = new HashMap<>();
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private volatile long slowMillis = 2_000;
    private final LoopbackHttpServer server;

    /** A request as received: when (nanoTime), its path with query, its user agent. */
    public record Request(long nanos, String target, String userAgent) {
    }

    private SiteServer(String site) {
        this.site = site;
        this.server = LoopbackHttpServer.start("site-" + site, 0, 2, this::handle);
    }

    public static SiteServer start(String site) {
        return new SiteServer(site);
    }

    public URI baseUri() {
        return server.baseUri();
    }

    /** The next requests whose path starts with {@code prefix} meet these faults, in order. */
    public synchronized void inject(String prefix, Fault... next) {
        faults.computeIfAbsent(prefix, p -> new ArrayList<>()).addAll(List.of(next));
    }

    public void slowResponsesTake(long millis) {
        slowMillis = millis;
    }

    /** Serves {@code body} for exactly this path (with query) instead of the authored file. */
    public synchronized void replace(String target, String body) {
        replaced.put(target, body);
    }

    public synchronized void reset() {
        faults.clear();
        replaced.clear();
        requests.clear();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public long requestCount(String prefix) {
        return requests.stream().filter(r -> r.target().startsWith(prefix)).count();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(LoopbackHttpServer.Exchange exchange) throws IOException, InterruptedException {
        String target = exchange.target();
        requests.add(new Request(System.nanoTime(), target, exchange.requestHeader("User-Agent")));
        Fault fault = takeFault(exchange.path());
        byte[] body = body(exchange.path(), exchange.rawQuery(), target);
        if (fault == Fault.STATUS_429) {
            exchange.setHeader("Retry-After", "1").text(429, "Too Many Requests");
            return;
        }
        if (fault == Fault.STATUS_500) {
            exchange.text(500, "Internal Server Error");
            return;
        }
        if (fault == Fault.SLOW) {
            // The fault itself: an answer slower than the reader's timeout.
            Thread.sleep(slowMillis);
        }
        if (body == null) {
            exchange.text(404, "Not found: " + target);
            return;
        }
        if (fault == Fault.MALFORMED) {
            exchange.send(200, null, "{\"products\": [{\"id\": 1, \"title\": ".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (fault == Fault.TRUNCATED) {
            OutputStream out = exchange.body(200, body.length);
            out.write(body, 0, body.length / 2);
            out.flush();
            // Closing the exchange with bytes missing makes the server drop the connection.
            throw new IOException("truncated on purpose");
        }
        exchange.send(200, null, body);
    }

    private synchronized Fault takeFault(String path) {
        for (Map.Entry<String, List<Fault>> entry : faults.entrySet()) {
            if (path.startsWith(entry.getKey()) && !entry.getValue().isEmpty()) {
                return entry.getValue().remove(0);
            }
        }
        return null;
    }

    private synchronized byte[] body(String requestPath, String rawQuery, String target) throws IOException {
        if (replaced.containsKey(target)) {
            return replaced.get(target).getBytes(StandardCharsets.UTF_8);
        }
        String path = requestPath.replaceAll("^/+", "");
        List<String> candidates = new ArrayList<>();
        if (rawQuery != null) {
            candidates.add(path + "@" + rawQuery + ".html");
        }
        if (rawQuery == null) {
            candidates.add(path + ".html");
        }
        candidates.addAll(List.of(path + ".json", path));
        for (String candidate : candidates) {
            try (InputStream in = SiteServer.class.getResourceAsStream("/sites/" + site + "/" + candidate)) {
                if (in != null && !candidate.isEmpty()) {
                    byte[] bytes = in.readAllBytes();
                    return candidate.endsWith(".json") ? filterByDate(bytes, rawQuery) : bytes;
                }
            }
        }
        return null;
    }

    private static byte[] filterByDate(byte[] bytes, String query) {
        if (query == null || !query.contains("startdate=")) {
            return bytes;
        }
        String start = query.replaceAll(".*startdate=([0-9-]{10}).*", "$1");
        JsonNode root = JSON.readTree(bytes);
        ArrayNode kept = JSON.createArrayNode();
        root.forEach(item -> {
            if (item.path("date").asString("").compareTo(start) >= 0) {
                kept.add(item);
            }
        });
        return JSON.writeValueAsBytes(kept);
    }
}
