package vn.ecomdss.vn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class VietnamesePhoneTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "0912345678", "0912 345 678", "0912.345.678", "0912-345-678", "84912345678", "+84912345678",
            "+84-912.345.678", "(+84) 912345678", "+84 (0) 912 345 678", "0084912345678", "0084 912 345 678",
            "912345678", " 0912345678 ", "(091) 234-5678", "0912\u00a0345\u00a0678", "+84 91 234 56 78"})
    void acceptsEveryCommonWayToWriteTheSameMobileNumber(String written) {
        PhoneNumber phone = VietnamesePhone.normalize(written);

        assertThat(phone.valid()).as(phone.reason()).isTrue();
        assertThat(phone.e164()).isEqualTo("+84912345678");
        assertThat(phone.national()).isEqualTo("0912345678");
        assertThat(phone.carrier()).isEqualTo(Carrier.VINAPHONE);
        assertThat(phone.reason()).isNull();
        assertThat(phone.raw()).isEqualTo(written);
    }

    @ParameterizedTest
    @CsvSource({
            "0862000001, VIETTEL", "0962000001, VIETTEL", "0972000001, VIETTEL", "0982000001, VIETTEL",
            "0322000001, VIETTEL", "0332000001, VIETTEL", "0342000001, VIETTEL", "0352000001, VIETTEL",
            "0362000001, VIETTEL", "0372000001, VIETTEL", "0382000001, VIETTEL", "0392000001, VIETTEL",
            "0892000001, MOBIFONE", "0902000001, MOBIFONE", "0932000001, MOBIFONE", "0702000001, MOBIFONE",
            "0762000001, MOBIFONE", "0772000001, MOBIFONE", "0782000001, MOBIFONE", "0792000001, MOBIFONE",
            "0882000001, VINAPHONE", "0912000001, VINAPHONE", "0942000001, VINAPHONE", "0812000001, VINAPHONE",
            "0822000001, VINAPHONE", "0832000001, VINAPHONE", "0842000001, VINAPHONE", "0852000001, VINAPHONE",
            "0922000001, VIETNAMOBILE", "0562000001, VIETNAMOBILE", "0582000001, VIETNAMOBILE",
            "0992000001, GMOBILE", "0592000001, GMOBILE",
            "0552000001, REDDI",
            "02438256686, FIXED_LINE", "02838220000, FIXED_LINE", "02363822222, FIXED_LINE",
            "0203 3825 000, FIXED_LINE"})
    void derivesTheCarrierFromThePrefix(String written, Carrier carrier) {
        PhoneNumber phone = VietnamesePhone.normalize(written);

        assertThat(phone.valid()).as(phone.reason()).isTrue();
        assertThat(phone.carrier()).isEqualTo(carrier);
        assertThat(phone.e164()).isEqualTo("+84" + written.replace(" ", "").substring(1));
    }

    @Test
    void fixedLineInInternationalForm() {
        PhoneNumber phone = VietnamesePhone.normalize("+84 24 3825 6686");

        assertThat(phone.valid()).isTrue();
        assertThat(phone.e164()).isEqualTo("+842438256686");
        assertThat(phone.national()).isEqualTo("02438256686");
        assertThat(phone.carrier()).isEqualTo(Carrier.FIXED_LINE);
    }

    @Test
    void iTelNumbersAreValidButHaveNoCarrierConstant() {
        PhoneNumber phone = VietnamesePhone.normalize("0877123456");

        assertThat(phone.valid()).isTrue();
        assertThat(phone.e164()).isEqualTo("+84877123456");
        assertThat(phone.carrier()).isEqualTo(Carrier.UNKNOWN);
    }

    @ParameterizedTest
    @CsvSource({
            "01621234567, +84321234567, VIETTEL", "01631234567, +84331234567, VIETTEL",
            "01641234567, +84341234567, VIETTEL", "01651234567, +84351234567, VIETTEL",
            "01661234567, +84361234567, VIETTEL", "01671234567, +84371234567, VIETTEL",
            "01681234567, +84381234567, VIETTEL", "01691234567, +84391234567, VIETTEL",
            "01201234567, +84701234567, MOBIFONE", "01211234567, +84791234567, MOBIFONE",
            "01221234567, +84771234567, MOBIFONE", "01261234567, +84761234567, MOBIFONE",
            "01281234567, +84781234567, MOBIFONE",
            "01231234567, +84831234567, VINAPHONE", "01241234567, +84841234567, VINAPHONE",
            "01251234567, +84851234567, VINAPHONE", "01271234567, +84811234567, VINAPHONE",
            "01291234567, +84821234567, VINAPHONE",
            "01861234567, +84561234567, VIETNAMOBILE", "01881234567, +84581234567, VIETNAMOBILE",
            "01991234567, +84591234567, GMOBILE",
            "+84 162 123 4567, +84321234567, VIETTEL", "841681234567, +84381234567, VIETTEL",
            "00841991234567, +84591234567, GMOBILE"})
    void convertsThe2018ElevenDigitMobilePrefixes(String written, String e164, Carrier carrier) {
        PhoneNumber phone = VietnamesePhone.normalize(written);

        assertThat(phone.valid()).as(phone.reason()).isTrue();
        assertThat(phone.e164()).isEqualTo(e164);
        assertThat(phone.carrier()).isEqualTo(carrier);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void rejectsMissingNumbers(String written) {
        PhoneNumber phone = VietnamesePhone.normalize(written);

        assertThat(phone.valid()).isFalse();
        assertThat(phone.e164()).isNull();
        assertThat(phone.national()).isNull();
        assertThat(phone.carrier()).isEqualTo(Carrier.UNKNOWN);
        assertThat(phone.reason()).isEqualTo("empty phone number");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "0912abc678        | contains letters",
            "hotline           | contains letters",
            "0912#345678       | unexpected character '#'",
            "091+2345678       | '+' is only allowed before the country code",
            "+1 415 555 0100   | country code is not +84",
            "+65 9123 4567     | country code is not +84",
            "0112345678        | unknown mobile prefix 011",
            "0512345678        | unknown mobile prefix 051",
            "0612345678        | unknown mobile prefix 061",
            "0801234567        | unknown mobile prefix 080",
            "01301234567       | unknown mobile prefix 0130",
            "091234567         | 9 digits, expected 10 (mobile) or 11 (fixed line or pre-2018 mobile)",
            "91234567          | 9 digits, expected 10 (mobile) or 11 (fixed line or pre-2018 mobile)",
            "0912345678901     | 13 digits, expected 10 (mobile) or 11 (fixed line or pre-2018 mobile)",
            "+8491234567       | 8 digits after country code, expected 9 or 10",
            "+84912345678901   | 12 digits after country code, expected 9 or 10",
            "09123456789       | mobile number has 11 digits, expected 10",
            "0243825668        | fixed-line number has 10 digits, expected 11",
            "+                 | no digits",
            "( - )             | no digits"})
    void explainsWhatIsWrong(String written, String reason) {
        PhoneNumber phone = VietnamesePhone.normalize(written);

        assertThat(phone.valid()).isFalse();
        assertThat(phone.e164()).isNull();
        assertThat(phone.reason()).isEqualTo(reason);
    }
}
