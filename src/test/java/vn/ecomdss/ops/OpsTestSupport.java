package vn.ecomdss.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Predicate;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.ops.security.ApiTokenFilter;
import vn.ecomdss.testsupport.PlatformTestSupport;
import vn.ecomdss.warehouse.FactSalesLoader;

/**
 * The server as an operator meets it: the server profile on a random loopback port, real HTTP, users with bcrypt
 * hashes and API tokens from configuration. The scheduler is off here (its own test turns it on). Load facts can
 * be made to fail once through the spied {@link FactSalesLoader}. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=server", "dss.scheduler.enabled=false", "server.address=127.0.0.1"})
public abstract class OpsTestSupport extends PlatformTestSupport {

    protected static final String OPERATOR = "olivia";
    protected static final String OPERATOR_PASSWORD = "operator-secret-1";
    protected static final String VIEWER = "victor";
    protected static final String VIEWER_PASSWORD = "viewer-secret-1";
    protected static final String VIEWER_TOKEN = "viewer-token-4f1d2c";
    protected static final String OPERATOR_TOKEN = "operator-token-9a8b7c";
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder();
    private static final String OPERATOR_HASH = BCRYPT.encode(OPERATOR_PASSWORD);
    private static final String VIEWER_HASH = BCRYPT.encode(VIEWER_PASSWORD);

    protected final JsonMapper json = JsonMapper.builder().build();
    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @MockitoSpyBean
    protected FactSalesLoader factSalesLoader;

    @DynamicPropertySource
    static void access(DynamicPropertyRegistry registry) {
        registry.add("dss.security.users[0].name", () -> OPERATOR);
        registry.add("dss.security.users[0].password-hash", () -> OPERATOR_HASH);
        registry.add("dss.security.users[0].roles", () -> "OPERATOR");
        registry.add("dss.security.users[1].name", () -> VIEWER);
        registry.add("dss.security.users[1].password-hash", () -> VIEWER_HASH);
        registry.add("dss.security.users[1].roles", () -> "VIEWER");
        registry.add("dss.security.tokens[0].name", () -> "prometheus");
        registry.add("dss.security.tokens[0].sha256", () -> sha256(VIEWER_TOKEN));
        registry.add("dss.security.tokens[0].roles", () -> "VIEWER");
        registry.add("dss.security.tokens[1].name", () -> "deployer");
        registry.add("dss.security.tokens[1].sha256", () -> sha256(OPERATOR_TOKEN));
        registry.add("dss.security.tokens[1].roles", () -> "OPERATOR");
    }

    protected record Answer(int status, String contentType, String body, JsonNode json) {
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    protected static String bearer(String token) {
        return "Bearer " + token;
    }

    protected Answer get(String path, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET(), authorization);
    }

    protected Answer post(String path, String authorization, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)),
                authorization);
    }

    private Answer send(HttpRequest.Builder request, String authorization) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode node = type.contains("json") && !response.body().isEmpty() ? json.readTree(response.body()) : null;
            return new Answer(response.statusCode(), type, response.body(), node);
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls an execution's detail until it satisfies the condition, failing after the timeout. */
    protected JsonNode awaitExecution(long id, Predicate<JsonNode> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode detail = null;
        while (System.nanoTime() < deadline) {
            detail = get("/api/v1/executions/" + id, basic(VIEWER, VIEWER_PASSWORD)).json();
            if (condition.test(detail)) {
                return detail;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("execution " + id + " did not reach the expected state within " + timeout
                + "; last seen: " + detail);
    }

    protected static String sha256(String value) {
        return ApiTokenFilter.sha256(value);
    }
}
