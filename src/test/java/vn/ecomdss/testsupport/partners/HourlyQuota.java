package vn.ecomdss.testsupport.partners;

import java.time.Duration;
import java.time.Instant;

/** A fixed-window request quota per clock hour, as the Tiki and Sendo limits are stated (N requests per hour). */
final class HourlyQuota {

    private final FakeClock clock;
    private int limit;
    private long window = -1;
    private int used;

    HourlyQuota(FakeClock clock, int limit) {
        this.clock = clock;
        this.limit = limit;
    }

    synchronized void setLimit(int limit) {
        this.limit = limit;
    }

    /** Counts one request; false when the hour's quota is already spent. */
    synchronized boolean tryAcquire() {
        long hour = clock.now().getEpochSecond() / 3600;
        if (hour != window) {
            window = hour;
            used = 0;
        }
        if (used >= limit) {
            return false;
        }
        used++;
        return true;
    }

    /** Whole seconds until the next window opens, at least one: what a Retry-After header should say. */
    synchronized long secondsUntilReset() {
        Instant now = clock.now();
        long next = (now.getEpochSecond() / 3600 + 1) * 3600;
        long millis = Duration.between(now, Instant.ofEpochSecond(next)).toMillis();
        // Rounded up: a client that waits exactly this long must find the new window open.
        return Math.max(1, (millis + 999) / 1000);
    }

    /** Spends the rest of this hour's quota, so the next request is refused. */
    void exhaust() {
        while (tryAcquire()) {
            // Each turn uses one request of the hour's quota.
        }
    }
}
