package vn.ecomdss.ml;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's model settings. {@code engineCache} ({@code DSS_ML_ENGINE_CACHE}) is where DJL unpacks the PyTorch
 * native library shipped in the application (about 430 MB, once): by default {@code djl} under the data directory,
 * never a shared temporary directory.
 */
@ConfigurationProperties("dss.ml")
public record MlProperties(Path engineCache) {

    public Path engineCache(Path dataDir) {
        return engineCache != null ? engineCache : dataDir.resolve("djl");
    }
}
