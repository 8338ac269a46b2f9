package vn.ecomdss.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.test.MetaDataInstanceFactory;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.lake.RawEnvelope;

class EnvelopeProcessorTest {

    private static final Instant FETCHED = Instant.parse("2026-11-02T03:04:05Z");
    private final JsonMapper json = JsonMapper.builder().build();
    private final EnvelopeProcessor processor = new EnvelopeProcessor(Clock.fixed(FETCHED, ZoneOffset.UTC));

    @BeforeEach
    void startStep() {
        processor.beforeStep(MetaDataInstanceFactory.createStepExecution(new JobParametersBuilder()
                .addString("run_id", "run-42").toJobParameters()));
    }

    @Test
    void aRecordBecomesAnEnvelopeOfItsSourceEntityAndIdStampedWithTheRunAndTheFetchTime() {
        RawEnvelope envelope = processor.process(record("{\"id\": 7, \"title\": \"Áo dài\", \"price\": 350000}"));

        assertThat(envelope.source()).isEqualTo("platzi");
        assertThat(envelope.entity()).isEqualTo("products");
        assertThat(envelope.naturalId()).isEqualTo("7");
        assertThat(envelope.runId()).isEqualTo("run-42");
        assertThat(envelope.fetchedAt()).isEqualTo(FETCHED);
        assertThat(envelope.payload().getString("title")).isEqualTo("Áo dài");
        assertThat(envelope.payload().getInteger("price")).isEqualTo(350_000);
    }

    @Test
    void theSamePayloadWithItsFieldsInAnotherOrderIsTheSameEnvelope() {
        RawEnvelope first = processor.process(record("{\"id\": 7, \"title\": \"Áo dài\", \"tags\": {\"b\": 1, \"a\": 2}}"));
        RawEnvelope again = processor.process(record("{\"tags\": {\"a\": 2, \"b\": 1}, \"title\": \"Áo dài\", \"id\": 7}"));
        RawEnvelope changed = processor.process(record("{\"id\": 7, \"title\": \"Áo dài\", \"tags\": {\"b\": 1, \"a\": 3}}"));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.payloadHash()).isEqualTo(first.payloadHash());
        assertThat(changed.id()).isNotEqualTo(first.id());
    }

    @Test
    void aRecordWithoutItsIdIsLandedWithNoNaturalIdForTheRawQualityCheckToQuarantine() {
        RawEnvelope missing = processor.process(record("{\"title\": \"no id\"}"));
        RawEnvelope nullId = processor.process(record("{\"id\": null, \"title\": \"null id\"}"));

        assertThat(missing.naturalId()).isNull();
        assertThat(nullId.naturalId()).isNull();
        assertThat(missing.payload().getString("title")).isEqualTo("no id");
    }

    private FetchedRecord record(String item) {
        return new FetchedRecord("platzi", "products", "/id", json.readTree(item));
    }
}
