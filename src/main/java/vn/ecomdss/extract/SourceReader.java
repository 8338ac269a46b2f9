package vn.ecomdss.extract;

import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads one source's records for one extract step. Its position goes into the step's execution context with each
 * chunk so a restart resumes there; what it reached becomes the source's watermarks once the step completes.
 */
public interface SourceReader extends ItemStreamReader<FetchedRecord> {

    /** Entity name to where the next run starts ({@code ops.source_watermark}); empty for a kind that keeps none. */
    Map<String, String> newWatermarks();

    /** The reader of a skipped source: nothing, and no watermark moves. */
    static SourceReader nothing() {
        return new SourceReader() {
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
        };
    }
}
