package vn.ecomdss.testsupport.partners;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The fakes' idea of now: the wall clock plus an offset a test can advance, so token expiry and hourly quotas are
 * tested without sleeping. Clients that sign timestamps read {@link #now()} to stay in step with the fake.
 */
final class FakeClock {

    private Duration offset = Duration.ZERO;
    private Instant lastChange = Instant.EPOCH;

    synchronized Instant now() {
        return Instant.now().plus(offset).truncatedTo(ChronoUnit.MILLIS);
    }

    synchronized void advance(Duration by) {
        offset = offset.plus(by);
    }

    /**
     * A whole second strictly after the previous one, so two changes never share an update time; when changes come
     * faster than one a second the clock itself is pushed on, so no record is ever updated after "now".
     */
    synchronized Instant nextChangeTime() {
        Instant now = Instant.now().plus(offset).truncatedTo(ChronoUnit.SECONDS);
        if (!now.isAfter(lastChange)) {
            offset = offset.plus(Duration.between(now, lastChange.plusSeconds(1)));
            now = lastChange.plusSeconds(1);
        }
        lastChange = now;
        return now;
    }
}
