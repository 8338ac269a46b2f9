package vn.ecomdss.extract;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import vn.ecomdss.DssProperties;
import vn.ecomdss.pipeline.EmbeddedService;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * Where a source answers: the operator's {@code dss.sources.<name>.base-url} if set, else the definition's
 * {@code base-url}, else the built-in service the definition names as {@code embedded}.
 */
@Component
public class SourceEndpoints {

    private final DssProperties properties;
    private final Map<String, EmbeddedService> embedded;

    public SourceEndpoints(DssProperties properties, List<EmbeddedService> embedded) {
        this.properties = properties;
        this.embedded = embedded.stream().collect(Collectors.toMap(EmbeddedService::name, Function.identity()));
    }

    /** The operator's {@code dss.sources.<name>.base-url}, or null. */
    public String override(SourceDefinition source) {
        return properties.baseUrlOverride(source.name());
    }

    public URI baseUri(SourceDefinition source) {
        String override = properties.baseUrlOverride(source.name());
        if (override != null) {
            return URI.create(override);
        }
        if (source.baseUrl() != null) {
            return URI.create(source.baseUrl());
        }
        EmbeddedService service = embedded.get(source.embedded());
        if (service == null) {
            throw new IllegalStateException(source.file() + ": embedded: no built-in service '" + source.embedded()
                    + "' answers over HTTP here (known: " + embedded.keySet() + ")");
        }
        return service.baseUri();
    }
}
