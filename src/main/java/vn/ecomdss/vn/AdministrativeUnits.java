package vn.ecomdss.vn;

import static vn.ecomdss.vn.Region.CENTRAL;
import static vn.ecomdss.vn.Region.NORTH;
import static vn.ecomdss.vn.Region.SOUTH;

import java.util.List;
import java.util.Map;

/** Official lists of provincial units before and after the 1 July 2025 merger, and the mapping between them. */
final class AdministrativeUnits {

    /** Thừa Thiên Huế became the city of Huế on 1 January 2025; the long name is kept because most order data uses it. */
    static final List<Province> BEFORE_2025 = List.of(
            Province.of("01", "Hà Nội", NORTH),
            Province.of("02", "Hà Giang", NORTH),
            Province.of("04", "Cao Bằng", NORTH),
            Province.of("06", "Bắc Kạn", NORTH),
            Province.of("08", "Tuyên Quang", NORTH),
            Province.of("10", "Lào Cai", NORTH),
            Province.of("11", "Điện Biên", NORTH),
            Province.of("12", "Lai Châu", NORTH),
            Province.of("14", "Sơn La", NORTH),
            Province.of("15", "Yên Bái", NORTH),
            Province.of("17", "Hòa Bình", NORTH),
            Province.of("19", "Thái Nguyên", NORTH),
            Province.of("20", "Lạng Sơn", NORTH),
            Province.of("22", "Quảng Ninh", NORTH),
            Province.of("24", "Bắc Giang", NORTH),
            Province.of("25", "Phú Thọ", NORTH),
            Province.of("26", "Vĩnh Phúc", NORTH),
            Province.of("27", "Bắc Ninh", NORTH),
            Province.of("30", "Hải Dương", NORTH),
            Province.of("31", "Hải Phòng", NORTH),
            Province.of("33", "Hưng Yên", NORTH),
            Province.of("34", "Thái Bình", NORTH),
            Province.of("35", "Hà Nam", NORTH),
            Province.of("36", "Nam Định", NORTH),
            Province.of("37", "Ninh Bình", NORTH),
            Province.of("38", "Thanh Hóa", CENTRAL),
            Province.of("40", "Nghệ An", CENTRAL),
            Province.of("42", "Hà Tĩnh", CENTRAL),
            Province.of("44", "Quảng Bình", CENTRAL),
            Province.of("45", "Quảng Trị", CENTRAL),
            Province.of("46", "Thừa Thiên Huế", CENTRAL),
            Province.of("48", "Đà Nẵng", CENTRAL),
            Province.of("49", "Quảng Nam", CENTRAL),
            Province.of("51", "Quảng Ngãi", CENTRAL),
            Province.of("52", "Bình Định", CENTRAL),
            Province.of("54", "Phú Yên", CENTRAL),
            Province.of("56", "Khánh Hòa", CENTRAL),
            Province.of("58", "Ninh Thuận", CENTRAL),
            Province.of("60", "Bình Thuận", CENTRAL),
            Province.of("62", "Kon Tum", CENTRAL),
            Province.of("64", "Gia Lai", CENTRAL),
            Province.of("66", "Đắk Lắk", CENTRAL),
            Province.of("67", "Đắk Nông", CENTRAL),
            Province.of("68", "Lâm Đồng", CENTRAL),
            Province.of("70", "Bình Phước", SOUTH),
            Province.of("72", "Tây Ninh", SOUTH),
            Province.of("74", "Bình Dương", SOUTH),
            Province.of("75", "Đồng Nai", SOUTH),
            Province.of("77", "Bà Rịa - Vũng Tàu", SOUTH),
            Province.of("79", "TP. Hồ Chí Minh", SOUTH),
            Province.of("80", "Long An", SOUTH),
            Province.of("82", "Tiền Giang", SOUTH),
            Province.of("83", "Bến Tre", SOUTH),
            Province.of("84", "Trà Vinh", SOUTH),
            Province.of("86", "Vĩnh Long", SOUTH),
            Province.of("87", "Đồng Tháp", SOUTH),
            Province.of("89", "An Giang", SOUTH),
            Province.of("91", "Kiên Giang", SOUTH),
            Province.of("92", "Cần Thơ", SOUTH),
            Province.of("93", "Hậu Giang", SOUTH),
            Province.of("94", "Sóc Trăng", SOUTH),
            Province.of("95", "Bạc Liêu", SOUTH),
            Province.of("96", "Cà Mau", SOUTH));

    static final List<Province2025> AFTER_2025 = List.of(
            Province2025.of("01", "Hà Nội", NORTH),
            Province2025.of("04", "Cao Bằng", NORTH),
            Province2025.of("08", "Tuyên Quang", NORTH),
            Province2025.of("11", "Điện Biên", NORTH),
            Province2025.of("12", "Lai Châu", NORTH),
            Province2025.of("14", "Sơn La", NORTH),
            Province2025.of("15", "Lào Cai", NORTH),
            Province2025.of("19", "Thái Nguyên", NORTH),
            Province2025.of("20", "Lạng Sơn", NORTH),
            Province2025.of("22", "Quảng Ninh", NORTH),
            Province2025.of("24", "Bắc Ninh", NORTH),
            Province2025.of("25", "Phú Thọ", NORTH),
            Province2025.of("31", "Hải Phòng", NORTH),
            Province2025.of("33", "Hưng Yên", NORTH),
            Province2025.of("37", "Ninh Bình", NORTH),
            Province2025.of("38", "Thanh Hóa", CENTRAL),
            Province2025.of("40", "Nghệ An", CENTRAL),
            Province2025.of("42", "Hà Tĩnh", CENTRAL),
            Province2025.of("44", "Quảng Trị", CENTRAL),
            Province2025.of("46", "Huế", CENTRAL),
            Province2025.of("48", "Đà Nẵng", CENTRAL),
            Province2025.of("51", "Quảng Ngãi", CENTRAL),
            Province2025.of("52", "Gia Lai", CENTRAL),
            Province2025.of("56", "Khánh Hòa", CENTRAL),
            Province2025.of("66", "Đắk Lắk", CENTRAL),
            Province2025.of("68", "Lâm Đồng", CENTRAL),
            Province2025.of("75", "Đồng Nai", SOUTH),
            Province2025.of("79", "TP. Hồ Chí Minh", SOUTH),
            Province2025.of("80", "Tây Ninh", SOUTH),
            Province2025.of("82", "Đồng Tháp", SOUTH),
            Province2025.of("86", "Vĩnh Long", SOUTH),
            Province2025.of("91", "An Giang", SOUTH),
            Province2025.of("92", "Cần Thơ", SOUTH),
            Province2025.of("96", "Cà Mau", SOUTH));

    /** Old code to new code, following Resolution 202/2025/QH15 article 1. */
    static final Map<String, String> MERGED_INTO = Map.ofEntries(
            // Unchanged units.
            Map.entry("01", "01"), Map.entry("04", "04"), Map.entry("11", "11"), Map.entry("12", "12"),
            Map.entry("14", "14"), Map.entry("20", "20"), Map.entry("22", "22"), Map.entry("38", "38"),
            Map.entry("40", "40"), Map.entry("42", "42"), Map.entry("46", "46"),
            // Merged units.
            Map.entry("02", "08"), Map.entry("08", "08"),
            Map.entry("10", "15"), Map.entry("15", "15"),
            Map.entry("06", "19"), Map.entry("19", "19"),
            Map.entry("17", "25"), Map.entry("25", "25"), Map.entry("26", "25"),
            Map.entry("24", "24"), Map.entry("27", "24"),
            Map.entry("33", "33"), Map.entry("34", "33"),
            Map.entry("30", "31"), Map.entry("31", "31"),
            Map.entry("35", "37"), Map.entry("36", "37"), Map.entry("37", "37"),
            Map.entry("44", "44"), Map.entry("45", "44"),
            Map.entry("48", "48"), Map.entry("49", "48"),
            Map.entry("51", "51"), Map.entry("62", "51"),
            Map.entry("52", "52"), Map.entry("64", "52"),
            Map.entry("56", "56"), Map.entry("58", "56"),
            Map.entry("60", "68"), Map.entry("67", "68"), Map.entry("68", "68"),
            Map.entry("54", "66"), Map.entry("66", "66"),
            Map.entry("74", "79"), Map.entry("77", "79"), Map.entry("79", "79"),
            Map.entry("70", "75"), Map.entry("75", "75"),
            Map.entry("72", "80"), Map.entry("80", "80"),
            Map.entry("82", "82"), Map.entry("87", "82"),
            Map.entry("83", "86"), Map.entry("84", "86"), Map.entry("86", "86"),
            Map.entry("89", "91"), Map.entry("91", "91"),
            Map.entry("92", "92"), Map.entry("93", "92"), Map.entry("94", "92"),
            Map.entry("95", "96"), Map.entry("96", "96"));

    /**
     * Extra spellings, keyed by pre-2025 code: common abbreviations, old and short spellings, and the districts of
     * the big cities that customers type instead of the province; city names live in {@link #CAPITALS_AND_CITIES}.
     */
    static final Map<String, List<String>> ALIASES = Map.ofEntries(
            Map.entry("01", List.of("HN", "Hanoi", "Thủ đô Hà Nội",
                    "Hoàn Kiếm", "Ba Đình", "Đống Đa", "Cầu Giấy", "Hai Bà Trưng", "Tây Hồ", "Thanh Xuân",
                    "Long Biên", "Hà Đông", "Bắc Từ Liêm", "Nam Từ Liêm")),
            Map.entry("06", List.of("Bắc Cạn")),
            Map.entry("10", List.of("Sa Pa")),
            Map.entry("31", List.of("Haiphong")),
            Map.entry("46", List.of("Thừa Thiên - Huế", "TT Huế", "TT-Huế")),
            Map.entry("48", List.of("Danang", "Hải Châu", "Sơn Trà", "Thanh Khê", "Ngũ Hành Sơn", "Liên Chiểu",
                    "Cẩm Lệ")),
            Map.entry("52", List.of("Qui Nhơn")),
            Map.entry("58", List.of("Phan Rang")),
            Map.entry("62", List.of("Kontum")),
            Map.entry("64", List.of("Plei Ku")),
            Map.entry("66", List.of("Đắc Lắc", "Ban Mê Thuột")),
            // The bare name is ambiguous (see AMBIGUOUS), so only the city forms resolve.
            Map.entry("74", List.of("Thành phố Tân Uyên", "TP Tân Uyên")),
            Map.entry("77", List.of("BR-VT", "BRVT", "Bà Rịa Vũng Tàu")),
            Map.entry("79", List.of("Hồ Chí Minh", "TP.HCM", "TPHCM", "HCM", "HCMC", "Ho Chi Minh City",
                    "Sài Gòn", "SG",
                    "Quận 1", "Quận 2", "Quận 3", "Quận 4", "Quận 5", "Quận 6", "Quận 7", "Quận 8", "Quận 9",
                    "Quận 10", "Quận 11", "Quận 12",
                    "Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10", "Q11", "Q12",
                    "District 1", "District 3", "District 5", "District 7", "District 10",
                    "Bình Thạnh", "Gò Vấp", "Tân Bình", "Phú Nhuận", "Bình Tân", "Bình Chánh",
                    "Hóc Môn", "Củ Chi", "Nhà Bè", "Cần Giờ")));

    /**
     * Capital first (the five centrally-run cities have none), then the other provincial cities, by pre-2025 code,
     * copied from the published list cited in src/test/resources/vn/provincial-cities.csv because customers write
     * the town they live in rather than its province.
     */
    static final Map<String, List<String>> CAPITALS_AND_CITIES = Map.ofEntries(
            Map.entry("02", List.of("Hà Giang")),
            Map.entry("04", List.of("Cao Bằng")),
            Map.entry("06", List.of("Bắc Kạn")),
            Map.entry("08", List.of("Tuyên Quang")),
            Map.entry("10", List.of("Lào Cai")),
            Map.entry("11", List.of("Điện Biên Phủ")),
            Map.entry("12", List.of("Lai Châu")),
            Map.entry("14", List.of("Sơn La")),
            Map.entry("15", List.of("Yên Bái")),
            Map.entry("17", List.of("Hòa Bình")),
            Map.entry("19", List.of("Thái Nguyên", "Sông Công", "Phổ Yên")),
            Map.entry("20", List.of("Lạng Sơn")),
            Map.entry("22", List.of("Hạ Long", "Móng Cái", "Cẩm Phả", "Uông Bí")),
            Map.entry("24", List.of("Bắc Giang")),
            Map.entry("25", List.of("Việt Trì")),
            Map.entry("26", List.of("Vĩnh Yên", "Phúc Yên")),
            Map.entry("27", List.of("Bắc Ninh", "Từ Sơn")),
            Map.entry("30", List.of("Hải Dương", "Chí Linh")),
            Map.entry("33", List.of("Hưng Yên")),
            Map.entry("34", List.of("Thái Bình")),
            Map.entry("35", List.of("Phủ Lý")),
            Map.entry("36", List.of("Nam Định")),
            Map.entry("37", List.of("Ninh Bình", "Tam Điệp", "Hoa Lư")),
            Map.entry("38", List.of("Thanh Hóa", "Sầm Sơn")),
            Map.entry("40", List.of("Vinh")),
            Map.entry("42", List.of("Hà Tĩnh")),
            Map.entry("44", List.of("Đồng Hới")),
            Map.entry("45", List.of("Đông Hà")),
            Map.entry("46", List.of("Huế")),
            Map.entry("49", List.of("Tam Kỳ", "Hội An")),
            Map.entry("51", List.of("Quảng Ngãi")),
            Map.entry("52", List.of("Quy Nhơn")),
            Map.entry("54", List.of("Tuy Hòa")),
            Map.entry("56", List.of("Nha Trang", "Cam Ranh")),
            Map.entry("58", List.of("Phan Rang–Tháp Chàm")),
            Map.entry("60", List.of("Phan Thiết")),
            Map.entry("62", List.of("Kon Tum")),
            Map.entry("64", List.of("Pleiku")),
            Map.entry("66", List.of("Buôn Ma Thuột")),
            Map.entry("67", List.of("Gia Nghĩa")),
            Map.entry("68", List.of("Đà Lạt", "Bảo Lộc")),
            Map.entry("70", List.of("Đồng Xoài")),
            Map.entry("72", List.of("Tây Ninh")),
            Map.entry("74", List.of("Thủ Dầu Một", "Dĩ An", "Thuận An", "Bến Cát")),
            Map.entry("75", List.of("Biên Hòa", "Long Khánh")),
            Map.entry("77", List.of("Bà Rịa", "Vũng Tàu")),
            Map.entry("79", List.of("Thủ Đức")),
            Map.entry("80", List.of("Tân An")),
            Map.entry("82", List.of("Mỹ Tho", "Gò Công")),
            Map.entry("83", List.of("Bến Tre")),
            Map.entry("84", List.of("Trà Vinh")),
            Map.entry("86", List.of("Vĩnh Long")),
            Map.entry("87", List.of("Cao Lãnh", "Sa Đéc", "Hồng Ngự")),
            Map.entry("89", List.of("Long Xuyên", "Châu Đốc")),
            Map.entry("91", List.of("Rạch Giá", "Hà Tiên", "Phú Quốc")),
            Map.entry("93", List.of("Vị Thanh", "Ngã Bảy")),
            Map.entry("94", List.of("Sóc Trăng")),
            Map.entry("95", List.of("Bạc Liêu")),
            Map.entry("96", List.of("Cà Mau")));

    /**
     * Spellings answered with nothing rather than a guess, because each names places in different provinces and a
     * wrong guess would route an order to the wrong end of the country: "DN" (Đà Nẵng, Đồng Nai, Đắk Nông),
     * "Tân Uyên" (a city of Bình Dương and a
     * district of Lai Châu) and "Tân Châu" (a town of An Giang and a district of Tây Ninh).
     */
    static final List<String> AMBIGUOUS = List.of("DN", "ĐN", "Tân Uyên", "Tân Châu");

    private AdministrativeUnits() {
    }
}
