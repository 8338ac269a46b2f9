package vn.ecomdss.extract;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import vn.ecomdss.lake.DataLake;
import vn.ecomdss.lake.RawEnvelope;

/** Stores each chunk of envelopes in the lake in one bulk write and counts them into the step's figures. */
final class LakeWriter implements ItemWriter<RawEnvelope> {

    private final DataLake lake;
    private final ExtractionStats stats;

    LakeWriter(DataLake lake, ExtractionStats stats) {
        this.lake = lake;
        this.stats = stats;
    }

    @Override
    public void write(Chunk<? extends RawEnvelope> chunk) {
        List<RawEnvelope> envelopes = new ArrayList<>(chunk.getItems());
        lake.store(envelopes);
        stats.landed(envelopes.size());
    }
}
