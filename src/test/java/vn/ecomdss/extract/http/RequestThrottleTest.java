package vn.ecomdss.extract.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import vn.ecomdss.pipeline.SourceDefinition;

class RequestThrottleTest {

    private final AtomicLong clock = new AtomicLong();

    @Test
    void aBurstGoesAtOnceThenRequestsAreSpacedByTheHourlyRate() throws Exception {
        RequestThrottle throttle = new RequestThrottle(new SourceDefinition.RateLimit(1000, 3), clock::get, clock::addAndGet);
        List<Long> sentAt = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            throttle.acquire();
            sentAt.add(clock.get());
        }
        long spacing = 3_600_000_000_000L / 1000;
        assertThat(sentAt.subList(0, 3)).containsOnly(0L);
        assertThat(sentAt.get(3)).isEqualTo(spacing);
        assertThat(sentAt.get(5) - sentAt.get(4)).isEqualTo(spacing);
    }

    @Test
    void aPoliteSiteGetsOneRequestEveryTwoSecondsAndIdleTimeRefillsOnlyUpToTheBurst() throws Exception {
        RequestThrottle throttle = new RequestThrottle(new SourceDefinition.RateLimit(1800, 1), clock::get, clock::addAndGet);
        throttle.acquire();
        assertThat(throttle.acquire()).isEqualTo(2_000_000_000L);
        clock.addAndGet(60_000_000_000L);
        assertThat(throttle.acquire()).isZero();
        assertThat(throttle.acquire()).isEqualTo(2_000_000_000L);
    }

    @Test
    void noLimitNeverWaits() throws Exception {
        RequestThrottle throttle = new RequestThrottle(new SourceDefinition.RateLimit(0, 1), clock::get, clock::addAndGet);
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.acquire()).isZero();
        }
    }
}
