package vn.ecomdss.vn;

import java.util.Map;

/** Normalises Vietnamese phone numbers written in any of the usual domestic or international styles. */
public final class VietnamesePhone {

    /** Old 11-digit mobile prefixes (without the trunk 0) and their 10-digit replacements, switched over in 2018. */
    private static final Map<String, String> PREFIX_2018_CONVERSION = Map.ofEntries(
            Map.entry("162", "32"), Map.entry("163", "33"), Map.entry("164", "34"),
            Map.entry("165", "35"), Map.entry("166", "36"), Map.entry("167", "37"),
            Map.entry("168", "38"), Map.entry("169", "39"),
            Map.entry("120", "70"), Map.entry("121", "79"), Map.entry("122", "77"),
            Map.entry("126", "76"), Map.entry("128", "78"),
            Map.entry("123", "83"), Map.entry("124", "84"), Map.entry("125", "85"),
            Map.entry("127", "81"), Map.entry("129", "82"),
            Map.entry("186", "56"), Map.entry("188", "58"), Map.entry("199", "59"));

    /** Two-digit mobile prefixes (without the trunk 0); 087 is iTel, a real operator the Carrier enum has no constant for. */
    private static final Map<String, Carrier> MOBILE_PREFIXES = Map.ofEntries(
            Map.entry("86", Carrier.VIETTEL), Map.entry("96", Carrier.VIETTEL),
            Map.entry("97", Carrier.VIETTEL), Map.entry("98", Carrier.VIETTEL),
            Map.entry("32", Carrier.VIETTEL), Map.entry("33", Carrier.VIETTEL),
            Map.entry("34", Carrier.VIETTEL), Map.entry("35", Carrier.VIETTEL),
            Map.entry("36", Carrier.VIETTEL), Map.entry("37", Carrier.VIETTEL),
            Map.entry("38", Carrier.VIETTEL), Map.entry("39", Carrier.VIETTEL),
            Map.entry("89", Carrier.MOBIFONE), Map.entry("90", Carrier.MOBIFONE),
            Map.entry("93", Carrier.MOBIFONE), Map.entry("70", Carrier.MOBIFONE),
            Map.entry("76", Carrier.MOBIFONE), Map.entry("77", Carrier.MOBIFONE),
            Map.entry("78", Carrier.MOBIFONE), Map.entry("79", Carrier.MOBIFONE),
            Map.entry("88", Carrier.VINAPHONE), Map.entry("91", Carrier.VINAPHONE),
            Map.entry("94", Carrier.VINAPHONE), Map.entry("81", Carrier.VINAPHONE),
            Map.entry("82", Carrier.VINAPHONE), Map.entry("83", Carrier.VINAPHONE),
            Map.entry("84", Carrier.VINAPHONE), Map.entry("85", Carrier.VINAPHONE),
            Map.entry("92", Carrier.VIETNAMOBILE), Map.entry("56", Carrier.VIETNAMOBILE),
            Map.entry("58", Carrier.VIETNAMOBILE),
            Map.entry("99", Carrier.GMOBILE), Map.entry("59", Carrier.GMOBILE),
            Map.entry("55", Carrier.REDDI),
            Map.entry("87", Carrier.UNKNOWN));

    private VietnamesePhone() {
    }

    public static PhoneNumber normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return PhoneNumber.rejected(raw, "empty phone number");
        }
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9' || c == '+') {
                kept.append(c);
            } else if (Character.isLetter(c)) {
                return PhoneNumber.rejected(raw, "contains letters");
            } else if (!isSeparator(c)) {
                return PhoneNumber.rejected(raw, "unexpected character '" + c + "'");
            }
        }
        String written = kept.toString();
        if (written.lastIndexOf('+') > 0) {
            return PhoneNumber.rejected(raw, "'+' is only allowed before the country code");
        }
        if (written.isEmpty() || written.equals("+")) {
            return PhoneNumber.rejected(raw, "no digits");
        }
        if (written.startsWith("+")) {
            if (!written.startsWith("+84")) {
                return PhoneNumber.rejected(raw, "country code is not +84");
            }
            return fromInternational(raw, written.substring(3));
        }
        if (written.startsWith("0084")) {
            return fromInternational(raw, written.substring(4));
        }
        if (written.startsWith("0")) {
            return fromNational(raw, written.substring(1), written.length());
        }
        if (written.startsWith("84") && (written.length() == 11 || written.length() == 12)) {
            return fromInternational(raw, written.substring(2));
        }
        // Spreadsheets routinely drop the leading zero, so 912345678 is read as 0912345678.
        return fromNational(raw, written, written.length() + 1);
    }

    private static boolean isSeparator(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c)
                || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
    }

    private static PhoneNumber fromInternational(String raw, String afterCountryCode) {
        // "+84 (0) 912..." is a common hybrid; the trunk zero never belongs after the country code.
        String nsn = afterCountryCode.startsWith("0") ? afterCountryCode.substring(1) : afterCountryCode;
        if (nsn.length() != 9 && nsn.length() != 10) {
            return PhoneNumber.rejected(raw, nsn.length() + " digits after country code, expected 9 or 10");
        }
        return classify(raw, nsn);
    }

    private static PhoneNumber fromNational(String raw, String nsn, int domesticLength) {
        if (nsn.length() != 9 && nsn.length() != 10) {
            return PhoneNumber.rejected(raw, domesticLength + " digits, expected 10 (mobile) or 11 (fixed line or pre-2018 mobile)");
        }
        return classify(raw, nsn);
    }

    private static PhoneNumber classify(String raw, String nsn) {
        char first = nsn.charAt(0);
        if (first == '2') {
            if (nsn.length() != 10) {
                return PhoneNumber.rejected(raw, "fixed-line number has " + (nsn.length() + 1) + " digits, expected 11");
            }
            return PhoneNumber.accepted(raw, nsn, Carrier.FIXED_LINE);
        }
        if (first == '1') {
            String converted = nsn.length() == 10 ? PREFIX_2018_CONVERSION.get(nsn.substring(0, 3)) : null;
            if (converted == null) {
                String prefix = nsn.length() == 10 ? nsn.substring(0, 3) : nsn.substring(0, 2);
                return PhoneNumber.rejected(raw, "unknown mobile prefix 0" + prefix);
            }
            nsn = converted + nsn.substring(3);
        }
        if (nsn.length() != 9) {
            return PhoneNumber.rejected(raw, "mobile number has " + (nsn.length() + 1) + " digits, expected 10");
        }
        Carrier carrier = MOBILE_PREFIXES.get(nsn.substring(0, 2));
        if (carrier == null) {
            return PhoneNumber.rejected(raw, "unknown mobile prefix 0" + nsn.substring(0, 2));
        }
        return PhoneNumber.accepted(raw, nsn, carrier);
    }
}
