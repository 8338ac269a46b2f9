package vn.ecomdss.simulator;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.EmbeddedService;

/**
 * Serves the built-in vnmarket simulator over local HTTP, started on first use so that a run without the
 * vnmarket source opens no port.
 */
@Component
public class VnMarketHost implements EmbeddedService, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VnMarketHost.class);

    private final SimulatorProperties properties;
    private VnMarketServer server;

    public VnMarketHost(SimulatorProperties properties) {
        this.properties = properties;
    }

    @Override
    public String name() {
        return "vnmarket";
    }

    @Override
    public synchronized URI baseUri() {
        if (server == null) {
            server = VnMarketServer.start(new VnMarketSimulator(VnMarketSettings.defaults().withDirty(properties.rates())), 0);
            log.info("vnmarket simulator serving at {}{}", server.baseUri(),
                    properties.rates().equals(DirtyRates.none()) ? "" : " in dirty mode " + properties.rates());
        }
        return server.baseUri();
    }

    @Override
    public synchronized void destroy() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
