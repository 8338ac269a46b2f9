package vn.ecomdss.pipeline;

import java.time.Duration;

/**
 * How often a failed step runs again within the same execution, and how long it waits before each new attempt.
 * A step's {@code retries} and {@code retry-delay} keys override the platform's default ({@code dss.retries.*},
 * by default the original DAG's {@code default_args}: two retries, five minutes apart).
 *
 * @param retries how many attempts follow the first, at most; 0 runs the step once
 */
public record RetryPolicy(int retries, Duration delay) {

    public static final String RETRIES = "retries";
    public static final String RETRY_DELAY = "retry-delay";
    public static final int MAX_RETRIES = 10;

    public RetryPolicy {
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("retries must be 0 to " + MAX_RETRIES + ", got " + retries);
        }
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("a retry delay is 0 or more, got " + delay);
        }
    }

    /** The step's own policy: each key it declares (checked by the definition loader) replaces the default's. */
    public static RetryPolicy of(StepDefinition step, RetryPolicy defaults) {
        String delay = step.text(RETRY_DELAY, null);
        return new RetryPolicy(step.integer(RETRIES, defaults.retries()),
                delay == null ? defaults.delay() : Duration.parse(delay));
    }
}
