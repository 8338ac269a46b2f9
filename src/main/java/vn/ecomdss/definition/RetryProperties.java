package vn.ecomdss.definition;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import vn.ecomdss.pipeline.RetryPolicy;

/**
 * The retry policy of every step that declares none ({@code DSS_RETRIES_DEFAULT_RETRIES},
 * {@code DSS_RETRIES_DEFAULT_DELAY}), like Airflow's {@code default_task_retries}; the defaults are the original
 * DAG's, two retries five minutes apart. The tests set no retries, so a failure they inject fails the run at once.
 */
@ConfigurationProperties("dss.retries")
public record RetryProperties(@DefaultValue("2") int defaultRetries, @DefaultValue("PT5M") Duration defaultDelay) {

    public RetryPolicy policy() {
        return new RetryPolicy(defaultRetries, defaultDelay);
    }
}
