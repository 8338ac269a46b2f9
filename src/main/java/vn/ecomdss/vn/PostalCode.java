package vn.ecomdss.vn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks Vietnamese postal codes against provinces using the first two digits of the five-digit national code
 * (Decision 2475/QĐ-BTTTT, in use since 1 January 2018).
 */
public final class PostalCode {

    /**
     * Two-digit prefixes by pre-2025 province code, from the Decision 2475/QĐ-BTTTT table as published by VNPost.
     * TP. Hồ Chí Minh is 70-74 only: 75 and 76 are Bình Dương and Đồng Nai (70-76 was the old six-digit range).
     * Recalled rather than checked against the decision itself, so less certain: the second prefix of Nghệ An,
     * Hà Tĩnh, Quảng Nam, Quảng Ngãi, Gia Lai, Đắk Lắk, Long An and Kiên Giang, and whether 58 belongs to Khánh Hòa.
     */
    private static final Map<String, List<String>> PREFIXES_BY_PROVINCE = Map.ofEntries(
            Map.entry("01", List.of("10", "11", "12", "13", "14")),
            Map.entry("02", List.of("20")),
            Map.entry("04", List.of("21")),
            Map.entry("06", List.of("23")),
            Map.entry("08", List.of("22")),
            Map.entry("10", List.of("31")),
            Map.entry("11", List.of("32")),
            Map.entry("12", List.of("30")),
            Map.entry("14", List.of("34")),
            Map.entry("15", List.of("33")),
            Map.entry("17", List.of("36")),
            Map.entry("19", List.of("24")),
            Map.entry("20", List.of("25")),
            Map.entry("22", List.of("01", "02")),
            Map.entry("24", List.of("26")),
            Map.entry("25", List.of("35")),
            Map.entry("26", List.of("15")),
            Map.entry("27", List.of("16")),
            Map.entry("30", List.of("03")),
            Map.entry("31", List.of("04", "05")),
            Map.entry("33", List.of("17")),
            Map.entry("34", List.of("06")),
            Map.entry("35", List.of("18")),
            Map.entry("36", List.of("07")),
            Map.entry("37", List.of("08")),
            Map.entry("38", List.of("40", "41", "42")),
            Map.entry("40", List.of("43", "44")),
            Map.entry("42", List.of("45", "46")),
            Map.entry("44", List.of("47")),
            Map.entry("45", List.of("48")),
            Map.entry("46", List.of("49")),
            Map.entry("48", List.of("50")),
            Map.entry("49", List.of("51", "52")),
            Map.entry("51", List.of("53", "54")),
            Map.entry("52", List.of("55")),
            Map.entry("54", List.of("56")),
            Map.entry("56", List.of("57")),
            Map.entry("58", List.of("59")),
            Map.entry("60", List.of("77")),
            Map.entry("62", List.of("60")),
            Map.entry("64", List.of("61", "62")),
            Map.entry("66", List.of("63", "64")),
            Map.entry("67", List.of("65")),
            Map.entry("68", List.of("66")),
            Map.entry("70", List.of("67")),
            Map.entry("72", List.of("80")),
            Map.entry("74", List.of("75")),
            Map.entry("75", List.of("76")),
            Map.entry("77", List.of("78")),
            Map.entry("79", List.of("70", "71", "72", "73", "74")),
            Map.entry("80", List.of("82", "83")),
            Map.entry("82", List.of("84")),
            Map.entry("83", List.of("86")),
            Map.entry("84", List.of("87")),
            Map.entry("86", List.of("85")),
            Map.entry("87", List.of("81")),
            Map.entry("89", List.of("90")),
            Map.entry("91", List.of("91", "92")),
            Map.entry("92", List.of("94")),
            Map.entry("93", List.of("95")),
            Map.entry("94", List.of("96")),
            Map.entry("95", List.of("97")),
            Map.entry("96", List.of("98")));

    private static final Map<String, String> PROVINCE_BY_PREFIX = invert(PREFIXES_BY_PROVINCE);

    private PostalCode() {
    }

    /** Checks a code against a province; a null province only checks that the prefix belongs to some province. */
    public static PostalCheck check(String code, Province province) {
        return province == null
                ? check(code, null, null)
                : check(code, Set.of(province.code()), province.name());
    }

    /**
     * Checks a code against a post-2025 unit; the postal table predates the merger, so a code of any of the merged
     * provinces is accepted (an address in the new Tây Ninh may carry a Long An code).
     */
    public static PostalCheck check2025(String code, Province2025 unit) {
        Set<String> predecessors = ProvinceDirectory.standard().mergedFrom(unit).stream()
                .map(Province::code)
                .collect(Collectors.toUnmodifiableSet());
        return check(code, predecessors, unit.name());
    }

    private static PostalCheck check(String code, Set<String> acceptedProvinceCodes, String placeName) {
        if (code == null || code.isBlank()) {
            return new PostalCheck(false, false, "empty postal code");
        }
        String digits = code.replaceAll("[\\s.-]", "");
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return new PostalCheck(false, false, "postal code must contain only digits");
        }
        if (digits.length() == 6) {
            // The pre-2018 prefixes follow a different table, so a six-digit code cannot be checked against a province.
            return new PostalCheck(false, true,
                    "six-digit code from the system replaced on 1 January 2018; the national code has five digits");
        }
        if (digits.length() != 5) {
            return new PostalCheck(false, false, digits.length() + " digits, expected 5");
        }
        String prefix = digits.substring(0, 2);
        String owner = PROVINCE_BY_PREFIX.get(prefix);
        if (owner == null) {
            return new PostalCheck(false, false, "prefix " + prefix + " is not assigned to any province");
        }
        if (acceptedProvinceCodes != null && !acceptedProvinceCodes.contains(owner)) {
            String ownerName = ProvinceDirectory.standard().byCode(owner).map(Province::name).orElse(owner);
            return new PostalCheck(false, false, "prefix " + prefix + " belongs to " + ownerName + ", not " + placeName);
        }
        return new PostalCheck(true, false, null);
    }

    /** The two-digit prefixes assigned to a province. */
    public static List<String> prefixesOf(Province province) {
        return PREFIXES_BY_PROVINCE.getOrDefault(province.code(), List.of());
    }

    private static Map<String, String> invert(Map<String, List<String>> prefixesByProvince) {
        Map<String, String> provinceByPrefix = new HashMap<>();
        prefixesByProvince.forEach((province, prefixes) -> prefixes.forEach(prefix -> {
            String previous = provinceByPrefix.put(prefix, province);
            if (previous != null) {
                throw new IllegalStateException("postal prefix " + prefix + " assigned twice");
            }
        }));
        return Map.copyOf(provinceByPrefix);
    }
}
