package vn.ecomdss.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.ecomdss.transform.RawRecords.FETCHED;
import static vn.ecomdss.transform.RawRecords.RUN;
import static vn.ecomdss.transform.RawRecords.record;
import static vn.ecomdss.transform.RawRecords.unfetched;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.ecomdss.pipeline.EntityDefinition;

class ActivityEventTransformerTest {

    private static final EntityDefinition CLICKS = new EntityDefinition("clicks", "clicks", null, "/id", "activity",
            Map.of(), Map.of("event_type", List.of("/type"), "occurred_at", List.of("/ts"),
                    "customer_id", List.of("/user"), "session_id", List.of("/session"),
                    "product_id", List.of("/product"), "platform", List.of("/platform")),
            null, null, false, false, null, null, "vnmarket");
    private static final String WHERE = "source shop, entity clicks, id E1 (envelope env-E1)";

    private final ActivityEventTransformer transformer = new ActivityEventTransformer();

    private StagedActivityEvent event(String json) {
        return transformer.transform(record("clicks", "E1", json), CLICKS, RUN);
    }

    @Test
    void anEventIsCountedForItsCustomerOnItsPlatform() {
        StagedActivityEvent event = event("""
                {"type": " Add_To_Cart ", "ts": "2026-03-01T20:15:00+07:00", "user": "C7", "session": "S1",
                 "product": "P3", "platform": "TikTok"}
                """);

        assertThat(event).isEqualTo(new StagedActivityEvent("run-7", "shop", "E1", "add_to_cart",
                OffsetDateTime.parse("2026-03-01T20:15:00+07:00"), "vnmarket", "C7", "S1", "P3", "tiktok", "env-E1",
                FETCHED.atOffset(ZoneOffset.UTC)));
        assertThat(event.eventKey()).isEqualTo(WarehouseKey.of("shop", "E1"));
    }

    @Test
    void anEventWithoutPlatformHappensOnItsCustomersMarketplace() {
        StagedActivityEvent event = transformer.transform(unfetched("clicks", "E1",
                "{\"type\": \"purchase\", \"ts\": \"2026-03-01\", \"user\": \"C7\"}"), CLICKS, RUN);

        assertThat(event.platform()).isEqualTo("vnmarket");
        assertThat(event.sessionId()).isNull();
        assertThat(event.productId()).isNull();
        assertThat(event.fetchedAt()).isNull();
        assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-03-01T00:00+07:00"));
    }

    @Test
    void everyActivityTypeIsAccepted() {
        for (String type : List.of("page_view", "search", "click", "add_to_cart", "remove_from_cart", "purchase")) {
            assertThat(event("{\"type\": \"" + type.toUpperCase() + "\", \"ts\": \"2026-03-01\", \"user\": \"C7\"}")
                    .eventType()).isEqualTo(type);
        }
        assertThat(ActivityEventTransformer.EVENT_TYPES).hasSize(6);
    }

    @Test
    void aTypeOutsideTheVocabularyIsRefusedWithTheKnownTypes() {
        assertThatThrownBy(() -> event("{\"type\": \"hover\", \"ts\": \"2026-03-01\", \"user\": \"C7\"}"))
                .isInstanceOf(TransformException.class)
                .hasMessage(WHERE + ": event_type [/type] 'hover' is not an activity type (known: [page_view, search,"
                        + " click, add_to_cart, remove_from_cart, purchase])");
    }

    @Test
    void anEventWithoutTypeIsRefused() {
        assertThatThrownBy(() -> event("{\"type\": \" \", \"ts\": \"2026-03-01\", \"user\": \"C7\"}"))
                .isInstanceOf(TransformException.class)
                .hasMessage(WHERE + ": event_type [/type] is missing");
    }

    @Test
    void anEventWithoutTimeIsRefused() {
        assertThatThrownBy(() -> event("{\"type\": \"click\", \"user\": \"C7\"}"))
                .isInstanceOf(TransformException.class)
                .hasMessage(WHERE + ": occurred_at [/ts] is missing");
    }

    @Test
    void anEventWithATimeThatIsNotATimestampIsRefused() {
        assertThatThrownBy(() -> event("{\"type\": \"click\", \"ts\": \"soon\", \"user\": \"C7\"}"))
                .isInstanceOf(TransformException.class)
                .hasMessage(WHERE + ": field occurred_at [/ts] is not an ISO date or timestamp: 'soon'");
    }

    @Test
    void anEventWithoutCustomerIsRefusedBecauseItIsCountedForOne() {
        assertThatThrownBy(() -> event("{\"type\": \"click\", \"ts\": \"2026-03-01\"}"))
                .isInstanceOf(TransformException.class)
                .hasMessage(WHERE + ": customer_id [/user] is missing; an activity event is counted for a customer");
    }
}
