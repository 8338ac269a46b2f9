package vn.ecomdss.extract.http;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.pipeline.SourceDefinition;

/**
 * The HTTP client a source is read with. Requests to one host share one throttle, so they go one at a time at the
 * source's rate even when several sources (an API and its site) answer from that host.
 */
@Component
public class SourceHttpClients {

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, RequestThrottle> throttles = new ConcurrentHashMap<>();

    public JsonHttpClient of(SourceDefinition source, URI baseUri) {
        RequestThrottle throttle = throttles.computeIfAbsent(baseUri.getScheme() + "://" + baseUri.getRawAuthority(),
                host -> RequestThrottle.of(source.rateLimit()));
        return new JsonHttpClient(json, source.timeout(), source.maxRetries(), source.userAgent(), throttle);
    }
}
