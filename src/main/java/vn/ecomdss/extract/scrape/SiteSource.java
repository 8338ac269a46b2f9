package vn.ecomdss.extract.scrape;

import java.net.URI;
import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.extract.Source;
import vn.ecomdss.extract.SourceEndpoints;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.extract.http.SourceHttpClients;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * {@code kind: html}: a web site's listing pages, scraped politely. A listing page that drifted (no item found) is
 * counted and also recorded in {@code dq.page_drift}, where the raw quality check finds it.
 */
@Component
public class SiteSource implements Source {

    private final SourceEndpoints endpoints;
    private final SourceHttpClients clients;
    private final PageDriftLog driftLog;
    private final JsonMapper json = JsonMapper.builder().build();

    public SiteSource(SourceEndpoints endpoints, SourceHttpClients clients, PageDriftLog driftLog) {
        this.endpoints = endpoints;
        this.clients = clients;
        this.driftLog = driftLog;
    }

    @Override
    public String kind() {
        return "html";
    }

    /** The watermarks are unused: every run reads every listing page. */
    @Override
    public SourceReader reader(SourceDefinition source, RunParameters run, Map<String, String> watermarks,
                               SourceProgress progress) {
        URI baseUri = endpoints.baseUri(source);
        return new SiteReader(source, baseUri, clients.of(source, baseUri), json,
                new DriftRecording(progress, driftLog, run.runId(), source.name()));
    }

    private record DriftRecording(SourceProgress counted, PageDriftLog driftLog, String runId, String source)
            implements SourceProgress {

        @Override
        public void page(long bytes) {
            counted.page(bytes);
        }

        @Override
        public void retry() {
            counted.retry();
        }

        @Override
        public void unchanged() {
            counted.unchanged();
        }

        @Override
        public void disallowed(URI url) {
            counted.disallowed(url);
        }

        @Override
        public void drift(String entity, URI url, String selector) {
            counted.drift(entity, url, selector);
            driftLog.record(runId, source, entity, url.toString(), selector);
        }
    }
}
