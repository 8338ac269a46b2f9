package vn.ecomdss.transform;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import vn.ecomdss.lake.LakeRecord;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.RunParameters;

/**
 * Turns a raw behaviour event into an activity event. An event that cannot be counted (no customer, a time that
 * is not a timestamp, a type outside the activity vocabulary) is refused with the reason, for the quarantine. An
 * event that names no platform happens on its customers' marketplace, as an order without one does on its source.
 */
public final class ActivityEventTransformer {

    /** The behaviours the daily user activity counts. */
    public static final List<String> EVENT_TYPES = List.of("page_view", "search", "click", "add_to_cart",
            "remove_from_cart", "purchase");

    public StagedActivityEvent transform(LakeRecord record, EntityDefinition entity, RunParameters run) {
        String where = CustomerTransformer.where(record);
        PayloadFields event = new PayloadFields(record.payload(), entity.fields(), where);
        String eventType = event.text("event_type");
        if (eventType == null) {
            throw new TransformException(where + ": event_type " + entity.fields().get("event_type") + " is missing");
        }
        if (!EVENT_TYPES.contains(eventType.toLowerCase(Locale.ROOT))) {
            throw new TransformException(where + ": event_type " + entity.fields().get("event_type") + " '" + eventType
                    + "' is not an activity type (known: " + EVENT_TYPES + ")");
        }
        OffsetDateTime occurredAt = event.timestamp("occurred_at");
        if (occurredAt == null) {
            throw new TransformException(where + ": occurred_at " + entity.fields().get("occurred_at") + " is missing");
        }
        String customerId = event.text("customer_id");
        if (customerId == null) {
            throw new TransformException(where + ": customer_id " + entity.fields().get("customer_id")
                    + " is missing; an activity event is counted for a customer");
        }
        String platform = event.text("platform");
        return new StagedActivityEvent(run.runId(), record.source(), record.naturalId(),
                eventType.toLowerCase(Locale.ROOT), occurredAt, entity.customerSource(), customerId,
                event.text("session_id"), event.text("product_id"),
                platform == null ? entity.customerSource() : platform.toLowerCase(Locale.ROOT), record.envelopeId(),
                record.fetchedAt() == null ? null : record.fetchedAt().atOffset(ZoneOffset.UTC));
    }
}
