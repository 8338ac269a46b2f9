package vn.ecomdss.vn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ProvinceDirectoryTest {

    /** Published list of provincial capitals and cities; the file's comments name its sources and dates. */
    private static final String PUBLISHED_CITIES = "/vn/provincial-cities.csv";

    private final ProvinceDirectory directory = ProvinceDirectory.standard();

    @ParameterizedTest(name = "{0}: {1} / {2}")
    @CsvSource(delimiter = '|', value = {
            "01 | Thành phố Hà Nội          | Ha Noi",
            "02 | Tỉnh Hà Giang             | ha giang",
            "04 | Cao Bằng                  | CAO BANG",
            "06 | Bắc Kạn                   | Bac Kan",
            "08 | tuyên quang               | Tuyen Quang Province",
            "10 | Lào Cai                   | Lao Cai",
            "11 | Điện Biên                 | Dien Bien",
            "12 | Lai Châu                  | lai chau",
            "14 | Sơn La                    | Son La",
            "15 | Yên Bái                   | Yen Bai",
            "17 | Hoà Bình                  | Hoa Binh",
            "19 | Thái Nguyên               | Thai  Nguyen",
            "20 | Lạng Sơn                  | Lang Son",
            "22 | Quảng Ninh                | Quang Ninh",
            "24 | Bắc Giang                 | Bac Giang",
            "25 | Phú Thọ                   | Phu Tho",
            "26 | Vĩnh Phúc                 | Vinh Phuc",
            "27 | Bắc Ninh                  | Bac Ninh",
            "30 | Hải Dương                 | Hai Duong",
            "31 | TP. Hải Phòng             | Hai Phong",
            "33 | Hưng Yên                  | Hung Yen",
            "34 | Thái Bình                 | Thai Binh",
            "35 | Hà Nam                    | Ha Nam",
            "36 | Nam Định                  | Nam Dinh",
            "37 | Ninh Bình                 | Ninh Binh",
            "38 | Thanh Hoá                 | Thanh Hoa",
            "40 | Nghệ An                   | Nghe An",
            "42 | Hà Tĩnh                   | Ha Tinh",
            "44 | Quảng Bình                | Quang Binh",
            "45 | Quảng Trị                 | Quang Tri",
            "46 | Thừa Thiên Huế            | Thua Thien Hue",
            "48 | Thành phố Đà Nẵng         | Da Nang City",
            "49 | Quảng Nam                 | Quang Nam",
            "51 | Quảng Ngãi                | Quang Ngai",
            "52 | Bình Định                 | Binh Dinh",
            "54 | Phú Yên                   | Phu Yen",
            "56 | Khánh Hoà                 | Khanh Hoa",
            "58 | Ninh Thuận                | Ninh Thuan",
            "60 | Bình Thuận                | Binh Thuan",
            "62 | Kon Tum                   | Kon Tum",
            "64 | Gia Lai                   | Gia Lai",
            "66 | Đắk Lắk                   | Dak Lak",
            "67 | Đắk Nông                  | Dak Nong",
            "68 | Lâm Đồng                  | Lam Dong",
            "70 | Bình Phước                | Binh Phuoc",
            "72 | Tây Ninh                  | Tay Ninh",
            "74 | Bình Dương                | Binh Duong",
            "75 | Đồng Nai                  | Dong Nai",
            "77 | Bà Rịa – Vũng Tàu         | Ba Ria-Vung Tau",
            "79 | Thành phố Hồ Chí Minh     | Ho Chi Minh City",
            "80 | Long An                   | Long An",
            "82 | Tiền Giang                | Tien Giang",
            "83 | Bến Tre                   | Ben Tre",
            "84 | Trà Vinh                  | Tra Vinh",
            "86 | Vĩnh Long                 | Vinh Long",
            "87 | Đồng Tháp                 | Dong Thap",
            "89 | An Giang                  | An Giang",
            "91 | Kiên Giang                | Kien Giang",
            "92 | Thành phố Cần Thơ         | Can Tho",
            "93 | Hậu Giang                 | Hau Giang",
            "94 | Sóc Trăng                 | Soc Trang",
            "95 | Bạc Liêu                  | Bac Lieu",
            "96 | Cà Mau                    | Ca Mau"})
    void resolvesEveryProvinceWithAndWithoutDiacritics(String code, String withDiacritics, String withoutDiacritics) {
        assertThat(directory.resolve(withDiacritics)).map(Province::code).contains(code);
        assertThat(directory.resolve(withoutDiacritics)).map(Province::code).contains(code);
        assertThat(directory.resolve(Normalizer.normalize(withDiacritics, Normalizer.Form.NFD)))
                .map(Province::code).contains(code);
    }

    @Test
    void everyProvinceResolvesByItsOwnNameAndAsciiName() {
        for (Province province : directory.provinces()) {
            assertThat(directory.resolve(province.name())).contains(province);
            assertThat(directory.resolve(province.asciiName())).contains(province);
            assertThat(directory.resolve(province.name().toUpperCase())).contains(province);
        }
    }

    @Test
    void listsTheSixtyThreeOfficialUnitsWithDistinctCodes() {
        List<Province> provinces = directory.provinces();

        assertThat(provinces).hasSize(63);
        assertThat(provinces).extracting(Province::code).doesNotHaveDuplicates().allMatch(c -> c.matches("\\d\\d"));
        assertThat(provinces).extracting(Province::name).doesNotHaveDuplicates();
        Map<Region, Long> perRegion = provinces.stream()
                .collect(Collectors.groupingBy(Province::region, Collectors.counting()));
        assertThat(perRegion).containsEntry(Region.NORTH, 25L).containsEntry(Region.CENTRAL, 19L)
                .containsEntry(Region.SOUTH, 19L);
        assertThat(provinces).allMatch(p -> p.asciiName().chars().allMatch(c -> c < 128));
    }

    @Test
    void knownCodesAndNames() {
        assertThat(directory.byCode("01")).map(Province::name).contains("Hà Nội");
        assertThat(directory.byCode("79")).map(Province::name).contains("TP. Hồ Chí Minh");
        assertThat(directory.byCode("48")).map(Province::name).contains("Đà Nẵng");
        assertThat(directory.byCode("48")).map(Province::asciiName).contains("Da Nang");
        assertThat(directory.byCode("77")).map(Province::asciiName).contains("Ba Ria - Vung Tau");
        assertThat(directory.byCode("38")).map(Province::region).contains(Region.CENTRAL);
        assertThat(directory.byCode("37")).map(Province::region).contains(Region.NORTH);
        assertThat(directory.byCode("70")).map(Province::region).contains(Region.SOUTH);
        assertThat(directory.byCode("03")).isEmpty();
        assertThat(directory.byCode(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "TP.HCM | 79", "TP HCM | 79", "HCM | 79", "TPHCM | 79", "tp.hcm | 79", "HCMC | 79", "Sài Gòn | 79",
            "Saigon | 79", "SG | 79", "Tp. Hồ Chí Minh | 79", "TP Hồ Chí Minh | 79", "Hồ Chí Minh | 79",
            "HN | 01", "Hanoi | 01", "Hà Nội | 01", "Thủ đô Hà Nội | 01", "hà  nội. | 01",
            "Đà Nẵng | 48", "Da Nang | 48", "Danang | 48", "TP Đà Nẵng | 48",
            "Huế | 46", "Thành phố Huế | 46", "Hue | 46", "Thừa Thiên - Huế | 46",
            "Vũng Tàu | 77", "Vung Tau | 77", "BR-VT | 77", "Bà Rịa Vũng Tàu | 77",
            "Nha Trang | 56", "Khánh Hòa | 56", "Khánh Hoà | 56",
            "Đà Lạt | 68", "Da Lat | 68",
            "Buôn Ma Thuột | 66", "Buon Ma Thuot | 66", "Ban Mê Thuột | 66", "Daklak | 66", "Đắc Lắc | 66",
            "Hạ Long | 22", "Ha Long | 22",
            "Quy Nhơn | 52", "Qui Nhon | 52",
            "Biên Hòa | 75", "Biên Hoà | 75", "Bien Hoa | 75",
            "Cần Thơ | 92", "Can Tho | 92",
            "Hải Phòng | 31", "Haiphong | 31", "Thành phố Hải Phòng | 31",
            "Thanh Hóa | 38", "Thanh Hoá | 38", "Tỉnh Thanh Hoá | 38",
            "Hòa Bình | 17", "Hoà Bình | 17",
            "Bắc Cạn | 06", "Kontum | 62", "Thủ Dầu Một | 74", "Phú Quốc | 91"})
    void resolvesAliasesAndCityNames(String spelling, String code) {
        assertThat(directory.resolve(spelling)).map(Province::code).contains(code);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Quận 1 | 79", "Quan 1 | 79", "Q1 | 79", "Q.1 | 79", "District 1 | 79", "Quận 3 | 79", "Quận 7 | 79",
            "Quận 10 | 79", "Quận 12 | 79", "quan 12 | 79", "Q.12 | 79", "Thủ Đức | 79", "TP Thủ Đức | 79",
            "Thành phố Thủ Đức | 79", "Bình Thạnh | 79", "Quận Bình Thạnh | 79", "Gò Vấp | 79", "Go Vap | 79",
            "Tân Bình | 79", "Phú Nhuận | 79", "Huyện Củ Chi | 79",
            "Hoàn Kiếm | 01", "Quận Hoàn Kiếm | 01", "Ba Đình | 01", "Đống Đa | 01", "Dong Da | 01",
            "Cầu Giấy | 01", "Hai Bà Trưng | 01", "Tây Hồ | 01", "Thanh Xuân | 01", "Long Biên | 01",
            "Hà Đông | 01", "Ha Dong | 01", "Nam Từ Liêm | 01",
            "Hải Châu | 48", "Sơn Trà | 48", "Son Tra | 48", "Thanh Khê | 48", "Quận Thanh Khê | 48"})
    void resolvesDistrictsOfTheBigCities(String spelling, String code) {
        assertThat(directory.resolve(spelling)).map(Province::code).contains(code);
    }

    /** DN stands for Đà Nẵng, Đồng Nai and Đắk Nông alike, so it must not be guessed. */
    @ParameterizedTest
    @ValueSource(strings = {"DN", "dn", "ĐN", "D.N", "TP DN"})
    void treatsDnAsAmbiguous(String spelling) {
        assertThat(directory.resolve(spelling)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "---", "Hà", "Nội", "Hà Nộii", "Bangkok", "Quận 13", "Tỉnh", "Thành phố", "TP",
            "Hà Nộ", "Saigonn", "Phnom Penh", "Đà", "Quảng", "1", "79"})
    void unknownSpellingsAreNotGuessed(String spelling) {
        assertThat(directory.resolve(spelling)).isEmpty();
        assertThat(directory.resolve2025(spelling)).isEmpty();
    }

    @Test
    void foldRemovesDiacriticsCaseAndPunctuation() {
        assertThat(ProvinceDirectory.fold("Đắk Lắk")).isEqualTo("dak lak");
        assertThat(ProvinceDirectory.fold("  BÀ RỊA –  VŨNG TÀU ")).isEqualTo("ba ria vung tau");
        assertThat(ProvinceDirectory.fold("Khánh Hòa")).isEqualTo(ProvinceDirectory.fold("Khánh Hoà"));
        assertThat(ProvinceDirectory.fold(Normalizer.normalize("Nguyễn Đức", Normalizer.Form.NFD)))
                .isEqualTo("nguyen duc");
        assertThat(ProvinceDirectory.fold("TP.HCM")).isEqualTo("tp hcm");
        assertThat(ProvinceDirectory.fold(null)).isEmpty();
    }

    @Test
    void listsTheThirtyFourUnitsInForceSinceJuly2025() {
        List<Province2025> units = directory.provinces2025();

        assertThat(units).hasSize(34);
        assertThat(units).extracting(Province2025::code).doesNotHaveDuplicates();
        assertThat(units).filteredOn(Province2025::centrallyRunCity).extracting(Province2025::name)
                .containsExactlyInAnyOrder("Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "TP. Hồ Chí Minh", "Cần Thơ");
        assertThat(units).filteredOn(u -> !u.centrallyRunCity()).hasSize(28);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "01 | 01 | Hà Nội", "04 | 04 | Cao Bằng", "11 | 11 | Điện Biên", "12 | 12 | Lai Châu",
            "14 | 14 | Sơn La", "20 | 20 | Lạng Sơn", "22 | 22 | Quảng Ninh", "38 | 38 | Thanh Hóa",
            "40 | 40 | Nghệ An", "42 | 42 | Hà Tĩnh", "46 | 46 | Huế",
            "02 | 08 | Tuyên Quang", "08 | 08 | Tuyên Quang",
            "10 | 15 | Lào Cai", "15 | 15 | Lào Cai",
            "06 | 19 | Thái Nguyên", "19 | 19 | Thái Nguyên",
            "17 | 25 | Phú Thọ", "25 | 25 | Phú Thọ", "26 | 25 | Phú Thọ",
            "24 | 24 | Bắc Ninh", "27 | 24 | Bắc Ninh",
            "33 | 33 | Hưng Yên", "34 | 33 | Hưng Yên",
            "30 | 31 | Hải Phòng", "31 | 31 | Hải Phòng",
            "35 | 37 | Ninh Bình", "36 | 37 | Ninh Bình", "37 | 37 | Ninh Bình",
            "44 | 44 | Quảng Trị", "45 | 44 | Quảng Trị",
            "48 | 48 | Đà Nẵng", "49 | 48 | Đà Nẵng",
            "51 | 51 | Quảng Ngãi", "62 | 51 | Quảng Ngãi",
            "52 | 52 | Gia Lai", "64 | 52 | Gia Lai",
            "56 | 56 | Khánh Hòa", "58 | 56 | Khánh Hòa",
            "60 | 68 | Lâm Đồng", "67 | 68 | Lâm Đồng", "68 | 68 | Lâm Đồng",
            "54 | 66 | Đắk Lắk", "66 | 66 | Đắk Lắk",
            "74 | 79 | TP. Hồ Chí Minh", "77 | 79 | TP. Hồ Chí Minh", "79 | 79 | TP. Hồ Chí Minh",
            "70 | 75 | Đồng Nai", "75 | 75 | Đồng Nai",
            "72 | 80 | Tây Ninh", "80 | 80 | Tây Ninh",
            "82 | 82 | Đồng Tháp", "87 | 82 | Đồng Tháp",
            "83 | 86 | Vĩnh Long", "84 | 86 | Vĩnh Long", "86 | 86 | Vĩnh Long",
            "89 | 91 | An Giang", "91 | 91 | An Giang",
            "92 | 92 | Cần Thơ", "93 | 92 | Cần Thơ", "94 | 92 | Cần Thơ",
            "95 | 96 | Cà Mau", "96 | 96 | Cà Mau"})
    void mapsEveryOldProvinceToItsMergedUnit(String oldCode, String newCode, String newName) {
        Province old = directory.byCode(oldCode).orElseThrow();

        Province2025 merged = directory.mergedInto(old);

        assertThat(merged.code()).isEqualTo(newCode);
        assertThat(merged.name()).isEqualTo(newName);
    }

    @Test
    void everyOldProvinceIsMergedAndEveryNewUnitHasAPredecessorOfTheSameName() {
        for (Province province : directory.provinces()) {
            assertThat(directory.mergedInto(province)).isNotNull();
        }
        int total = 0;
        for (Province2025 unit : directory.provinces2025()) {
            List<Province> parts = directory.mergedFrom(unit);
            assertThat(parts).isNotEmpty().hasSizeLessThanOrEqualTo(3);
            assertThat(parts).extracting(p -> ProvinceDirectory.fold(p.name()))
                    .contains(ProvinceDirectory.fold(unit.name().replace("Huế", "Thừa Thiên Huế")));
            total += parts.size();
        }
        assertThat(total).isEqualTo(63);
        assertThat(directory.provinces2025()).filteredOn(u -> directory.mergedFrom(u).size() == 1).hasSize(11);
    }

    @Test
    void mergedIntoRejectsProvincesThatAreNotInTheDirectory() {
        Province invented = new Province("99", "Atlantis", "Atlantis", Region.SOUTH);

        assertThatThrownBy(() -> directory.mergedInto(invented)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Bình Dương | 79", "Thủ Dầu Một | 79", "Vũng Tàu | 79", "Sài Gòn | 79", "Quận 1 | 79",
            "TP. Hồ Chí Minh | 79", "Huế | 46", "Thừa Thiên Huế | 46", "Hà Giang | 08", "Yên Bái | 15",
            "Quảng Nam | 48", "Hội An | 48", "Kon Tum | 51", "Bình Định | 52", "Quy Nhơn | 52", "Phú Yên | 66",
            "Bình Thuận | 68", "Đắk Nông | 68", "Bình Phước | 75", "Long An | 80", "Tiền Giang | 82",
            "Bến Tre | 86", "Trà Vinh | 86", "Kiên Giang | 91", "Phú Quốc | 91", "Sóc Trăng | 92",
            "Bạc Liêu | 96", "Hải Dương | 31", "Nam Định | 37", "Hà Nam | 37", "Vĩnh Phúc | 25", "Hòa Bình | 25",
            "Quảng Bình | 44", "Ninh Thuận | 56", "Gia Lai | 52", "Tây Ninh | 80", "An Giang | 91"})
    void resolves2025UnitsFromOldAndNewNames(String spelling, String newCode) {
        assertThat(directory.resolve2025(spelling)).map(Province2025::code).contains(newCode);
    }

    @Test
    void regionsOfMergedUnits() {
        Map<String, Region> regions = directory.provinces2025().stream()
                .collect(Collectors.toMap(Province2025::name, Province2025::region));

        assertThat(regions).containsEntry("Lâm Đồng", Region.CENTRAL).containsEntry("Tây Ninh", Region.SOUTH)
                .containsEntry("Phú Thọ", Region.NORTH).containsEntry("Huế", Region.CENTRAL);
        Set<String> asciiNames = directory.provinces2025().stream().map(Province2025::asciiName)
                .collect(Collectors.toSet());
        assertThat(asciiNames).contains("Hue", "Dak Lak", "TP. Ho Chi Minh");
    }

    /** Every row of the published list, as written there, without marks and with a city prefix. */
    @ParameterizedTest(name = "{0}, {1}")
    @CsvFileSource(resources = PUBLISHED_CITIES, numLinesToSkip = 1, encoding = "UTF-8")
    void resolvesEveryPublishedCapitalAndProvincialCity(String city, String provinceInSource, String code,
            Region region, boolean capital, String unit2025, boolean ambiguous) {
        String ascii = ProvinceDirectory.withoutDiacritics(city);

        assertThat(directory.resolve(provinceInSource)).map(Province::code).contains(code);
        for (String spelling : List.of("TP. " + city, "Thành phố " + city, "Tp." + city, "TP " + ascii,
                "thanh pho " + ascii, "THÀNH PHỐ " + city.toUpperCase(Locale.ROOT))) {
            assertResolvesTo(spelling, code, region, unit2025);
        }
        for (String spelling : List.of(city, ascii, city.toUpperCase(Locale.ROOT),
                Normalizer.normalize(city, Normalizer.Form.NFD))) {
            if (ambiguous) {
                assertThat(directory.resolve(spelling)).as(spelling).isEmpty();
            } else {
                assertResolvesTo(spelling, code, region, unit2025);
            }
        }
        if (capital && !ambiguous) {
            assertThat(ProvinceDirectory.fold(AdministrativeUnits.CAPITALS_AND_CITIES.get(code).get(0)))
                    .isEqualTo(ProvinceDirectory.fold(city));
        }
    }

    @Test
    void capitalsAndCitiesHoldExactlyThePublishedListWithOneCapitalPerProvince() throws IOException {
        List<String[]> rows = publishedCityRows();
        Map<String, Set<String>> published = new TreeMap<>();
        Map<String, Long> capitals = new TreeMap<>();
        for (String[] row : rows) {
            if (!Boolean.parseBoolean(row[6])) {
                published.computeIfAbsent(row[2], c -> new TreeSet<>()).add(ProvinceDirectory.fold(row[0]));
            }
            if (Boolean.parseBoolean(row[4])) {
                capitals.merge(row[2], 1L, Long::sum);
            }
        }
        Map<String, Set<String>> inDirectory = new TreeMap<>();
        AdministrativeUnits.CAPITALS_AND_CITIES.forEach((code, names) -> inDirectory.put(code,
                names.stream().map(ProvinceDirectory::fold).collect(Collectors.toCollection(TreeSet::new))));

        assertThat(rows).hasSize(86);
        assertThat(inDirectory).isEqualTo(published);
        Set<String> provinces = directory.provinces().stream().map(Province::code)
                .filter(c -> !Set.of("01", "31", "48", "79", "92").contains(c)).collect(Collectors.toSet());
        assertThat(capitals.keySet()).isEqualTo(provinces);
        assertThat(capitals.values()).containsOnly(1L);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Buôn Ma Thuột       | 66 | Đắk Lắk", "Buon Ma Thuot | 66 | Đắk Lắk", "Tuy Hòa | 66 | Đắk Lắk",
            "Quy Nhơn            | 52 | Gia Lai", "Pleiku | 52 | Gia Lai",
            "Vũng Tàu            | 79 | TP. Hồ Chí Minh", "TP. Vũng Tàu | 79 | TP. Hồ Chí Minh",
            "Bà Rịa              | 79 | TP. Hồ Chí Minh", "Dĩ An | 79 | TP. Hồ Chí Minh",
            "Thuận An            | 79 | TP. Hồ Chí Minh", "Thủ Đức | 79 | TP. Hồ Chí Minh",
            "Biên Hòa            | 75 | Đồng Nai", "Đồng Xoài | 75 | Đồng Nai", "Long Khánh | 75 | Đồng Nai",
            "Đà Lạt              | 68 | Lâm Đồng", "Phan Thiết | 68 | Lâm Đồng", "Gia Nghĩa | 68 | Lâm Đồng",
            "Bảo Lộc             | 68 | Lâm Đồng",
            "Phan Rang–Tháp Chàm | 56 | Khánh Hòa", "Phan Rang | 56 | Khánh Hòa", "Cam Ranh | 56 | Khánh Hòa",
            "Kon Tum             | 51 | Quảng Ngãi", "Tam Kỳ | 48 | Đà Nẵng", "Hội An | 48 | Đà Nẵng",
            "Đông Hà             | 44 | Quảng Trị", "Tân An | 80 | Tây Ninh", "Cao Lãnh | 82 | Đồng Tháp",
            "Sa Đéc              | 82 | Đồng Tháp", "Rạch Giá | 91 | An Giang", "Long Xuyên | 91 | An Giang",
            "Vị Thanh            | 92 | Cần Thơ", "Sóc Trăng | 92 | Cần Thơ", "Bạc Liêu | 96 | Cà Mau",
            "Bến Tre             | 86 | Vĩnh Long", "Trà Vinh | 86 | Vĩnh Long", "Việt Trì | 25 | Phú Thọ",
            "Vĩnh Yên            | 25 | Phú Thọ", "Hòa Bình | 25 | Phú Thọ", "Phủ Lý | 37 | Ninh Bình",
            "Nam Định            | 37 | Ninh Bình", "Chí Linh | 31 | Hải Phòng", "Thái Bình | 33 | Hưng Yên",
            "Hà Giang            | 08 | Tuyên Quang", "Yên Bái | 15 | Lào Cai", "Bắc Kạn | 19 | Thái Nguyên",
            "Từ Sơn              | 24 | Bắc Ninh", "Huế | 46 | Huế", "Hạ Long | 22 | Quảng Ninh"})
    void capitalsAndCitiesResolveToTheirPostMergerUnit(String spelling, String newCode, String newName) {
        assertThat(directory.resolve2025(spelling)).map(Province2025::code).contains(newCode);
        assertThat(directory.resolve2025(spelling)).map(Province2025::name).contains(newName);
    }

    /** Tân Uyên also names a Lai Châu district, so only its city forms resolve; Vinh resolves with or without them. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "TP Vinh | 40 | 40", "TP. Vinh | 40 | 40", "Thành phố Vinh | 40 | 40", "thanh pho vinh | 40 | 40",
            "TP Tân Uyên | 74 | 79", "Thành phố Tân Uyên | 74 | 79", "tp tan uyen | 74 | 79"})
    void ambiguousCityNamesResolveOnlyWithTheirCityPrefix(String spelling, String code, String newCode) {
        assertThat(directory.resolve(spelling)).map(Province::code).contains(code);
        assertThat(directory.resolve2025(spelling)).map(Province2025::code).contains(newCode);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tân Uyên", "Tan Uyen", "Huyện Tân Uyên", "Thị xã Tân Uyên",
            "Tân Châu", "Tan Chau", "Thị xã Tân Châu", "Huyện Tân Châu"})
    void bareCityNamesSharedWithAnotherProvinceAreNotGuessed(String spelling) {
        assertThat(directory.resolve(spelling)).isEmpty();
        assertThat(directory.resolve2025(spelling)).isEmpty();
    }

    /** Both kinds of unit derive their ASCII name from the official one, as ASCII-only sources spell it. */
    @Test
    void aUnitsAsciiNameIsItsNameWithoutDiacritics() {
        assertThat(Province.of("48", "Đà Nẵng", Region.CENTRAL))
                .isEqualTo(new Province("48", "Đà Nẵng", "Da Nang", Region.CENTRAL));
        assertThat(Province2025.of("46", "Huế", Region.CENTRAL))
                .isEqualTo(new Province2025("46", "Huế", "Hue", Region.CENTRAL));
    }

    private void assertResolvesTo(String spelling, String code, Region region, String unit2025) {
        assertThat(directory.resolve(spelling)).as(spelling).map(Province::code).contains(code);
        assertThat(directory.resolve(spelling)).as(spelling).map(Province::region).contains(region);
        assertThat(directory.resolve2025(spelling)).as(spelling).map(Province2025::name).contains(unit2025);
    }

    private static List<String[]> publishedCityRows() throws IOException {
        try (InputStream in = ProvinceDirectoryTest.class.getResourceAsStream(PUBLISHED_CITIES)) {
            assertThat(in).as(PUBLISHED_CITIES).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .skip(1)
                    .map(line -> line.split(",", -1))
                    .toList();
        }
    }
}
