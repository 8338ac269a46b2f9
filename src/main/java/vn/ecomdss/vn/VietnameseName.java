package vn.ecomdss.vn;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Normalises personal names to the way Vietnamese names are written: composed Unicode, each word capitalised. */
public final class VietnameseName {

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");

    private VietnameseName() {
    }

    /** {@code "  TRẦN   thị   BÍCH "} becomes {@code "Trần Thị Bích"}; null stays null. */
    public static String normalize(String name) {
        if (name == null) {
            return null;
        }
        String composed = Normalizer.normalize(name, Normalizer.Form.NFC);
        String collapsed = WHITESPACE.matcher(composed).replaceAll(" ").strip();
        StringBuilder result = new StringBuilder(collapsed.length());
        boolean startOfWord = true;
        for (int i = 0; i < collapsed.length(); ) {
            int codePoint = collapsed.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            result.append(startOfWord ? character.toUpperCase(Locale.ROOT) : character.toLowerCase(Locale.ROOT));
            // Hyphenated and apostrophised parts (ethnic-minority and foreign names) are capitalised like words.
            startOfWord = codePoint == ' ' || codePoint == '-' || codePoint == '\'';
            i += Character.charCount(codePoint);
        }
        return Normalizer.normalize(result, Normalizer.Form.NFC);
    }
}
