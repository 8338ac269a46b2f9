package vn.ecomdss.extract;

import java.util.Map;

import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads one source's records for one extract step. Its position goes into the step's execution context with each
 * chunk so a restart resumes there; what it reached becomes the source's watermarks once the step completes.
 */
public interface SourceReader extends ItemStreamReader<FetchedRecord> {

    /** Entity name to where the next run starts ({@code ops.source_watermark}); empty for a kind that keeps none. */
    Map<String, String> newWatermarks();
}
