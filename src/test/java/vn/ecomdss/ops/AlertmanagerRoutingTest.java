package vn.ecomdss.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.ecomdss.testsupport.WebhookReceiver;

/**
 * The shipped {@code ops/alertmanager/alertmanager.yml} run by a real Alertmanager (Debian's
 * prometheus-alertmanager, which {@code .ci/run} installs) in front of the server: a firing Prometheus rule is
 * raised on the job's alert channels with the platform's key, so the job's own alert for the same failure stays
 * quiet; the server-down rule goes straight to the webhook.
 */
class AlertmanagerRoutingTest extends OpsTestSupport {

    private static final Path SHIPPED = Path.of("ops/alertmanager/alertmanager.yml");
    private static final String KEY = "job_failure:dss_etl";

    @TempDir
    Path dir;
    private Process alertmanager;

    @BeforeEach
    void quiet() {
        jdbc.update("delete from ops.alert_delivery where alert_key = ?", KEY);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theShippedConfigurationPassesAmtool() throws Exception {
        Process check = new ProcessBuilder(binary("amtool"), "check-config", SHIPPED.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(output).isZero();
        assertThat(output).contains("SUCCESS", "2 receivers");
    }

    @Test
    void aFiringRuleIsRaisedOnTheJobsChannelsOnceAndTheServerDownRuleGoesStraightToTheWebhook() throws Exception {
        int port = freePort();
        startAlertmanager(port);
        int hooksBefore = WEBHOOK.deliveries().size();

        String posted = post(URI.create("http://127.0.0.1:" + port + "/api/v2/alerts"), """
                [{"labels": {"alertname": "EtlJobFailed", "job_name": "dss_etl", "severity": "critical",
                             "kind": "job_failure", "alert_key": "job_failure:dss_etl"},
                  "annotations": {"summary": "dss_etl: the latest execution failed",
                                  "description": "Find it with GET /api/v1/executions?job=dss_etl&status=FAILED"}},
                 {"labels": {"alertname": "EtlServerDown", "instance": "127.0.0.1:8080", "severity": "critical",
                             "kind": "health"},
                  "annotations": {"summary": "The ecommerce-dss server at 127.0.0.1:8080 does not answer Prometheus",
                                  "description": "Nothing is scheduled or served while it is down."}}]
                """);
        assertThat(posted).isEqualTo("200");

        List<String> delivered = await(() -> jdbc.queryForList("""
                select channel || ' ' || outcome from ops.alert_delivery where alert_key = ? order by channel
                """, String.class, KEY), rows -> rows.size() == 3);
        assertThat(delivered).containsExactly("email sent", "kafka sent", "webhook sent");
        List<WebhookReceiver.Delivery> hooks = await(() -> WEBHOOK.deliveries().subList(hooksBefore,
                WEBHOOK.deliveries().size()), list -> list.size() >= 2);
        assertThat(hooks).filteredOn(WebhookReceiver.Delivery::signatureValid).singleElement()
                .satisfies(hook -> assertThat(hook.body()).contains("dss_etl: the latest execution failed",
                        "\"kind\":\"JOB_FAILURE\"", "\"key\":\"job_failure:dss_etl\""));
        assertThat(hooks).filteredOn(hook -> !hook.signatureValid())
                .anySatisfy(hook -> assertThat(hook.body()).contains("\"attachments\"",
                        "The ecommerce-dss server at 127.0.0.1:8080 does not answer Prometheus"));
        assertThat(jdbc.queryForObject("select count(*) from ops.alert_delivery where alert_key like 'prometheus:EtlServerDown%'",
                Integer.class)).as("the server-down alert never passes through the server").isZero();

        Answer listed = get("/api/v1/alerts?outcome=sent&limit=500", bearer(VIEWER_TOKEN));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().valueStream().filter(d -> d.path("alertKey").asString().equals(KEY))
                .map(d -> d.path("channel").asString() + " " + d.path("title").asString()).sorted().toList())
                .containsExactly("email dss_etl: the latest execution failed", "kafka dss_etl: the latest execution failed",
                        "webhook dss_etl: the latest execution failed");

        // The job's own alert for the same failure, within the quiet period: recorded, not sent again.
        Answer again = post("/api/v1/alerts/alertmanager", bearer(OPERATOR_TOKEN), """
                {"receiver": "ecommerce-dss", "status": "firing", "alerts": [{"status": "firing",
                 "labels": {"alertname": "EtlJobFailed", "job_name": "dss_etl", "alert_key": "job_failure:dss_etl",
                            "kind": "job_failure"}, "annotations": {"summary": "dss_etl failed again"},
                 "fingerprint": "abc"}]}
                """);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("raised").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForList("""
                select channel || ' ' || outcome from ops.alert_delivery where alert_key = ? and title = 'dss_etl failed again'
                order by channel
                """, String.class, KEY)).containsExactly("email suppressed", "kafka suppressed", "webhook suppressed");
    }

    @Test
    void theEndpointsWantTheirRolesAndSayWhatIsWrongWithARequest() {
        String body = "{\"alerts\": []}";
        assertThat(post("/api/v1/alerts/alertmanager", null, body).status()).isEqualTo(401);
        assertThat(post("/api/v1/alerts/alertmanager", bearer(VIEWER_TOKEN), body).status()).isEqualTo(403);
        Answer noAlerts = post("/api/v1/alerts/alertmanager", bearer(OPERATOR_TOKEN), "{\"status\": \"firing\"}");
        assertThat(noAlerts.status()).isEqualTo(400);
        assertThat(noAlerts.json().path("detail").asString()).contains("'alerts' array", "[status]");
        Answer badKind = post("/api/v1/alerts/alertmanager", bearer(OPERATOR_TOKEN), """
                {"alerts": [{"status": "firing", "labels": {"alertname": "X", "kind": "weather"}}]}
                """);
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.json().path("field").asString()).isEqualTo("alerts[0].labels.kind");
        assertThat(badKind.json().path("detail").asString()).contains("got 'weather'");
        Answer badOutcome = get("/api/v1/alerts?outcome=lost", bearer(VIEWER_TOKEN));
        assertThat(badOutcome.status()).isEqualTo(400);
        assertThat(badOutcome.json().path("field").asString()).isEqualTo("outcome");
        assertThat(get("/api/v1/alerts", null).status()).isEqualTo(401);
    }

    /** Alertmanager on the shipped file, pointed at this server, this test's token and the test webhook. */
    private void startAlertmanager(int port) throws Exception {
        Path token = Files.writeString(dir.resolve("ecommerce-dss.token"), OPERATOR_TOKEN);
        Path hookUrl = Files.writeString(dir.resolve("dss-alerts-webhook.url"), WEBHOOK.uri().toString());
        String config = Files.readString(SHIPPED)
                .replace("http://127.0.0.1:8080", baseUrl())
                .replace("/etc/alertmanager/ecommerce-dss.token", token.toString())
                .replace("/etc/alertmanager/dss-alerts-webhook.url", hookUrl.toString())
                .replace("group_wait: 30s", "group_wait: 0s");
        assertThat(config).as("the substitutions found what they replace").contains(baseUrl(), token.toString(),
                hookUrl.toString(), "group_wait: 0s");
        Path file = Files.writeString(dir.resolve("alertmanager.yml"), config);
        alertmanager = new ProcessBuilder(binary("prometheus-alertmanager"), "--config.file=" + file,
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=").redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        await(() -> status(URI.create("http://127.0.0.1:" + port + "/-/ready")), "200"::equals);
    }

    private String status(URI uri) {
        try {
            return Integer.toString(http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return "down";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private String post(URI uri, String body) throws Exception {
        return Integer.toString(http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
    }

    private <T> T await(Supplier<T> value, java.util.function.Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 30 s; last seen: " + last + "; Alertmanager's log:\n"
                        + (Files.exists(dir.resolve("alertmanager.log")) ? Files.readString(dir.resolve("alertmanager.log")) : ""));
            }
            Thread.sleep(100);
            last = value.get();
        }
        return last;
    }

    /** The tool from PATH; missing is a failure that says how to install it, not a skipped test. */
    private static String binary(String name) {
        for (String directory : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(name + " is not on PATH: apt-get install -y prometheus-alertmanager (.ci/run does)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
