package vn.ecomdss.vn;

import java.util.List;

/** How an order was paid, recognised from the free-text labels marketplaces and shop exports use. */
public enum PaymentMethod {
    MOMO(List.of("momo", "mservice")),
    ZALOPAY(List.of("zalopay", "zalo")),
    VNPAY(List.of("vnpay")),
    SHOPEEPAY(List.of("shopeepay", "airpay")),
    COD(List.of("cod", "cash on delivery", "thanh toan khi nhan hang", "nhan hang tra tien", "tien mat", "cash")),
    BANK_TRANSFER(List.of("chuyen khoan", "bank transfer", "banking", "ck", "transfer", "napas 247", "vietqr")),
    DEBIT_CARD(List.of("debit", "atm", "the ghi no", "the noi dia", "napas", "domestic card")),
    CREDIT_CARD(List.of("credit", "visa", "mastercard", "master card", "jcb", "amex", "american express",
            "the tin dung", "the quoc te", "card")),
    UNKNOWN(List.of());

    /** Phrases this short are matched as whole words only, so "ck" does not fire inside "stock". */
    private static final int WHOLE_WORD_BELOW = 5;

    private final List<String> phrases;

    PaymentMethod(List<String> phrases) {
        this.phrases = phrases;
    }

    /**
     * The method named by a label, or UNKNOWN (callers keep the raw label to report it). Wallets and gateways are
     * tried first because their labels often mention the card or account behind them ("VNPay - thẻ ATM"), and debit
     * before credit because "Visa Debit" is a debit card.
     */
    public static PaymentMethod resolve(String raw) {
        String folded = ProvinceDirectory.fold(raw);
        if (folded.isEmpty()) {
            return UNKNOWN;
        }
        String words = " " + folded + " ";
        String compact = folded.replace(" ", "");
        for (PaymentMethod method : values()) {
            for (String phrase : method.phrases) {
                boolean matches = phrase.length() < WHOLE_WORD_BELOW
                        ? words.contains(" " + phrase + " ")
                        : compact.contains(phrase.replace(" ", ""));
                if (matches) {
                    return method;
                }
            }
        }
        return UNKNOWN;
    }
}
