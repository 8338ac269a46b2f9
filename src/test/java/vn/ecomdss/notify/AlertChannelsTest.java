package vn.ecomdss.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import vn.ecomdss.testsupport.PlatformTestSupport;
import vn.ecomdss.testsupport.WebhookReceiver;
import vn.ecomdss.warehouse.FactSalesLoader;

class AlertChannelsTest extends PlatformTestSupport {

    private static final String KEY = "job_failure:dss_etl";

    @MockitoSpyBean
    FactSalesLoader factSalesLoader;

    @BeforeEach
    void startsOutsideAnyQuietPeriod() {
        jdbc.update("delete from ops.alert_delivery where alert_key = ?", KEY);
    }

    @Test
    void aFailedRunAlertsOnceOnEachChannelAndARepeatWithinTheQuietPeriodStaysQuiet() throws Exception {
        doThrow(new IllegalStateException("injected fault in load_facts")).when(factSalesLoader).load(any());

        JobExecution first = runEtl("alerts-first", "2026-09-20", "fakestore");
        JobExecution second = runEtl("alerts-second", "2026-09-21", "fakestore");

        assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(second.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.queryForList("""
                select run_id || ' ' || channel || ' ' || outcome from ops.alert_delivery
                where alert_key = ? order by id
                """, String.class, KEY)).containsExactly(
                "alerts-first kafka sent", "alerts-first email sent", "alerts-first webhook sent",
                "alerts-second kafka suppressed", "alerts-second email suppressed", "alerts-second webhook suppressed");

        List<MimeMessage> mails = Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> subject(m).contains("alerts-")).toList();
        assertThat(mails).hasSize(1);
        assertThat(subject(mails.get(0))).isEqualTo("[dss CRITICAL] dss_etl run alerts-first failed at load_facts");
        assertThat(mails.get(0).getRecipients(Message.RecipientType.TO)[0].toString())
                .isEqualTo("data-team@ecommerce-dss.local");
        assertThat(mails.get(0).getContent().toString()).contains("step load_facts:", "injected fault in load_facts");

        List<WebhookReceiver.Delivery> hooks = WEBHOOK.deliveries().stream()
                .filter(d -> d.body().contains("\"run_id\":\"alerts-")).toList();
        assertThat(hooks).hasSize(1);
        assertThat(hooks.get(0).signatureValid()).as("the receiver verified the HMAC signature").isTrue();
        assertThat(hooks.get(0).body()).contains("\"text\":\"*[CRITICAL] dss_etl run alerts-first failed at load_facts*");

        assertThat(messages(KafkaAlertChannel.TOPIC).stream().filter(m -> m.contains("\"run_id\":\"alerts-")))
                .singleElement().asString().contains("\"kind\":\"JOB_FAILURE\"", "\"key\":\"" + KEY + "\"");
    }

    @Test
    void onceTheQuietPeriodHasPassedTheSameFailureAlertsAgain() throws Exception {
        doThrow(new IllegalStateException("injected fault in load_facts")).when(factSalesLoader).load(any());
        runEtl("alerts-before-quiet", "2026-09-22", "fakestore");
        jdbc.update("update ops.alert_delivery set at = at - interval '31 minutes' where alert_key = ?", KEY);

        runEtl("alerts-after-quiet", "2026-09-23", "fakestore");

        assertThat(jdbc.queryForList("""
                select channel || ' ' || outcome from ops.alert_delivery where alert_key = ? and run_id = ? order by id
                """, String.class, KEY, "alerts-after-quiet")).containsExactly("kafka sent", "email sent", "webhook sent");
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
