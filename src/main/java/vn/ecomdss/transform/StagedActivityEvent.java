package vn.ecomdss.transform;

import java.time.OffsetDateTime;

/**
 * One behaviour event as it lands in {@code staging.activity_event}: who did what, when and on which platform,
 * with its warehouse key, the first 64 bits of SHA-256 over source and event id ({@code dw.user_event_key}).
 *
 * @param customerSource the source whose customer {@code customerId} is
 */
public record StagedActivityEvent(String runId, String source, String eventId, String eventType,
                                  OffsetDateTime occurredAt, String customerSource, String customerId,
                                  String sessionId, String productId, String platform, String envelopeId,
                                  OffsetDateTime fetchedAt) {

    public long eventKey() {
        return WarehouseKey.of(source, eventId);
    }
}
