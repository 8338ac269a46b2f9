package vn.ecomdss.extract.http;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.DssProperties;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * The HTTP client a source is read with. Requests to one host share one throttle, so they go one at a time at the
 * source's rate even when several sources (an API and its site) answer from that host.
 */
@Component
public class SourceHttpClients {

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, RequestThrottle> throttles = new ConcurrentHashMap<>();
    private final DssProperties properties;

    public SourceHttpClients(DssProperties properties) {
        this.properties = properties;
    }

    public JsonHttpClient of(SourceDefinition source, URI baseUri) {
        RequestThrottle throttle = throttles.computeIfAbsent(baseUri.getScheme() + "://" + baseUri.getRawAuthority(),
                host -> RequestThrottle.of(rateLimit(source)));
        return new JsonHttpClient(json, source.timeout(), source.maxRetries(), source.userAgent(), throttle);
    }

    /** The definition's {@code rate-limit}, with the operator's {@code requests-per-hour} and {@code burst} over it. */
    SourceDefinition.RateLimit rateLimit(SourceDefinition source) {
        DssProperties.SourceOverride override = properties.sourceOverride(source.name());
        SourceDefinition.RateLimit declared = source.rateLimit();
        int perHour = override.requestsPerHour() != null ? override.requestsPerHour() : declared.requestsPerHour();
        int burst = override.burst() != null ? override.burst() : declared.burst();
        if (perHour < 0 || burst < 1) {
            throw new IllegalArgumentException("dss.sources." + source.name() + ": requests-per-hour must be at least 0"
                    + " and burst at least 1, got " + perHour + " and " + burst);
        }
        return new SourceDefinition.RateLimit(perHour, burst);
    }
}
