package vn.ecomdss.ml;

import java.nio.file.Path;

import ai.djl.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.ecomdss.DssProperties;

/**
 * DJL on its PyTorch engine, offline and on one thread: the native library comes from the jar on the class path and is
 * unpacked under {@link MlProperties#engineCache}; nothing is downloaded. One thread for intra- and inter-op work keeps
 * training reproducible (same data and seed, same weights) and leaves the other core to the database. DJL reads these
 * settings once, when the engine first loads, so a JVM keeps the first application's cache directory.
 */
@Component
public class DjlEngine {

    private static final Logger log = LoggerFactory.getLogger(DjlEngine.class);
    private static final String ENGINE = "PyTorch";

    private final Path cache;

    public DjlEngine(DssProperties dss, MlProperties ml) {
        this.cache = ml.engineCache(dss.dataDir()).toAbsolutePath();
    }

    /** The engine, loaded on first use. */
    public synchronized Engine engine() {
        setIfAbsent("DJL_CACHE_DIR", cache.toString());
        setIfAbsent("ENGINE_CACHE_DIR", cache.toString());
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.default_engine", ENGINE);
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        if (!Engine.hasEngine(ENGINE)) {
            throw new IllegalStateException("DJL has no " + ENGINE + " engine on the class path (ai.djl.pytorch:"
                    + "pytorch-engine and pytorch-native-cpu are needed)");
        }
        Engine engine = Engine.getEngine(ENGINE);
        log.debug("DJL {} {} with its native library under {}", engine.getEngineName(), engine.getVersion(), cache);
        return engine;
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
