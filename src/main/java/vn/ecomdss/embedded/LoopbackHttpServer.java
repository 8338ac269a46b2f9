package vn.ecomdss.embedded;

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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP server on 127.0.0.1 for the simulated marketplace and the tests' fixture sites: one handler on daemon
 * threads, answering JSON, text or bytes. The JDK's server is enough for these, so no web stack is started.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoopbackHttpServer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Answers one request; the exchange is closed afterwards, whatever it throws. */
    @FunctionalInterface
    public interface Handler {
        void handle(Exchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param name  names the threads, and so the server in the log lines
     * @param port  0 for an ephemeral port
     */
    public static LoopbackHttpServer start(String name, int port, int threads, Handler handler) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the " + name + " server to 127.0.0.1:" + port, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        http.createContext("/", exchange -> dispatch(exchange, handler));
        http.setExecutor(executor);
        http.start();
        return new LoopbackHttpServer(http, executor);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Runs on the server's threads, which are named after it: the log lines name the server by its thread. */
    private static void dispatch(HttpExchange http, Handler handler) {
        String server = Thread.currentThread().getName();
        try (http) {
            handler.handle(new Exchange(http));
        } catch (IOException e) {
            // The client went away, or a handler cut the answer short on purpose: nothing is left to answer.
            log.debug("{}: exchange for {} ended early: {}", server, http.getRequestURI(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The exchange may be half-written; all we can do is not kill the dispatcher thread.
            log.warn("{}: request {} failed", server, http.getRequestURI(), e);
        }
    }

    /** One request and its answer. */
    public static final class Exchange {

        private final HttpExchange http;
        private Map<String, String> query;

        private Exchange(HttpExchange http) {
            this.http = http;
        }

        public String method() {
            return http.getRequestMethod();
        }

        public String path() {
            return http.getRequestURI().getPath();
        }

        /** The query as sent, still encoded; null without one. */
        public String rawQuery() {
            return http.getRequestURI().getRawQuery();
        }

        /** The path with its raw query, as a client would write it. */
        public String target() {
            return rawQuery() == null ? path() : path() + "?" + rawQuery();
        }

        /** Decoded query parameters; of a repeated name the first value counts. */
        public Map<String, String> query() {
            if (query == null) {
                query = parse(rawQuery());
            }
            return query;
        }

        public String requestHeader(String name) {
            return http.getRequestHeaders().getFirst(name);
        }

        /** The request's body (empty without one); it can be read once. */
        public byte[] requestBytes() throws IOException {
            return http.getRequestBody().readAllBytes();
        }

        /** The request's body as UTF-8 text (empty without one); it can be read once. */
        public String requestBody() throws IOException {
            return new String(requestBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        public Exchange setHeader(String name, String value) {
            http.getResponseHeaders().set(name, value);
            return this;
        }

        public void json(int status, JsonNode body) throws IOException {
            send(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
        }

        public void text(int status, String body) throws IOException {
            send(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
        }

        /** @param contentType null to send none */
        public void send(int status, String contentType, byte[] body) throws IOException {
            if (contentType != null) {
                setHeader("Content-Type", contentType);
            }
            try (OutputStream out = body(status, body.length)) {
                out.write(body);
            }
        }

        /** Sends the status and headers, announcing {@code length} bytes; the caller writes them. */
        public OutputStream body(int status, long length) throws IOException {
            http.sendResponseHeaders(status, length);
            return http.getResponseBody();
        }

        private static Map<String, String> parse(String rawQuery) {
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
    }
}
