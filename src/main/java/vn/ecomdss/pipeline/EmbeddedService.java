package vn.ecomdss.pipeline;

import java.net.URI;

/**
 * A built-in service a source definition can name as {@code embedded: <name>} instead of a {@code base-url}, such
 * as the vnmarket simulator; the stage that serves it implements this, the extract stage only asks for its address.
 */
public interface EmbeddedService {

    /** The name a source definition uses for it. */
    String name();

    /** Where it answers, starting it on first use. */
    URI baseUri();
}
