package vn.ecomdss.vn;

/**
 * One of the 63 provinces and centrally-run cities in force until 30 June 2025.
 *
 * @param code      two-digit administrative code (e.g. 01 Hà Nội, 79 TP. Hồ Chí Minh)
 * @param name      official Vietnamese name, without the "Tỉnh"/"Thành phố" prefix
 * @param asciiName the name without diacritics, as found in ASCII-only data
 */
public record Province(String code, String name, String asciiName, Region region) {

    static Province of(String code, String name, Region region) {
        return new Province(code, name, ProvinceDirectory.withoutDiacritics(name), region);
    }
}
