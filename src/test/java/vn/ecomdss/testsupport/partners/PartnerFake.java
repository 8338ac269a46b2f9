package vn.ecomdss.testsupport.partners;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import vn.ecomdss.embedded.LoopbackHttpServer;

/**
 * What every partner-API fake has: one seeded shop, a clock tests move instead of waiting, the requests counted by
 * path, and a loopback server answering through the platform's {@link #handle}.
 */
public abstract class PartnerFake implements AutoCloseable {

    protected final FakeClock clock = new FakeClock();
    protected final PartnerShop shop;
    protected final RequestCounts requests = new RequestCounts();
    private final LoopbackHttpServer server;

    /** @param seed the shop's seed, one per platform so the three shops differ */
    protected PartnerFake(String name, long seed) {
        this.shop = PartnerShop.generate(seed, clock.now());
        this.server = LoopbackHttpServer.start(name, 0, 2, this::handle);
    }

    /** Answers one request as the platform would. */
    protected abstract void handle(LoopbackHttpServer.Exchange exchange) throws IOException;

    /** Stands for the platform's API host: the paths the fake's constants name go under it. */
    public URI baseUri() {
        return server.baseUri();
    }

    public Instant now() {
        return clock.now();
    }

    public void advanceClock(Duration by) {
        clock.advance(by);
    }

    public int requestCount(String path) {
        return requests.count(path);
    }

    public Map<String, Integer> requestCounts() {
        return requests.snapshot();
    }

    @Override
    public void close() {
        server.close();
    }
}
