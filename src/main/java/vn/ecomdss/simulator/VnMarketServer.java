package vn.ecomdss.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves a {@link VnMarketSimulator} over HTTP on 127.0.0.1:
 * {@code GET /api/{products|customers|orders}?as_of=YYYY-MM-DD&limit=100&skip=0} and {@code GET /api/defects?as_of=}.
 */
public final class VnMarketServer implements AutoCloseable {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final VnMarketSimulator simulator;
    private final HttpServer server;
    private final ExecutorService executor;

    private VnMarketServer(VnMarketSimulator simulator, HttpServer server, ExecutorService executor) {
        this.simulator = simulator;
        this.server = server;
        this.executor = executor;
    }

    /** @param port 0 for an ephemeral port */
    public static VnMarketServer start(VnMarketSimulator simulator, int port) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "vnmarket-http");
                thread.setDaemon(true);
                return thread;
            });
            VnMarketServer market = new VnMarketServer(simulator, http, executor);
            http.createContext("/", market::handle);
            http.setExecutor(executor);
            http.start();
            return market;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the vnmarket server to 127.0.0.1:" + port, e);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                reply(exchange, 405, error("method " + exchange.getRequestMethod() + " is not allowed; use GET"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith("/api/")) {
                reply(exchange, 404, error("no such path: " + path));
                return;
            }
            String resource = path.substring("/api/".length());
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Optional<MarketEntity> entity = MarketEntity.fromPathName(resource);
            try {
                if (entity.isPresent()) {
                    reply(exchange, 200, page(entity.get(), query));
                } else if ("platforms".equals(resource)) {
                    reply(exchange, 200, PlatformFees.json(simulator.json(), asOf(query),
                            intParameter(query, "skip", 0, 0, Integer.MAX_VALUE),
                            intParameter(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)));
                } else if ("defects".equals(resource)) {
                    reply(exchange, 200, simulator.defectsJson(asOf(query)));
                } else {
                    reply(exchange, 404, error("no such path: " + path));
                }
            } catch (BadParameter e) {
                reply(exchange, 400, error(e.getMessage()));
            }
        } catch (RuntimeException e) {
            // The exchange may be half-written; all we can do is not kill the dispatcher thread.
            System.err.println("vnmarket: request failed: " + e);
        }
    }

    private ObjectNode page(MarketEntity entity, Map<String, String> query) {
        LocalDate asOf = asOf(query);
        int limit = intParameter(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int skip = intParameter(query, "skip", 0, 0, Integer.MAX_VALUE);
        MarketPage page = simulator.page(entity, asOf, skip, limit);
        ObjectNode body = simulator.json().createObjectNode();
        ArrayNode items = body.putArray("items");
        page.items().forEach(items::add);
        body.put("total", page.total());
        body.put("skip", page.skip());
        body.put("limit", page.limit());
        return body;
    }

    private static LocalDate asOf(Map<String, String> query) {
        String value = query.get("as_of");
        if (value == null) {
            return VnMarketSimulator.today();
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadParameter("as_of must be a date YYYY-MM-DD, got '" + value + "'");
        }
    }

    private static int intParameter(Map<String, String> query, String name, int fallback, int min, int max) {
        String value = query.get(name);
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadParameter(name + " must be an integer, got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new BadParameter(name + " must be between " + min + " and " + max + ", got '" + value + "'");
        }
        return parsed;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(key, value);
        }
        return query;
    }

    private ObjectNode error(String message) {
        return simulator.json().createObjectNode().put("error", message);
    }

    private void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = simulator.json().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message);
        }
    }
}
