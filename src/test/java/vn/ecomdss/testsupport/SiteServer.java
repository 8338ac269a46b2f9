package vn.ecomdss.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

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
    private final HttpServer server;
    private final Map<String, List<Fault>> faults = new HashMap<>();
    private final Map<String, String> replaced = new HashMap<>();
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private volatile long slowMillis = 2_000;

    /** A request as received: when (nanoTime), its path with query, its user agent. */
    public record Request(long nanos, String target, String userAgent) {
    }

    private SiteServer(String site, HttpServer server) {
        this.site = site;
        this.server = server;
    }

    public static SiteServer start(String site) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SiteServer sites = new SiteServer(site, http);
            http.createContext("/", sites::handle);
            http.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "site-" + site);
                thread.setDaemon(true);
                return thread;
            }));
            http.start();
            return sites;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + site + " test site", e);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
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
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String target = uri.getRawQuery() == null ? uri.getPath() : uri.getPath() + "?" + uri.getRawQuery();
            requests.add(new Request(System.nanoTime(), target, exchange.getRequestHeaders().getFirst("User-Agent")));
            Fault fault = takeFault(uri.getPath());
            byte[] body = body(uri, target);
            if (fault == Fault.STATUS_429) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                reply(exchange, 429, "Too Many Requests".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (fault == Fault.STATUS_500) {
                reply(exchange, 500, "Internal Server Error".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (fault == Fault.SLOW) {
                sleep(slowMillis);
            }
            if (body == null) {
                reply(exchange, 404, ("Not found: " + target).getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (fault == Fault.MALFORMED) {
                reply(exchange, 200, "{\"products\": [{\"id\": 1, \"title\": ".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (fault == Fault.TRUNCATED) {
                exchange.sendResponseHeaders(200, body.length);
                OutputStream out = exchange.getResponseBody();
                out.write(body, 0, body.length / 2);
                out.flush();
                throw new IOException("truncated on purpose");
            }
            reply(exchange, 200, body);
        } catch (IOException e) {
            // The truncated response: closing the exchange with bytes missing makes the server drop the connection.
        }
    }

    private synchronized Fault takeFault(String path) {
        for (Map.Entry<String, List<Fault>> entry : faults.entrySet()) {
            if (path.startsWith(entry.getKey()) && !entry.getValue().isEmpty()) {
                return entry.getValue().remove(0);
            }
        }
        return null;
    }

    private synchronized byte[] body(URI uri, String target) throws IOException {
        if (replaced.containsKey(target)) {
            return replaced.get(target).getBytes(StandardCharsets.UTF_8);
        }
        String path = uri.getPath().replaceAll("^/+", "");
        List<String> candidates = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            candidates.add(path + "@" + uri.getRawQuery() + ".html");
        }
        if (uri.getRawQuery() == null) {
            candidates.add(path + ".html");
        }
        candidates.addAll(List.of(path + ".json", path));
        for (String candidate : candidates) {
            try (InputStream in = SiteServer.class.getResourceAsStream("/sites/" + site + "/" + candidate)) {
                if (in != null && !candidate.isEmpty()) {
                    byte[] bytes = in.readAllBytes();
                    return candidate.endsWith(".json") ? filterByDate(bytes, uri.getRawQuery()) : bytes;
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

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
