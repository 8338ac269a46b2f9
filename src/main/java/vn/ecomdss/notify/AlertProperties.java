package vn.ecomdss.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator's alert settings, from the environment ({@code DSS_ALERTS_WEBHOOK_URL},
 * {@code DSS_ALERTS_WEBHOOK_SECRET}, {@code DSS_ALERTS_EMAIL_FROM}); the SMTP server is Spring's
 * {@code spring.mail.*} ({@code SPRING_MAIL_HOST}, ...).
 *
 * @param webhook where the webhook channel posts (Slack-compatible JSON) and the secret its HMAC signature uses
 */
@ConfigurationProperties("dss.alerts")
public record AlertProperties(@DefaultValue Webhook webhook, @DefaultValue("dss-alerts@localhost") String emailFrom) {

    public record Webhook(String url, String secret) {
        public boolean configured() {
            return url != null && !url.isBlank();
        }
    }
}
