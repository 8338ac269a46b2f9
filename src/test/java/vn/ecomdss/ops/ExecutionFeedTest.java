package vn.ecomdss.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import tools.jackson.databind.JsonNode;

/** The WebSocket feed of a run's progress, signed in like the REST API. */
class ExecutionFeedTest extends OpsTestSupport {

    /** What a client received until the server closed. */
    private record Feed(List<JsonNode> messages, int closeCode, String reason) {
    }

    @Test
    void aFinishedRunIsSentOnceAsTheApiDescribesItAndTheFeedClosesNormally() throws Exception {
        JobExecution run = runEtl("ws-finished", "2026-11-05", "vnmarket");
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Feed feed = follow(run.getId(), bearer(VIEWER_TOKEN));

        assertThat(feed.closeCode()).isEqualTo(1000);
        assertThat(feed.reason()).isEqualTo("execution " + run.getId() + " COMPLETED");
        assertThat(feed.messages()).singleElement()
                .isEqualTo(get("/api/v1/executions/" + run.getId(), bearer(VIEWER_TOKEN)).json());
    }

    @Test
    void aLiveRunIsFollowedUntilItCompletes() throws Exception {
        Answer launched = post("/api/v1/jobs/dss_etl/executions", bearer(OPERATOR_TOKEN),
                "{\"sources\": \"vnmarket\", \"logical_date\": \"2026-11-06\", \"run_id\": \"ws-live\"}");
        assertThat(launched.status()).isEqualTo(202);
        long id = launched.json().path("executionId").asLong();

        Feed feed = follow(id, bearer(VIEWER_TOKEN));

        assertThat(feed.closeCode()).isEqualTo(1000);
        assertThat(feed.messages()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(feed.messages().get(0).path("status").asString()).isIn("STARTING", "STARTED");
        assertThat(feed.messages().get(feed.messages().size() - 1).path("status").asString()).isEqualTo("COMPLETED");
        List<Long> completed = feed.messages().stream().map(m -> m.path("steps").valueStream()
                .filter(s -> s.path("status").asString().equals("COMPLETED")).count()).toList();
        assertThat(completed).isSorted();
        assertThat(completed.get(completed.size() - 1)).isEqualTo(etlSteps());
    }

    @Test
    void nobodyIsRefusedAtTheHandshakeAndAnUnknownExecutionIsClosedWithTheReason() throws Exception {
        assertThatThrownBy(() -> follow(1, null)).cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(401));
        Feed unknown = follow(99_999_999, bearer(VIEWER_TOKEN));
        assertThat(unknown.messages()).isEmpty();
        assertThat(unknown.closeCode()).isEqualTo(4404);
        assertThat(unknown.reason()).isEqualTo("no execution 99999999");
    }

    /** Connects to the feed of the execution and collects what arrives until the server closes (at most 5 min). */
    private Feed follow(long execution, String authorization) throws Exception {
        List<JsonNode> messages = new CopyOnWriteArrayList<>();
        CompletableFuture<Feed> closed = new CompletableFuture<>();
        StringBuilder partial = new StringBuilder();
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        try {
            builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/executions?execution=" + execution),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                messages.add(json.readTree(partial.toString()));
                                partial.setLength(0);
                            }
                            socket.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                            closed.complete(new Feed(List.copyOf(messages), code, reason));
                            return null;
                        }

                        @Override
                        public void onError(WebSocket socket, Throwable error) {
                            closed.completeExceptionally(error);
                        }
                    }).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the handshake failed", e.getCause());
        }
        return closed.get(5, TimeUnit.MINUTES);
    }
}
