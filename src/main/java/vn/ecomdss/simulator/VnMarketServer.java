package vn.ecomdss.simulator;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vn.ecomdss.embedded.LoopbackHttpServer;

/**
 * Serves a {@link VnMarketSimulator} over HTTP on 127.0.0.1:
 * {@code GET /api/{products|customers|orders|promotions|platforms}?as_of=YYYY-MM-DD&limit=100&skip=0} and
 * {@code GET /api/defects?as_of=}.
 */
public final class VnMarketServer implements AutoCloseable {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final VnMarketSimulator simulator;
    private final LoopbackHttpServer server;

    private VnMarketServer(VnMarketSimulator simulator, int port) {
        this.simulator = simulator;
        this.server = LoopbackHttpServer.start("vnmarket-http", port, 4, this::handle);
    }

    /** @param port 0 for an ephemeral port */
    public static VnMarketServer start(VnMarketSimulator simulator, int port) {
        return new VnMarketServer(simulator, port);
    }

    public URI baseUri() {
        return server.baseUri();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(LoopbackHttpServer.Exchange exchange) throws IOException {
        if (!"GET".equals(exchange.method())) {
            exchange.setHeader("Allow", "GET")
                    .json(405, error("method " + exchange.method() + " is not allowed; use GET"));
            return;
        }
        String path = exchange.path();
        if (!path.startsWith("/api/")) {
            exchange.json(404, error("no such path: " + path));
            return;
        }
        String resource = path.substring("/api/".length());
        Map<String, String> query = exchange.query();
        Optional<MarketEntity> entity = MarketEntity.fromPathName(resource);
        try {
            if (entity.isPresent()) {
                exchange.json(200, page(entity.get(), query));
            } else if ("promotions".equals(resource)) {
                exchange.json(200, body(simulator.promotionPage(asOf(query),
                        intParameter(query, "skip", 0, 0, Integer.MAX_VALUE),
                        intParameter(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT))));
            } else if ("platforms".equals(resource)) {
                exchange.json(200, PlatformFees.json(simulator.json(), asOf(query),
                        intParameter(query, "skip", 0, 0, Integer.MAX_VALUE),
                        intParameter(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)));
            } else if ("defects".equals(resource)) {
                exchange.json(200, simulator.defectsJson(asOf(query)));
            } else {
                exchange.json(404, error("no such path: " + path));
            }
        } catch (BadParameter e) {
            exchange.json(400, error(e.getMessage()));
        }
    }

    private ObjectNode page(MarketEntity entity, Map<String, String> query) {
        LocalDate asOf = asOf(query);
        int limit = intParameter(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int skip = intParameter(query, "skip", 0, 0, Integer.MAX_VALUE);
        return body(simulator.page(entity, asOf, skip, limit));
    }

    private ObjectNode body(MarketPage page) {
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

    private ObjectNode error(String message) {
        return simulator.json().createObjectNode().put("error", message);
    }

    private static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message);
        }
    }
}
