package vn.ecomdss.vn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostalCodeTest {

    private final ProvinceDirectory directory = ProvinceDirectory.standard();

    private Province province(String code) {
        return directory.byCode(code).orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({
            "10000, 01", "11513, 01", "14999, 01", "70000, 79", "74199, 79", "50000, 48", "50206, 48",
            "01000, 22", "02999, 22", "04100, 31", "05300, 31", "21206, 04", "47816, 44", "40000, 38", "42100, 38",
            "75000, 74", "76000, 75", "78000, 77", "94000, 92", "98000, 96", "49000, 46", "57000, 56",
            "66000, 68", "80000, 72", "90000, 89", "'115 13', 01", "11-513, 01"})
    void acceptsFiveDigitCodesInTheProvinceRange(String code, String provinceCode) {
        PostalCheck check = PostalCode.check(code, province(provinceCode));

        assertThat(check.valid()).as(check.reason()).isTrue();
        assertThat(check.legacy()).isFalse();
        assertThat(check.reason()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "70000 | 01 | prefix 70 belongs to TP. Hồ Chí Minh, not Hà Nội",
            "10000 | 79 | prefix 10 belongs to Hà Nội, not TP. Hồ Chí Minh",
            "75000 | 79 | prefix 75 belongs to Bình Dương, not TP. Hồ Chí Minh",
            "76000 | 79 | prefix 76 belongs to Đồng Nai, not TP. Hồ Chí Minh",
            "15000 | 01 | prefix 15 belongs to Vĩnh Phúc, not Hà Nội",
            "55000 | 48 | prefix 55 belongs to Bình Định, not Đà Nẵng",
            "99000 | 01 | prefix 99 is not assigned to any province",
            "00000 | 01 | prefix 00 is not assigned to any province",
            "1000  | 01 | 4 digits, expected 5",
            "1000000 | 01 | 7 digits, expected 5",
            "1O000 | 01 | postal code must contain only digits",
            "AB123 | 01 | postal code must contain only digits"})
    void rejectsCodesOutsideTheProvinceRange(String code, String provinceCode, String reason) {
        PostalCheck check = PostalCode.check(code, province(provinceCode));

        assertThat(check.valid()).isFalse();
        assertThat(check.legacy()).isFalse();
        assertThat(check.reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource({"100000, 01", "700000, 79", "550000, 48", "'700 000', 79"})
    void flagsSixDigitCodesAsLegacy(String code, String provinceCode) {
        PostalCheck check = PostalCode.check(code, province(provinceCode));

        assertThat(check.valid()).isFalse();
        assertThat(check.legacy()).isTrue();
        assertThat(check.reason()).contains("six-digit").contains("2018");
    }

    @Test
    void emptyCodeIsInvalid() {
        assertThat(PostalCode.check(null, province("01"))).isEqualTo(new PostalCheck(false, false, "empty postal code"));
        assertThat(PostalCode.check("  ", province("01"))).isEqualTo(new PostalCheck(false, false, "empty postal code"));
    }

    @Test
    void withoutProvinceOnlyThePrefixIsChecked() {
        assertThat(PostalCode.check("70000", null).valid()).isTrue();
        assertThat(PostalCode.check("99000", null).valid()).isFalse();
    }

    @Test
    void postMergerUnitsAcceptCodesOfEveryMergedProvince() {
        Province2025 tayNinh = directory.byCode2025("80").orElseThrow();
        Province2025 hoChiMinh = directory.byCode2025("79").orElseThrow();

        assertThat(PostalCode.check2025("80000", tayNinh).valid()).isTrue();
        assertThat(PostalCode.check2025("82100", tayNinh).valid()).isTrue();
        assertThat(PostalCode.check2025("75000", hoChiMinh).valid()).isTrue();
        assertThat(PostalCode.check2025("78000", hoChiMinh).valid()).isTrue();
        assertThat(PostalCode.check2025("71000", hoChiMinh).valid()).isTrue();
        assertThat(PostalCode.check2025("76000", hoChiMinh))
                .isEqualTo(new PostalCheck(false, false, "prefix 76 belongs to Đồng Nai, not TP. Hồ Chí Minh"));
        assertThat(PostalCode.check2025("700000", hoChiMinh).legacy()).isTrue();
    }

    @Test
    void everyProvinceHasItsOwnPrefixes() {
        Set<String> seen = new HashSet<>();
        for (Province province : directory.provinces()) {
            assertThat(PostalCode.prefixesOf(province)).as(province.name()).isNotEmpty();
            for (String prefix : PostalCode.prefixesOf(province)) {
                assertThat(seen.add(prefix)).as("prefix %s reused by %s", prefix, province.name()).isTrue();
                assertThat(PostalCode.check(prefix + "000", province).valid()).isTrue();
            }
        }
        assertThat(PostalCode.prefixesOf(province("01"))).containsExactly("10", "11", "12", "13", "14");
        assertThat(PostalCode.prefixesOf(province("79"))).containsExactly("70", "71", "72", "73", "74");
    }
}
