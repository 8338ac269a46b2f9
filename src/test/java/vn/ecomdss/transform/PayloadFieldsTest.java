package vn.ecomdss.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;

class PayloadFieldsTest {

    private static PayloadFields fields(String json, Map<String, List<String>> mapping) {
        return new PayloadFields(Document.parse(json), mapping, "source shop, id 1");
    }

    private static PayloadFields field(String name, Object value) {
        return new PayloadFields(new Document("v", value), Map.of(name, List.of("/v")), "source shop, id 1");
    }

    @Test
    void aFieldIsReadAtItsPointerAndAnUnmappedFieldIsAbsent() {
        PayloadFields fields = fields("{\"address\": {\"city\": \"Huế\"}}", Map.of("city", List.of("/address/city")));

        assertThat(fields.has("city")).isTrue();
        assertThat(fields.has("email")).isFalse();
        assertThat(fields.raw("city")).isEqualTo("Huế");
        assertThat(fields.raw("email")).isNull();
        assertThat(fields.text("email")).isNull();
        assertThat(PayloadFields.at(Document.parse("{\"a\": [{\"b\": 3}]}"), "/a/0/b")).isEqualTo(3);
    }

    @Test
    void severalPointersAreJoinedWithASpaceSkippingMissingAndBlankParts() {
        Map<String, List<String>> name = Map.of("full_name", List.of("/first", "/middle", "/last", "/nick"));

        assertThat(fields("{\"first\": \" Nguyễn \", \"middle\": \"  \", \"last\": \"An\"}", name).raw("full_name"))
                .isEqualTo("Nguyễn An");
        assertThat(fields("{\"middle\": \" \"}", name).raw("full_name")).isNull();
        assertThat(fields("{\"nick\": 7}", name).raw("full_name")).isEqualTo("7");
    }

    @Test
    void textIsTrimmedAndBlankTextIsAbsent() {
        assertThat(field("title", "  Áo dài  ").text("title")).isEqualTo("Áo dài");
        assertThat(field("title", "   ").text("title")).isNull();
        assertThat(field("title", 42).text("title")).isEqualTo("42");
    }

    @Test
    void decimalsComeFromNumbersAndNumericText() {
        assertThat(field("price", 12.5).decimal("price")).isEqualTo(new BigDecimal("12.5"));
        assertThat(field("price", 199000).decimal("price")).isEqualTo(new BigDecimal("199000"));
        assertThat(field("price", " 149000.50 ").decimal("price")).isEqualTo(new BigDecimal("149000.50"));
        assertThat(field("price", null).decimal("price")).isNull();
        assertThat(field("other", 1).decimal("price")).isNull();
    }

    @Test
    void textThatIsNotANumberNamesTheFieldItsPointerAndTheValue() {
        assertThatThrownBy(() -> field("price", "199k").decimal("price"))
                .isInstanceOf(TransformException.class)
                .hasMessage("source shop, id 1: field price [/v] is not a number: '199k'");
    }

    @Test
    void integersAreWholeNumbersOnly() {
        assertThat(field("stock", 12).integer("stock")).isEqualTo(12);
        assertThat(field("stock", "12.0").integer("stock")).isEqualTo(12);
        assertThat(field("stock", null).integer("stock")).isNull();
        assertThatThrownBy(() -> field("stock", 2.5).integer("stock"))
                .isInstanceOf(TransformException.class)
                .hasMessage("source shop, id 1: field stock [/v] is not an integer: '2.5'");
    }

    @Test
    void aDeleteMarkerIsTrueOneOrYesAndAbsentMeansNotDeleted() {
        assertThat(field("deleted", true).flag("deleted")).isTrue();
        assertThat(field("deleted", false).flag("deleted")).isFalse();
        assertThat(field("deleted", " TRUE ").flag("deleted")).isTrue();
        assertThat(field("deleted", 1).flag("deleted")).isTrue();
        assertThat(field("deleted", "Yes").flag("deleted")).isTrue();
        assertThat(field("deleted", "false").flag("deleted")).isFalse();
        assertThat(field("deleted", 0).flag("deleted")).isFalse();
        assertThat(field("deleted", "no").flag("deleted")).isFalse();
        assertThat(field("deleted", "  ").flag("deleted")).isFalse();
        assertThat(field("deleted", null).flag("deleted")).isFalse();
        assertThat(field("other", true).flag("deleted")).isFalse();
    }

    @Test
    void anyOtherDeleteMarkerIsRefusedWithTheFieldAndValue() {
        assertThatThrownBy(() -> field("deleted", "maybe").flag("deleted"))
                .isInstanceOf(TransformException.class)
                .hasMessage("source shop, id 1: field deleted [/v] is not a boolean: 'maybe'");
    }

    @Test
    void aBareDateIsMidnightInVietnamAndALocalTimeIsVietnamTime() {
        assertThat(field("changed_at", "2026-03-01").timestamp("changed_at"))
                .isEqualTo(OffsetDateTime.parse("2026-03-01T00:00+07:00"));
        assertThat(field("changed_at", " 2026-03-01T09:15:30 ").timestamp("changed_at"))
                .isEqualTo(OffsetDateTime.parse("2026-03-01T09:15:30+07:00"));
        assertThat(field("changed_at", "2026-03-01T09:15:30Z").timestamp("changed_at"))
                .isEqualTo(OffsetDateTime.parse("2026-03-01T09:15:30Z"));
        assertThat(field("changed_at", null).timestamp("changed_at")).isNull();
    }

    @Test
    void aStoredDateIsReadInUtc() {
        Date stored = Date.from(java.time.Instant.parse("2026-03-01T01:02:03Z"));

        assertThat(field("changed_at", stored).timestamp("changed_at"))
                .isEqualTo(OffsetDateTime.parse("2026-03-01T01:02:03Z"))
                .satisfies(t -> assertThat(t.getOffset()).isEqualTo(java.time.ZoneOffset.UTC));
    }

    @Test
    void aTimeThatIsNotIsoNamesTheFieldAndTheText() {
        assertThatThrownBy(() -> field("changed_at", "01/03/2026").timestamp("changed_at"))
                .isInstanceOf(TransformException.class)
                .hasMessage("source shop, id 1: field changed_at [/v] is not an ISO date or timestamp: '01/03/2026'");
        assertThatThrownBy(() -> field("changed_at", "2026-13-01").timestamp("changed_at"))
                .hasMessage("source shop, id 1: field changed_at [/v] is not an ISO date or timestamp: '2026-13-01'");
        assertThatThrownBy(() -> field("changed_at", " yesterday ").timestamp("changed_at"))
                .hasMessage("source shop, id 1: field changed_at [/v] is not an ISO date or timestamp: 'yesterday'");
    }
}
