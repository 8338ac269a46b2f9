package vn.ecomdss.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.ecomdss.transform.RawRecords.FETCHED;
import static vn.ecomdss.transform.RawRecords.FULL_REFRESH;
import static vn.ecomdss.transform.RawRecords.RUN;
import static vn.ecomdss.transform.RawRecords.entity;
import static vn.ecomdss.transform.RawRecords.record;
import static vn.ecomdss.transform.RawRecords.sameNames;
import static vn.ecomdss.transform.RawRecords.unfetched;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.ecomdss.lake.LakeRecord;
import vn.ecomdss.pipeline.EntityDefinition;

class CustomerTransformerTest {

    private static final EntityDefinition CUSTOMERS = entity("customers", "customer", sameNames("full_name", "email",
            "phone", "city", "gender", "birth_date", "income_level", "segment", "changed_at", "deleted"));

    private final CustomerTransformer transformer = new CustomerTransformer();

    private StagedCustomer customer(String json) {
        return transformer.transform(record("customers", "C1", json), CUSTOMERS, RUN);
    }

    @Test
    void aVietnameseCustomerIsCleanedIntoTheWarehouseForm() {
        StagedCustomer customer = customer("""
                {"full_name": "  TRẦN   thị   BÍCH ", "email": "Bich.Tran@Example.VN", "phone": "0912 345 678",
                 "city": "TP.HCM", "gender": "Female", "birth_date": "1990-05-12", "income_level": "Trung bình",
                 "segment": "loyal", "changed_at": "2026-02-28T08:00:00+07:00", "deleted": "0"}
                """);

        assertThat(customer).isEqualTo(new StagedCustomer("run-7", "shop", "C1", "Trần Thị Bích",
                "bich.tran@example.vn", "TP. Hồ Chí Minh", "TP.HCM", "loyal", "middle", "79", "SOUTH",
                "0912 345 678", "+84912345678", "VINAPHONE", "female", 1990,
                OffsetDateTime.parse("2026-02-28T08:00:00+07:00"), false, "env-C1"));
    }

    @Test
    void aCustomerWithNothingButAnIdIsStagedWithNulls() {
        assertThat(customer("{}")).isEqualTo(new StagedCustomer("run-7", "shop", "C1", null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, false, "env-C1"));
    }

    @Test
    void aCityOutsideTheDirectoryIsKeptAsWrittenWithoutProvince() {
        StagedCustomer customer = customer("{\"city\": \"Atlantis\"}");

        assertThat(customer.city()).isEqualTo("Atlantis");
        assertThat(customer.cityRaw()).isEqualTo("Atlantis");
        assertThat(customer.provinceCode()).isNull();
        assertThat(customer.region()).isNull();
    }

    @Test
    void theSameCitySpellingResolvesTheSameWayEveryTime() {
        assertThat(customer("{\"city\": \"Hanoi\"}").provinceCode()).isEqualTo("01");
        StagedCustomer again = customer("{\"city\": \"Hanoi\"}");

        assertThat(again.city()).isEqualTo("Hà Nội");
        assertThat(again.region()).isEqualTo("NORTH");
    }

    @Test
    void anInvalidPhoneIsKeptRawWithoutE164AndWithAnUnknownCarrier() {
        StagedCustomer customer = customer("{\"phone\": \"0912 abc\"}");

        assertThat(customer.phoneRaw()).isEqualTo("0912 abc");
        assertThat(customer.phoneE164()).isNull();
        assertThat(customer.phoneCarrier()).isEqualTo("UNKNOWN");
    }

    @Test
    void anInternationalPhoneNamesItsCarrier() {
        StagedCustomer customer = customer("{\"phone\": \"+84 98 765 4321\"}");

        assertThat(customer.phoneE164()).isEqualTo("+84987654321");
        assertThat(customer.phoneCarrier()).isEqualTo("VIETTEL");
    }

    @Test
    void incomeLabelsBecomeTheirBandAndAnUnknownLabelIsKeptToBeReported() {
        assertThat(customer("{\"income_level\": \"upper middle\"}").incomeLevel()).isEqualTo("upper_middle");
        assertThat(customer("{\"income_level\": \"Thu nhập cao\"}").incomeLevel()).isEqualTo("high");
        assertThat(customer("{\"income_level\": \"rich\"}").incomeLevel()).isEqualTo("rich");
    }

    @Test
    void theBirthYearIsTheFirstFourDigitsOfTheBirthDate() {
        assertThat(customer("{\"birth_date\": \"1990\"}").birthYear()).isEqualTo(1990);
        assertThat(customer("{\"birth_date\": \"2001-12-31\"}").birthYear()).isEqualTo(2001);
        assertThat(customer("{\"birth_date\": \"199\"}").birthYear()).isNull();
        assertThat(customer("{\"birth_date\": \"19x0-01-01\"}").birthYear()).isNull();
        assertThat(customer("{\"birth_date\": \"x990-01-01\"}").birthYear()).isNull();
        assertThat(customer("{\"birth_date\": \"199x-01-01\"}").birthYear()).isNull();
        assertThat(customer("{\"birth_date\": \"12/05/1990\"}").birthYear()).isNull();
    }

    @Test
    void aMappedBirthYearWinsOverTheBirthDate() {
        EntityDefinition withYear = entity("customers", "customer", sameNames("birth_year", "birth_date"));

        assertThat(transformer.transform(record("customers", "C1", "{\"birth_year\": 1985, \"birth_date\": \"1990-01-01\"}"),
                withYear, RUN).birthYear()).isEqualTo(1985);
        assertThat(transformer.transform(record("customers", "C1", "{\"birth_date\": \"1990-01-01\"}"),
                withYear, RUN).birthYear()).isNull();
    }

    @Test
    void aBirthYearThatIsNotAnIntegerNamesTheRecord() {
        EntityDefinition withYear = entity("customers", "customer", sameNames("birth_year"));

        assertThatThrownBy(() -> transformer.transform(record("customers", "C1", "{\"birth_year\": \"nineteen\"}"),
                withYear, RUN))
                .isInstanceOf(TransformException.class)
                .hasMessage("source shop, entity customers, id C1 (envelope env-C1): field birth_year [/birth_year]"
                        + " is not a number: 'nineteen'");
    }

    @Test
    void aDeleteMarkerIsCarried() {
        assertThat(customer("{\"deleted\": true}").deleted()).isTrue();
    }

    @Test
    void withoutItsOwnChangeTimeAFullRefreshDatesTheChangeByTheFirstFetch() {
        LakeRecord record = record("customers", "C1", "{}");

        assertThat(transformer.transform(record, CUSTOMERS, FULL_REFRESH).changedAt())
                .isEqualTo(FETCHED.atOffset(ZoneOffset.UTC));
        assertThat(transformer.transform(record, CUSTOMERS, RUN).changedAt()).isNull();
        assertThat(transformer.transform(unfetched("customers", "C1", "{}"), CUSTOMERS, FULL_REFRESH).changedAt())
                .isNull();
        assertThat(transformer.transform(record("customers", "C1", "{\"changed_at\": \"2026-02-01\"}"), CUSTOMERS,
                FULL_REFRESH).changedAt()).isEqualTo(OffsetDateTime.parse("2026-02-01T00:00+07:00"));
    }

    @Test
    void severalPointersMakeOneName() {
        EntityDefinition split = entity("customers", "customer",
                Map.of("full_name", List.of("/name/first", "/name/last")));

        assertThat(transformer.transform(record("customers", "C1", "{\"name\": {\"first\": \"NGUYỄN\", \"last\": \"văn an\"}}"),
                split, RUN).fullName()).isEqualTo("Nguyễn Văn An");
    }
}
