package vn.ecomdss.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator's report settings: the sender of report mails ({@code DSS_REPORTS_EMAIL_FROM}). The SMTP server is
 * Spring's {@code spring.mail.*} ({@code SPRING_MAIL_HOST}, ...), shared with the alert e-mails.
 */
@ConfigurationProperties("dss.reports")
public record ReportProperties(@DefaultValue("dss-reports@localhost") String emailFrom) {
}
