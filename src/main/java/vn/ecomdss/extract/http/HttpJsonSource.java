package vn.ecomdss.extract.http;

import java.net.URI;
import java.util.Map;

import org.springframework.stereotype.Component;

import vn.ecomdss.extract.Source;
import vn.ecomdss.extract.SourceEndpoints;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceDefinition;

/** {@code kind: http-json}: a REST API read page by page, incremental entities from their watermark. */
@Component
public class HttpJsonSource implements Source {

    private final SourceEndpoints endpoints;
    private final SourceHttpClients clients;

    public HttpJsonSource(SourceEndpoints endpoints, SourceHttpClients clients) {
        this.endpoints = endpoints;
        this.clients = clients;
    }

    @Override
    public String kind() {
        return "http-json";
    }

    @Override
    public SourceReader reader(SourceDefinition source, RunParameters run, Map<String, String> watermarks,
                               SourceProgress progress) {
        URI baseUri = endpoints.baseUri(source);
        return new PagedJsonReader(source, baseUri, run.logicalDate(), clients.of(source, baseUri), progress,
                watermarks);
    }
}
