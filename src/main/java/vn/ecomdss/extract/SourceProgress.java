package vn.ecomdss.extract;

import java.net.URI;

/**
 * What a source reader reports as it goes, for the extract step's figures: pages and bytes fetched, retries made,
 * records passed over as unchanged since the watermark, pages robots.txt disallows, listing pages whose
 * structure drifted (no item found), and a source skipped for want of what it needs. A listener overrides what it counts.
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

    /** The source reads nothing in this run, for {@code reason} (no credentials configured, ...); the job goes on. */
    default void skipped(String reason) {
    }
}
