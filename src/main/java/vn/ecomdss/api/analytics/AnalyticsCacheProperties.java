package vn.ecomdss.api.analytics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long analytics answers are kept ({@code ttl}, default one minute: the marts change when a run refreshes them,
 * and a minute-old answer is fresh enough for a dashboard) and how many are kept in process ({@code maxEntries} per
 * cache, default 10,000) when no Redis is configured.
 */
@ConfigurationProperties("dss.analytics.cache")
public record AnalyticsCacheProperties(Duration ttl, Long maxEntries) {

    public AnalyticsCacheProperties {
        ttl = ttl == null ? Duration.ofMinutes(1) : ttl;
        maxEntries = maxEntries == null ? 10_000L : maxEntries;
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("dss.analytics.cache.ttl must be positive, got " + ttl);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("dss.analytics.cache.max-entries must be 1 or more, got " + maxEntries);
        }
    }
}
