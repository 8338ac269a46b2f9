package vn.ecomdss.vn;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Resolves the many ways Vietnamese provinces are written to the official units, before and after the 2025 merger. */
public final class ProvinceDirectory {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");

    /** Administrative-level words written before a name; "quan"/"huyen" let "Quận Bình Thạnh" match "Bình Thạnh". */
    private static final List<String> LEADING_WORDS = List.of(
            "thanh pho ", "tinh ", "tp ", "thu do ", "quan ", "huyen ", "thi xa ", "thi tran ");
    private static final List<String> TRAILING_WORDS = List.of(" province", " city");

    private static final ProvinceDirectory STANDARD = new ProvinceDirectory();

    private final Map<String, Province> byCode;
    private final Map<String, Province2025> byCode2025;
    private final Map<String, Province> bySpelling = new HashMap<>();
    private final Set<String> ambiguousSpellings = new HashSet<>();

    private ProvinceDirectory() {
        byCode = AdministrativeUnits.BEFORE_2025.stream()
                .collect(Collectors.toUnmodifiableMap(Province::code, Function.identity()));
        byCode2025 = AdministrativeUnits.AFTER_2025.stream()
                .collect(Collectors.toUnmodifiableMap(Province2025::code, Function.identity()));
        for (Province province : AdministrativeUnits.BEFORE_2025) {
            register(province.name(), province);
        }
        for (Map<String, List<String>> spellingsByCode
                : List.of(AdministrativeUnits.ALIASES, AdministrativeUnits.CAPITALS_AND_CITIES)) {
            spellingsByCode.forEach((code, spellings) ->
                    spellings.forEach(spelling -> register(spelling, byCode.get(code))));
        }
        for (String spelling : AdministrativeUnits.AMBIGUOUS) {
            ambiguousSpellings.add(key(spelling));
        }
    }

    public static ProvinceDirectory standard() {
        return STANDARD;
    }

    /** The 63 pre-2025 units in order of administrative code. */
    public List<Province> provinces() {
        return AdministrativeUnits.BEFORE_2025;
    }

    /** The 34 units in force since 1 July 2025, in order of administrative code. */
    public List<Province2025> provinces2025() {
        return AdministrativeUnits.AFTER_2025;
    }

    public Optional<Province> byCode(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code.strip()));
    }

    public Optional<Province2025> byCode2025(String code) {
        return Optional.ofNullable(code == null ? null : byCode2025.get(code.strip()));
    }

    /** Pre-2025 province for a spelling; empty when unknown or ambiguous, never a closest guess. */
    public Optional<Province> resolve(String spelling) {
        if (spelling == null) {
            return Optional.empty();
        }
        String key = key(spelling);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String stripped = key;
        while (true) {
            if (ambiguousSpellings.contains(stripped) || ambiguousSpellings.contains(stripped.replace(" ", ""))) {
                return Optional.empty();
            }
            Province found = lookup(stripped);
            if (found != null) {
                return Optional.of(found);
            }
            String shorter = stripAdministrativeWords(stripped);
            if (shorter.equals(stripped) || shorter.isEmpty()) {
                return Optional.empty();
            }
            stripped = shorter;
        }
    }

    /** The post-2025 unit that took over a pre-2025 province. */
    public Province2025 mergedInto(Province province) {
        String newCode = AdministrativeUnits.MERGED_INTO.get(province.code());
        if (newCode == null) {
            throw new IllegalArgumentException("not a pre-2025 province: " + province);
        }
        return byCode2025.get(newCode);
    }

    /** Pre-2025 units merged into the given post-2025 unit. */
    public List<Province> mergedFrom(Province2025 province2025) {
        return AdministrativeUnits.BEFORE_2025.stream()
                .filter(p -> AdministrativeUnits.MERGED_INTO.get(p.code()).equals(province2025.code()))
                .toList();
    }

    /**
     * Post-2025 unit for a spelling; old names resolve through the merger, which is safe because every post-2025
     * unit kept the name of one of its pre-2025 parts ("Bình Dương" gives TP. Hồ Chí Minh, "Huế" gives Huế).
     */
    public Optional<Province2025> resolve2025(String spelling) {
        return resolve(spelling).map(this::mergedInto);
    }

    /** Lower case, diacritics removed (đ becomes d), punctuation turned into single spaces; for matching, not display. */
    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String lower = withoutDiacritics(text).toLowerCase(Locale.ROOT);
        return NOT_ALPHANUMERIC.matcher(lower).replaceAll(" ").strip();
    }

    /** The text with tone and vowel marks removed and đ/Đ replaced by d/D, keeping case and punctuation. */
    static String withoutDiacritics(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return COMBINING_MARKS.matcher(decomposed).replaceAll("")
                .replace('đ', 'd').replace('Đ', 'D')
                // The Icelandic eth looks like Đ and turns up in text typed with the wrong keyboard layout.
                .replace('ð', 'd').replace('Ð', 'D');
    }

    private void register(String spelling, Province province) {
        if (province == null) {
            throw new IllegalStateException("alias " + spelling + " points to an unknown code");
        }
        String key = key(spelling);
        for (String variant : List.of(key, key.replace(" ", ""))) {
            Province previous = bySpelling.putIfAbsent(variant, province);
            if (previous != null && !previous.equals(province)) {
                throw new IllegalStateException("spelling " + variant + " matches both " + previous.name()
                        + " and " + province.name());
            }
        }
    }

    private Province lookup(String key) {
        Province exact = bySpelling.get(key);
        return exact != null ? exact : bySpelling.get(key.replace(" ", ""));
    }

    private static String key(String spelling) {
        String folded = fold(spelling);
        for (String trailing : TRAILING_WORDS) {
            if (folded.endsWith(trailing) && folded.length() > trailing.length()) {
                folded = folded.substring(0, folded.length() - trailing.length());
            }
        }
        return folded;
    }

    private static String stripAdministrativeWords(String key) {
        for (String leading : LEADING_WORDS) {
            if (key.startsWith(leading)) {
                return key.substring(leading.length());
            }
        }
        return key;
    }
}
