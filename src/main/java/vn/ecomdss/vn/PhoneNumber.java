package vn.ecomdss.vn;

/**
 * Outcome of normalising one phone number as written by a customer.
 *
 * @param raw     the input exactly as received
 * @param e164    {@code +84...} form, or null when the number is not valid
 * @param carrier operator derived from the prefix, {@link Carrier#UNKNOWN} when not valid
 * @param valid   whether the number is a well-formed Vietnamese number
 * @param reason  what is wrong when not valid, null when valid
 */
public record PhoneNumber(String raw, String e164, Carrier carrier, boolean valid, String reason) {

    static PhoneNumber accepted(String raw, String nationalSignificantNumber, Carrier carrier) {
        return new PhoneNumber(raw, "+84" + nationalSignificantNumber, carrier, true, null);
    }

    static PhoneNumber rejected(String raw, String reason) {
        return new PhoneNumber(raw, null, Carrier.UNKNOWN, false, reason);
    }

    /** Domestic form with the trunk prefix 0, e.g. {@code 0912345678}; null when not valid. */
    public String national() {
        return e164 == null ? null : "0" + e164.substring(3);
    }
}
