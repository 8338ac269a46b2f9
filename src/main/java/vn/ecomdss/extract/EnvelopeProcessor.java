package vn.ecomdss.extract;

import java.time.Clock;

import org.bson.Document;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.lake.RawEnvelope;
import vn.ecomdss.pipeline.RunParameters;

/**
 * Makes a fetched record the lake's raw envelope: its source, entity and natural id (null when the record has none
 * at the entity's id pointer), the payload as received, the run that fetched it and when. The payload is hashed as
 * canonical JSON (keys sorted), so the same record fetched again is the same envelope. Records are never dropped
 * here: one that lacks its id or required fields is landed as it came, and the raw quality check quarantines it
 * with its reason.
 */
final class EnvelopeProcessor implements ItemProcessor<FetchedRecord, RawEnvelope>, StepExecutionListener {

    private final JsonMapper canonical = JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
    private final Clock clock;
    private String runId;

    EnvelopeProcessor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        runId = RunParameters.of(stepExecution.getJobExecution().getJobParameters()).runId();
    }

    @Override
    public RawEnvelope process(FetchedRecord record) {
        JsonNode id = record.item().at(record.idPointer());
        String naturalId = id.isMissingNode() || id.isNull() ? null : id.asString();
        String canonicalJson = canonical.writeValueAsString(record.item());
        return RawEnvelope.of(record.source(), record.entity(), naturalId, Document.parse(canonicalJson),
                canonicalJson, runId, clock.instant());
    }
}
