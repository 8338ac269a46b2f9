package vn.ecomdss.vn;

import java.util.Set;

/**
 * One of the 34 provincial units in force from 1 July 2025 (Resolution 202/2025/QH15).
 *
 * @param code two-digit code, which is the code of the old province where the new capital sits
 */
public record Province2025(String code, String name, String asciiName, Region region) {

    private static final Set<String> CENTRALLY_RUN_CITIES = Set.of("01", "31", "46", "48", "79", "92");

    static Province2025 of(String code, String name, Region region) {
        return new Province2025(code, name, ProvinceDirectory.withoutDiacritics(name), region);
    }

    /** Whether this is one of the six centrally-run cities rather than a province. */
    public boolean centrallyRunCity() {
        return CENTRALLY_RUN_CITIES.contains(code);
    }
}
