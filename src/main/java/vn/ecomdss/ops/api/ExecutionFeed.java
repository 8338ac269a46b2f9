package vn.ecomdss.ops.api;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.ops.ExecutionQueries;

/**
 * {@code /ws/executions?execution=<id>}: a run's progress pushed over a WebSocket, the execution's detail (as
 * {@code GET /api/v1/executions/{id}} answers it) every second while it runs and once more when it has ended, after
 * which the server closes the connection normally. The handshake is an HTTP GET, so it is signed in like the rest of
 * the API (a session or a VIEWER token). An unknown execution closes with 4404 and the reason.
 */
@Configuration
@EnableWebSocket
public class ExecutionFeed extends TextWebSocketHandler implements WebSocketConfigurer {

    static final CloseStatus UNKNOWN_EXECUTION = new CloseStatus(4404, "no such execution");
    private static final Logger log = LoggerFactory.getLogger(ExecutionFeed.class);
    private static final Set<String> LIVE = Set.of("STARTING", "STARTED", "STOPPING");

    private final ExecutionQueries executions;
    private final JsonMapper json;
    private final Map<String, ScheduledFuture<?>> ticking = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "ws-progress");
        thread.setDaemon(true);
        return thread;
    });

    public ExecutionFeed(ExecutionQueries executions, JsonMapper json) {
        this.executions = executions;
        this.json = json;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(this, "/ws/executions");
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        Optional<Long> id = executionId(session.getUri());
        if (id.isEmpty() || executions.summary(id.get()).isEmpty()) {
            session.close(UNKNOWN_EXECUTION.withReason("no execution "
                    + id.map(String::valueOf).orElse("named (add ?execution=<id>)")));
            return;
        }
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, 5_000, 1 << 20);
        ticking.put(session.getId(), ticks.scheduleWithFixedDelay(() -> tick(safe, id.get()), 0, 1, TimeUnit.SECONDS));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        ScheduledFuture<?> tick = ticking.remove(session.getId());
        if (tick != null) {
            tick.cancel(false);
        }
    }

    private void tick(WebSocketSession session, long id) {
        try {
            ExecutionQueries.ExecutionDetail detail = executions.detail(id).orElseThrow();
            session.sendMessage(new TextMessage(json.writeValueAsString(detail)));
            if (!LIVE.contains(detail.status())) {
                session.close(CloseStatus.NORMAL.withReason("execution " + id + " " + detail.status()));
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Feed of execution {} ended: {}", id, e.getMessage());
            afterConnectionClosed(session, CloseStatus.GOING_AWAY);
        } catch (RuntimeException e) {
            log.warn("Feed of execution {} failed: {}", id, e.getMessage());
            afterConnectionClosed(session, CloseStatus.SERVER_ERROR);
        }
    }

    private static Optional<Long> executionId(URI uri) {
        if (uri == null) {
            return Optional.empty();
        }
        String value = UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("execution");
        try {
            return value == null ? Optional.empty() : Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @PreDestroy
    void close() {
        ticks.shutdownNow();
    }
}
