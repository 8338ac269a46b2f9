package vn.ecomdss.transform;

import java.util.List;

import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.CopyWriter;
import vn.ecomdss.pipeline.EntityDefinition;

/** {@code target: activity}: behaviour events, counted later into the daily user activity, into {@code staging.activity_event}. */
@Component
public final class ActivityEventStaging implements StagingTarget<StagedActivityEvent> {

    private static final String COPY = """
            copy staging.activity_event (run_id, source, event_id, event_key, event_type, occurred_at,
                customer_source, customer_id, session_id, product_id, platform, envelope_id, fetched_at) from stdin
            """;

    private final CopyWriter staging;

    public ActivityEventStaging(CopyWriter staging) {
        this.staging = staging;
    }

    @Override
    public String name() {
        return "activity";
    }

    @Override
    public String table() {
        return "staging.activity_event";
    }

    @Override
    public boolean reads(EntityDefinition entity) {
        return entity.target().equals("activity");
    }

    @Override
    public Transformation<StagedActivityEvent> transformation() {
        ActivityEventTransformer events = new ActivityEventTransformer();
        return (record, entity, source, run) -> List.of(events.transform(record, entity, run));
    }

    @Override
    public void write(List<? extends StagedActivityEvent> rows) {
        staging.copy(table(), COPY, rows, e -> new Object[] {e.runId(), e.source(), e.eventId(), e.eventKey(),
                e.eventType(), e.occurredAt(), e.customerSource(), e.customerId(), e.sessionId(), e.productId(),
                e.platform(), e.envelopeId(), e.fetchedAt()});
    }
}
