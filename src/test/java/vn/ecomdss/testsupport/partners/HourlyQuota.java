package vn.ecomdss.testsupport.partners;

import java.time.Duration;
import java.time.Instant;

/** A fixed-window request quota per clock hour, as the Tiki and Sendo limits are stated (N requests per hour). */
final class HourlyQuota {

    private final FakeClock clock;
    private int limit;
    private long window = -1;
    private int used;
    /** The hour left when the next request arrives, armed by {@link #exhaustAtNextRequest}. */
    private Duration hourLeftAtNextRequest;
    /** How far arming has moved the clock, for {@link #rewindClock}. */
    private Duration clockMove = Duration.ZERO;

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

    /**
     * The next request, whenever it comes, finds this hour's quota spent with {@code hourLeft} of the hour to go: on
     * its arrival the clock is moved on to that point and the quota spent, so the request is refused with a
     * {@code Retry-After} of {@code hourLeft} (whole seconds) however long the client took to send it, and the next
     * hour's quota opens once {@code hourLeft} has really passed. {@link #rewindClock} moves the clock back.
     */
    synchronized void exhaustAtNextRequest(Duration hourLeft) {
        hourLeftAtNextRequest = hourLeft;
    }

    /** Moves the clock back by what {@link #exhaustAtNextRequest} moved it on, so later tests see today. */
    synchronized void rewindClock() {
        clock.advance(clockMove.negated());
        clockMove = Duration.ZERO;
    }

    /** A request arrives: what {@link #exhaustAtNextRequest} armed happens now. The arrival time by the clock. */
    synchronized Instant arrival() {
        Duration hourLeft = hourLeftAtNextRequest;
        if (hourLeft == null) {
            return clock.now();
        }
        hourLeftAtNextRequest = null;
        Instant now = clock.now();
        Instant hourEnd = Instant.ofEpochSecond((now.getEpochSecond() / 3600 + 1) * 3600);
        Duration by = Duration.between(now, hourEnd.minus(hourLeft));
        if (by.isNegative()) {
            by = by.plusHours(1);
        }
        clock.advance(by);
        clockMove = clockMove.plus(by);
        exhaust();
        return clock.now();
    }
}
