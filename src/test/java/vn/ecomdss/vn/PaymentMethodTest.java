package vn.ecomdss.vn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentMethodTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "momo | MOMO", "MoMo | MOMO", "Ví MoMo | MOMO", "vi momo | MOMO", "MOMO_WALLET | MOMO",
            "zalopay | ZALOPAY", "Zalo Pay | ZALOPAY", "Ví ZaloPay | ZALOPAY", "ZALO_PAY | ZALOPAY",
            "VNPay | VNPAY", "VN Pay | VNPAY", "VNPAY-QR | VNPAY", "VNPay - thẻ ATM | VNPAY",
            "ShopeePay | SHOPEEPAY", "Shopee Pay | SHOPEEPAY", "Ví AirPay | SHOPEEPAY",
            "COD | COD", "cod | COD", "Cash on delivery | COD", "cash on delivery | COD",
            "Thanh toán khi nhận hàng | COD", "THANH TOÁN KHI NHẬN HÀNG (COD) | COD", "Tiền mặt | COD",
            "Chuyển khoản | BANK_TRANSFER", "chuyen khoan ngan hang | BANK_TRANSFER",
            "Bank transfer | BANK_TRANSFER", "Internet Banking | BANK_TRANSFER", "CK | BANK_TRANSFER",
            "ATM | DEBIT_CARD", "Thẻ ATM nội địa | DEBIT_CARD", "Visa Debit | DEBIT_CARD", "Napas | DEBIT_CARD",
            "visa | CREDIT_CARD", "VISA | CREDIT_CARD", "Mastercard | CREDIT_CARD", "Master Card | CREDIT_CARD",
            "JCB | CREDIT_CARD", "Thẻ tín dụng | CREDIT_CARD", "Credit card | CREDIT_CARD",
            "Thẻ quốc tế Visa/Master | CREDIT_CARD"})
    void resolvesCommonSpellings(String raw, PaymentMethod method) {
        assertThat(PaymentMethod.resolve(raw)).isEqualTo(method);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "bitcoin", "paypal", "stock", "codex", "tra gop", "other", "?"})
    void unknownLabelsAreUnknown(String raw) {
        assertThat(PaymentMethod.resolve(raw)).isEqualTo(PaymentMethod.UNKNOWN);
    }
}
