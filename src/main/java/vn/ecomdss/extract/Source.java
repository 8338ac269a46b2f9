package vn.ecomdss.extract;

import java.util.Map;

import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * One kind of source ({@code kind:} in {@code job-definitions/sources/}): how the records of a source of that kind
 * are read. A new kind is one implementation of this, as a bean, and the YAML files of its sources.
 */
public interface Source {

    /** The {@code kind} of the source definitions it reads. */
    String kind();

    /**
     * The reader of every entity of {@code source} for this run.
     *
     * @param watermarks entity name to what the last completed run recorded ({@link SourceReader#newWatermarks}),
     *                   empty on a full refresh or before the first run
     * @param progress   where the reader reports pages, bytes, retries and records passed over
     */
    SourceReader reader(SourceDefinition source, RunParameters run, Map<String, String> watermarks,
                        SourceProgress progress);
}
