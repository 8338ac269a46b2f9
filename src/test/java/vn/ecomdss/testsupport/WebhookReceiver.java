package vn.ecomdss.testsupport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import vn.ecomdss.embedded.LoopbackHttpServer;

/**
 * A webhook endpoint as an operator's receiver would run it: it checks each post's {@code X-DSS-Signature} against
 * its own HMAC-SHA256 of {@code <X-DSS-Timestamp>.<body>} under the shared secret, answers 401 to a bad one and
 * keeps what it accepted.
 */
public final class WebhookReceiver implements AutoCloseable {

    public static final String SECRET = "test-webhook-secret";

    /** A post that arrived, with whether its signature verified. */
    public record Delivery(String body, String timestamp, boolean signatureValid) {
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final LoopbackHttpServer server;

    private WebhookReceiver() {
        server = LoopbackHttpServer.start("webhook", 0, 2, exchange -> {
            String body = exchange.requestBody();
            String timestamp = exchange.requestHeader("X-DSS-Timestamp");
            String signature = exchange.requestHeader("X-DSS-Signature");
            boolean valid = timestamp != null && signature != null
                    && signature.equals("sha256=" + hmac(timestamp + "." + body));
            deliveries.add(new Delivery(body, timestamp, valid));
            exchange.text(valid ? 200 : 401, valid ? "ok" : "bad signature");
        });
    }

    public static WebhookReceiver start() {
        return new WebhookReceiver();
    }

    public URI uri() {
        return server.baseUri().resolve("/hooks/dss");
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    private static String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
