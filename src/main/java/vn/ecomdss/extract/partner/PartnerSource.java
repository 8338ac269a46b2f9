package vn.ecomdss.extract.partner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import vn.ecomdss.extract.FetchedRecord;
import vn.ecomdss.extract.Source;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * A marketplace's partner API as a {@link Source}: its credentials come from the environment when a run starts, and
 * without them the source reads nothing and says which variables to set, so a deployment that sells on no shop of
 * that marketplace runs the same jobs. A kind gives the reader it builds once credentials are there.
 */
public abstract class PartnerSource implements Source {

    private static final Logger log = LoggerFactory.getLogger(PartnerSource.class);

    protected final PartnerSettings settings;
    protected final PartnerTokenStore tokens;

    protected PartnerSource(PartnerSettings settings, PartnerTokenStore tokens) {
        this.settings = settings;
        this.tokens = tokens;
    }

    /**
     * The settings the skip names when credentials are missing: the app's key, its secret and, for an OAuth
     * platform, the seller's authorization code; a platform whose app logs in says {@link PartnerCredentials#LOGIN_KEYS}.
     * A per-shop kind's {@code shop-id} is added to them (see {@link #needsShopId}).
     */
    protected List<String> credentialKeys() {
        return PartnerCredentials.KEYS;
    }

    /**
     * Whether the kind's calls name one shop of the seller, so that its credentials are complete only with
     * {@code shop-id} and the skip names {@code DSS_SOURCES_X_SHOP_ID} too.
     */
    protected boolean needsShopId() {
        return false;
    }

    /** The reader of {@code source} with the operator's {@code credentials}. */
    protected abstract SourceReader reader(SourceDefinition source, PartnerCredentials credentials,
                                           Map<String, String> watermarks, SourceProgress progress);

    @Override
    public final SourceReader reader(SourceDefinition source, RunParameters run, Map<String, String> watermarks,
                                     SourceProgress progress) {
        Optional<PartnerCredentials> credentials = settings.credentials(source.name())
                .filter(found -> !needsShopId() || found.shopId() != null);
        if (credentials.isEmpty()) {
            String reason = source.name() + ": no credentials ("
                    + PartnerCredentials.variables(source.name(), skipKeys()) + ")";
            log.warn("{}; the source is skipped and the job goes on", reason);
            progress.skipped(reason);
            return new NothingToRead();
        }
        return reader(source, credentials.get(), watermarks, progress);
    }

    /** The settings a skip names: {@link #credentialKeys}, and {@code shop-id} for a per-shop kind. */
    private List<String> skipKeys() {
        if (!needsShopId()) {
            return credentialKeys();
        }
        List<String> keys = new ArrayList<>(credentialKeys());
        keys.add(PartnerCredentials.SHOP_ID);
        return keys;
    }

    /** The reader of a source skipped for want of credentials: nothing, and no watermark moves. */
    private static final class NothingToRead implements SourceReader {
        @Override
        public FetchedRecord read() {
            return null;
        }

        @Override
        public void open(ExecutionContext context) {
        }

        @Override
        public void update(ExecutionContext context) {
        }

        @Override
        public void close() {
        }

        @Override
        public Map<String, String> newWatermarks() {
            return Map.of();
        }
    }
}
