package vn.ecomdss.simulator;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Names, e-mail addresses and phone numbers the way Vietnamese shoppers enter them. */
final class VietnamesePeople {

    private static final List<String> FAMILY = List.of(
            "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý");
    private static final int[] FAMILY_WEIGHTS = {38, 11, 9, 7, 5, 4, 4, 4, 3, 2, 2, 2, 2, 2, 2, 1};
    private static final List<String> MALE_MIDDLE = List.of("Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Công", "Gia");
    private static final List<String> FEMALE_MIDDLE = List.of("Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hoài", "Bảo", "Phương");
    private static final List<String> MALE_GIVEN = List.of(
            "An", "Bình", "Cường", "Dũng", "Hải", "Hiếu", "Hoàng", "Huy", "Khang", "Khoa", "Long", "Nam", "Phúc", "Quân",
            "Sơn", "Tài", "Thắng", "Trung", "Tuấn", "Việt");
    private static final List<String> FEMALE_GIVEN = List.of(
            "An", "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "My", "Ngân", "Nhung",
            "Phương", "Quỳnh", "Thảo", "Trang", "Vy");
    private static final List<String> MAIL_DOMAINS = List.of("gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "icloud.com", "yahoo.com.vn");

    /** Mobile prefixes after the 2018 renumbering, with the old 11-digit prefix where one existed. */
    private record Prefix(String current, String old) {
    }

    private static final List<Prefix> PREFIXES = List.of(
            new Prefix("091", null), new Prefix("094", null), new Prefix("088", null), new Prefix("090", null),
            new Prefix("093", null), new Prefix("089", null), new Prefix("096", null), new Prefix("097", null),
            new Prefix("098", null), new Prefix("086", null),
            new Prefix("032", "0162"), new Prefix("033", "0163"), new Prefix("034", "0164"), new Prefix("035", "0165"),
            new Prefix("036", "0166"), new Prefix("037", "0167"), new Prefix("038", "0168"), new Prefix("039", "0169"),
            new Prefix("070", "0120"), new Prefix("079", "0121"), new Prefix("077", "0122"), new Prefix("076", "0126"),
            new Prefix("078", "0128"), new Prefix("083", "0123"), new Prefix("084", "0124"), new Prefix("085", "0125"),
            new Prefix("081", "0127"), new Prefix("082", "0129"));

    private static final List<String> GARBAGE_PHONES = List.of(
            "12345", "0912-ABC", "091234567890123", "chưa có", "+84", "000", "09xx xxx xxx", "phone");

    record PersonName(String family, String middle, String given) {
        String proper() {
            return family + " " + middle + " " + given;
        }
    }

    static PersonName name(SplittableRandom random, boolean female) {
        String family = SeededRandom.pickWeighted(random, FAMILY, FAMILY_WEIGHTS);
        String middle = SeededRandom.pick(random, female ? FEMALE_MIDDLE : MALE_MIDDLE);
        String given = SeededRandom.pick(random, female ? FEMALE_GIVEN : MALE_GIVEN);
        return new PersonName(family, middle, given);
    }

    /** Roughly a third of names are typed properly; the rest have the casing and spacing of real sign-up forms. */
    static String messy(PersonName name, SplittableRandom random) {
        String proper = name.proper();
        return switch (random.nextInt(9)) {
            case 0, 1, 2 -> proper;
            case 3 -> proper.toLowerCase(Locale.ROOT);
            case 4 -> proper.toUpperCase(Locale.ROOT);
            case 5 -> "  " + proper + " ";
            case 6 -> name.family() + "  " + name.middle() + "   " + name.given().toLowerCase(Locale.ROOT);
            case 7 -> withoutDiacritics(proper);
            default -> name.given() + " " + name.family().toLowerCase(Locale.ROOT);
        };
    }

    static String email(PersonName name, int birthYear, SplittableRandom random) {
        String given = ascii(name.given());
        String family = ascii(name.family());
        String middle = ascii(name.middle());
        String local = switch (random.nextInt(6)) {
            case 0 -> given + "." + family;
            case 1 -> family + middle + given + (birthYear % 100);
            case 2 -> given + family + random.nextInt(10, 1000);
            case 3 -> given + "_" + family + birthYear;
            case 4 -> family.charAt(0) + "" + middle.charAt(0) + given;
            default -> given + "." + middle + "." + family;
        };
        return local + "@" + SeededRandom.pick(random, MAIL_DOMAINS);
    }

    static String phone(SplittableRandom random) {
        Prefix prefix = SeededRandom.pick(random, PREFIXES);
        String subscriber = String.format("%07d", random.nextInt(10_000_000));
        String national = prefix.current() + subscriber; // 10 digits, leading 0
        String nine = national.substring(1);
        int style = random.nextInt(prefix.old() != null ? 7 : 6);
        return switch (style) {
            case 0 -> national.substring(0, 4) + " " + national.substring(4, 7) + " " + national.substring(7);
            case 1 -> national;
            case 2 -> "84" + nine;
            case 3 -> "+84-" + nine.substring(0, 3) + "." + nine.substring(3, 6) + "." + nine.substring(6);
            case 4 -> "(+84) " + nine;
            case 5 -> "+84 " + nine.substring(0, 2) + " " + nine.substring(2, 5) + " " + nine.substring(5);
            default -> prefix.old() + subscriber;
        };
    }

    static String garbagePhone(SplittableRandom random) {
        return SeededRandom.pick(random, GARBAGE_PHONES);
    }

    static String withoutDiacritics(String text) {
        String decomposed = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "");
    }

    private static String ascii(String namePart) {
        return withoutDiacritics(namePart).toLowerCase(Locale.ROOT);
    }

    private VietnamesePeople() {
    }
}
