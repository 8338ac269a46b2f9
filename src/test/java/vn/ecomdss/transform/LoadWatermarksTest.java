package vn.ecomdss.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;

import vn.ecomdss.lake.DataLake;
import vn.ecomdss.lake.LakeReader;
import vn.ecomdss.lake.LakeRecord;
import vn.ecomdss.lake.RawEnvelope;
import vn.ecomdss.testsupport.PlatformTestSupport;

/** An incremental listing reads, on the real lake, only what the watermark run did not see. */
class LoadWatermarksTest extends PlatformTestSupport {

    @Autowired
    DataLake lake;
    @Autowired
    LoadWatermarks watermarks;

    @Test
    void anIncrementalReadSkipsWhatTheLastLoadSawButNotARecordThatChangedBack() {
        store("wm-1", "A", "v1");
        store("wm-1", "B", "v1");
        store("wm-2", "A", "v2");
        store("wm-2", "B", "v1");
        store("wm-3", "A", "v1");
        store("wm-3", "B", "v1");
        store("wm-3", "C", "v1");

        assertThat(read("wm-2", "wm-1")).containsExactly("A:v2");
        assertThat(read("wm-3", "wm-2")).containsExactlyInAnyOrder("A:v1", "C:v1");
        assertThat(read("wm-3", null)).hasSize(3);
    }

    @Test
    void theWatermarkMovesOnlyWhenTheRunCompletes() {
        watermarks.pending("wm-run-1", "wmsource", "orders");
        assertThat(watermarks.lastLoadedRun("wmsource", "orders")).isEmpty();
        watermarks.advance("wm-run-1");
        assertThat(watermarks.lastLoadedRun("wmsource", "orders")).contains("wm-run-1");
        watermarks.pending("wm-run-2", "wmsource", "orders");
        assertThat(watermarks.lastLoadedRun("wmsource", "orders")).contains("wm-run-1");
    }

    private void store(String runId, String id, String version) {
        Document payload = new Document("id", id).append("version", version);
        lake.store(List.of(RawEnvelope.of("wmlake", "orders", id, payload, payload.toJson(), runId, Instant.now())));
    }

    private List<String> read(String runId, String since) {
        LakeReader reader = new LakeReader(lake, runId, List.of(new LakeReader.Listing("wmlake", "orders", since)));
        reader.open(new ExecutionContext());
        List<String> seen = new ArrayList<>();
        for (LakeRecord record = reader.read(); record != null; record = reader.read()) {
            seen.add(record.naturalId() + ":" + record.payload().getString("version"));
        }
        reader.close();
        return seen;
    }
}
