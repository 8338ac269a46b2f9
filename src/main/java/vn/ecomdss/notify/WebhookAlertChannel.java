package vn.ecomdss.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.pipeline.Alert;
import vn.ecomdss.pipeline.JobDefinition;

/**
 * {@code webhook}: posts Slack-compatible JSON ({@code text}, plus the alert itself under {@code alert}) to the
 * operator's {@code dss.alerts.webhook.url}, signed so the receiver can tell it came from here: header
 * {@code X-DSS-Timestamp} (epoch seconds) and {@code X-DSS-Signature: sha256=<hex HMAC-SHA256 of
 * "<timestamp>.<body>" under dss.alerts.webhook.secret>}; the timestamp in the signed text defeats replays.
 */
@Component
class WebhookAlertChannel implements AlertChannel {

    static final String SIGNATURE_HEADER = "X-DSS-Signature";
    static final String TIMESTAMP_HEADER = "X-DSS-Timestamp";

    private final AlertProperties.Webhook webhook;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    WebhookAlertChannel(AlertProperties properties) {
        this.webhook = properties.webhook();
    }

    @Override
    public String name() {
        return "webhook";
    }

    /** An unsigned alert could be forged by anyone who can reach the receiver, so both address and secret are needed. */
    @Override
    public boolean configured() {
        return webhook.configured() && webhook.secret() != null && !webhook.secret().isBlank();
    }

    @Override
    public void send(Alert alert, JobDefinition.Alerting alerting) throws Exception {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", "*[" + alert.severity() + "] " + alert.title() + "*\n" + alert.detail());
        payload.put("alert", KafkaAlertChannel.asMessage(alert));
        String body = json.writeValueAsString(payload);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.url()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .header(TIMESTAMP_HEADER, timestamp)
                .header(SIGNATURE_HEADER, "sha256=" + signature(webhook.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("webhook " + webhook.url() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** Hex HMAC-SHA256 of {@code <timestamp>.<body>}; receivers compute the same to verify. */
    static String signature(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
