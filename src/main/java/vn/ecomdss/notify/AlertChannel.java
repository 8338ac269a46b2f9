package vn.ecomdss.notify;

import vn.ecomdss.pipeline.Alert;
import vn.ecomdss.pipeline.JobDefinition;

/** One way of telling operators ({@code kafka}, {@code email}, {@code webhook}); one implementation per file. */
interface AlertChannel {

    /** The name a job's {@code alerts.channels} uses. */
    String name();

    /** Whether the operator configured what it needs (an SMTP server, a webhook address); if not, it is skipped. */
    boolean configured();

    /** Delivers the alert, or throws naming what failed. */
    void send(Alert alert, JobDefinition.Alerting alerting) throws Exception;
}
