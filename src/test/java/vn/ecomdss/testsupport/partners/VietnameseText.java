package vn.ecomdss.testsupport.partners;

import java.text.Normalizer;

/** Vietnamese text without its diacritics, for the ASCII user names and slugs the platforms derive from names. */
final class VietnameseText {

    static String ascii(String text) {
        String decomposed = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "");
    }

    private VietnameseText() {
    }
}
