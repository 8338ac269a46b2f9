package vn.ecomdss.report;

import java.nio.file.Path;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Mails a report's files to its definition's recipients, when an SMTP server is configured (Spring Boot makes the
 * {@link JavaMailSender} only when {@code spring.mail.host} is set) and the definition names recipients.
 */
@Component
public class ReportMailer {

    private final ObjectProvider<JavaMailSender> mail;
    private final ReportProperties properties;

    public ReportMailer(ObjectProvider<JavaMailSender> mail, ReportProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    /** Whether {@link #send} would send: SMTP configured and someone to send to. */
    public boolean canSend(ReportDefinition definition) {
        return mail.getIfAvailable() != null && !definition.recipients().isEmpty();
    }

    /** One mail to every recipient with each file attached; a failure names the report and the SMTP error. */
    public void send(BusinessReport report, String summary, List<Path> files) {
        JavaMailSender sender = mail.getObject();
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(properties.emailFrom());
            helper.setTo(report.definition().recipients().toArray(String[]::new));
            helper.setSubject(report.definition().title() + " · " + HtmlReportRenderer.periodText(report.period()));
            helper.setText(summary + "\n\nThe report is attached as " + files.stream()
                    .map(f -> f.getFileName().toString()).toList() + ". Made by run " + report.runId() + ".\n");
            for (Path file : files) {
                helper.addAttachment(file.getFileName().toString(), new FileSystemResource(file),
                        ReportFormat.of(extension(file)).mediaType());
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot compose the mail of report " + report.fileStem() + ": "
                    + e.getMessage(), e);
        }
        sender.send(message);
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
