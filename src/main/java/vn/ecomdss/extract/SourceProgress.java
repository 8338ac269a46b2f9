package vn.ecomdss.extract;

import java.net.URI;

/**
 * What a source reader reports as it goes, for the extract step's figures: pages and bytes fetched, retries made,
 * records passed over as unchanged since the watermark, pages robots.txt disallows, and listing pages whose
 * structure drifted (no item found). A listener overrides what it counts.
 */
public interface SourceProgress {

    default void page(long bytes) {
    }

    default void retry() {
    }

    /** A record passed over because it has not changed since the watermark. */
    default void unchanged() {
    }

    default void disallowed(URI url) {
    }

    /** A listing page on which the entity's selector found no item. */
    default void drift(String entity, URI url, String selector) {
    }
}
