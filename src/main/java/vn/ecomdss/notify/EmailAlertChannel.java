package vn.ecomdss.notify;

import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.Alert;
import vn.ecomdss.pipeline.JobDefinition;

/** {@code email}: a plain-text mail to the job's {@code alerts.email-to}, when an SMTP server is configured. */
@Component
class EmailAlertChannel implements AlertChannel {

    private final ObjectProvider<JavaMailSender> mail;
    private final AlertProperties properties;

    EmailAlertChannel(ObjectProvider<JavaMailSender> mail, AlertProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "email";
    }

    /** Spring Boot makes the mail sender only when {@code spring.mail.host} is set. */
    @Override
    public boolean configured() {
        return mail.getIfAvailable() != null;
    }

    @Override
    public void send(Alert alert, JobDefinition.Alerting alerting) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.emailFrom());
        message.setTo(alerting.emailTo().toArray(String[]::new));
        message.setSubject("[dss " + alert.severity() + "] " + alert.title());
        message.setText(body(alert));
        mail.getObject().send(message);
    }

    static String body(Alert alert) {
        String fields = alert.fields().entrySet().stream().map(e -> "  " + e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n"));
        return alert.detail() + "\n\n" + "job: " + alert.job() + "\nrun_id: " + alert.runId() + "\nkind: "
                + alert.kind() + "\nalert key: " + alert.key() + (fields.isEmpty() ? "" : "\n" + fields) + "\n";
    }

}
