package vn.ecomdss.extract.http;

import java.util.function.LongSupplier;

import vn.ecomdss.pipeline.SourceDefinition;

/**
 * A token bucket: {@code burst} requests may go at once, then one more every {@code 3600 / requestsPerHour}
 * seconds. {@link #acquire} blocks its caller and is fair across threads, so requests to one host go one at a
 * time and never faster than the source's declared rate.
 */
public final class RequestThrottle {

    /** How the throttle waits; tests pass one that advances a fake clock. */
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final double nanosPerRequest;
    private final int burst;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private double tokens;
    private long refilledAt;

    public RequestThrottle(SourceDefinition.RateLimit limit, LongSupplier nanoClock, Sleeper sleeper) {
        this.nanosPerRequest = limit.requestsPerHour() <= 0 ? 0 : 3_600e9 / limit.requestsPerHour();
        this.burst = Math.max(1, limit.burst());
        this.clock = nanoClock;
        this.sleeper = sleeper;
        this.tokens = burst;
        this.refilledAt = nanoClock.getAsLong();
    }

    public static RequestThrottle of(SourceDefinition.RateLimit limit) {
        return new RequestThrottle(limit, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    /** Waits until a request may go; returns how long it waited, in nanoseconds. */
    public synchronized long acquire() throws InterruptedException {
        if (nanosPerRequest == 0) {
            return 0;
        }
        long waited = 0;
        refill();
        while (tokens < 1) {
            long wait = (long) Math.ceil((1 - tokens) * nanosPerRequest);
            sleeper.sleep(wait);
            waited += wait;
            refill();
        }
        tokens -= 1;
        return waited;
    }

    private void refill() {
        long now = clock.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) / nanosPerRequest);
        refilledAt = now;
    }
}
