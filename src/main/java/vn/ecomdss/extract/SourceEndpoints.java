package vn.ecomdss.extract;

import java.net.URI;

import org.springframework.stereotype.Component;

import vn.ecomdss.DssProperties;
import vn.ecomdss.definition.SourceDefinition;
import vn.ecomdss.simulator.VnMarketHost;

/**
 * Where a source answers: the operator's {@code dss.sources.<name>.base-url} if set, else the definition's
 * {@code base-url}, else the built-in service the definition names as {@code embedded}.
 */
@Component
public class SourceEndpoints {

    private final DssProperties properties;
    private final VnMarketHost vnMarket;

    public SourceEndpoints(DssProperties properties, VnMarketHost vnMarket) {
        this.properties = properties;
        this.vnMarket = vnMarket;
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
        return vnMarket.baseUri();
    }
}
