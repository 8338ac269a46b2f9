package vn.ecomdss.simulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Provinces as customers actually type them: each has several accepted spellings and some districts. */
final class VietnamGeography {

    record Province(String canonical, int weight, List<String> spellings, List<String> districts) {
    }

    static final List<Province> PROVINCES = List.of(
            new Province("Hồ Chí Minh", 34,
                    List.of("TP.HCM", "Hồ Chí Minh", "HCM", "Sài Gòn", "TP. Hồ Chí Minh", "Ho Chi Minh City", "tp hcm"),
                    List.of("Quận 1", "Quận 3", "Quận 7", "Quận 10", "Quận Bình Thạnh", "Quận Gò Vấp", "Quận Tân Bình", "TP. Thủ Đức")),
            new Province("Hà Nội", 28,
                    List.of("Hà Nội", "Ha Noi", "HN", "TP. Hà Nội", "Hanoi", "ha noi"),
                    List.of("Quận Cầu Giấy", "Quận Đống Đa", "Quận Hoàn Kiếm", "Quận Hai Bà Trưng", "Quận Thanh Xuân", "Quận Long Biên")),
            new Province("Đà Nẵng", 7, List.of("Đà Nẵng", "Da Nang", "TP. Đà Nẵng", "Danang"),
                    List.of("Quận Hải Châu", "Quận Sơn Trà", "Quận Thanh Khê")),
            new Province("Hải Phòng", 5, List.of("Hải Phòng", "Hai Phong", "TP. Hải Phòng"),
                    List.of("Quận Lê Chân", "Quận Ngô Quyền")),
            new Province("Cần Thơ", 4, List.of("Cần Thơ", "Can Tho", "TP. Cần Thơ"),
                    List.of("Quận Ninh Kiều", "Quận Cái Răng")),
            new Province("Bình Dương", 6, List.of("Bình Dương", "Binh Duong", "Tỉnh Bình Dương"),
                    List.of("TP. Thủ Dầu Một", "TP. Dĩ An", "TP. Thuận An")),
            new Province("Đồng Nai", 5, List.of("Đồng Nai", "Dong Nai", "Tỉnh Đồng Nai"),
                    List.of("TP. Biên Hòa", "Huyện Trảng Bom")),
            new Province("Khánh Hòa", 3, List.of("Khánh Hòa", "Khanh Hoa", "Nha Trang"),
                    List.of("TP. Nha Trang", "TP. Cam Ranh")),
            new Province("Thừa Thiên Huế", 2, List.of("Thừa Thiên Huế", "Huế", "Hue"), List.of("TP. Huế")),
            new Province("Nghệ An", 2, List.of("Nghệ An", "Nghe An"), List.of("TP. Vinh")),
            new Province("Quảng Ninh", 2, List.of("Quảng Ninh", "Quang Ninh"), List.of("TP. Hạ Long")),
            new Province("Bắc Ninh", 2, List.of("Bắc Ninh", "Bac Ninh"), List.of("TP. Bắc Ninh", "TP. Từ Sơn")));

    /** Misspellings and non-places seen in dirty feeds; none of these is an accepted spelling. */
    static final List<String> MISSPELLINGS = List.of(
            "Hồ Chi Mnh", "Atlantis", "Ha Nôii", "Đà Nẵngg", "Sai Gonn", "TP HCMM", "Hanoii", "Can Thoo",
            "Bình Dươngg", "Springfield", "N/A", "Hà Nộii");

    private static final int[] WEIGHTS = PROVINCES.stream().mapToInt(Province::weight).toArray();

    static Province pickProvince(SplittableRandom random) {
        return SeededRandom.pickWeighted(random, PROVINCES, WEIGHTS);
    }

    /** Every spelling the clean simulator can emit, for validating that a city is at least recognisable. */
    static Set<String> acceptedSpellings() {
        Set<String> all = new LinkedHashSet<>();
        for (Province province : PROVINCES) {
            all.addAll(province.spellings());
        }
        return all;
    }

    static List<String> allDistricts() {
        List<String> all = new ArrayList<>();
        PROVINCES.forEach(p -> all.addAll(p.districts()));
        return all;
    }

    private VietnamGeography() {
    }
}
