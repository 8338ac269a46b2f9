package vn.ecomdss.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.ecomdss.pipeline.InvalidDefinitionException;

class CategoryTreeTest {

    private static final CategoryTree SHIPPED = new CategoryTreeLoader().load("file:job-definitions");

    /** What each source emits today: the fixtures, the site pages of the tests and the vnmarket catalogue. */
    private static final Map<String, List<String>> EMITTED = Map.of(
            "dummyjson", List.of("beauty", "fragrances", "furniture", "groceries", "home-decoration",
                    "kitchen-accessories", "laptops", "mens-shirts", "mens-shoes", "mens-watches", "mobile-accessories",
                    "motorcycle", "skin-care", "smartphones", "sports-accessories", "sunglasses", "tablets", "tops",
                    "vehicle", "womens-bags", "womens-dresses", "womens-jewellery", "womens-shoes", "womens-watches"),
            "fakestore", List.of("electronics", "jewelery", "men's clothing", "women's clothing"),
            "platzi", List.of("Clothes", "Electronics", "Furniture", "Shoes", "Miscellaneous"),
            "sendo", List.of("Điện thoại"),
            "fptshop", List.of("Điện thoại", "Máy tính xách tay"),
            "chotot", List.of("Điện thoại", "Laptop"),
            "vnmarket", List.of("Điện thoại", "Laptop", "Thiết bị điện tử", "Thời trang nữ", "Thời trang nam",
                    "Giày dép", "Mỹ phẩm", "Đồ gia dụng", "Mẹ và bé", "Thực phẩm", "Nhà cửa & Đời sống", "Sức khỏe"));

    @TempDir
    Path dir;

    @Test
    void everyCategoryACurrentSourceEmitsIsMapped() {
        EMITTED.forEach((source, categories) -> assertThat(categories)
                .as(source).allSatisfy(c -> assertThat(SHIPPED.map(source, c)).as(source + " " + c).isPresent()));
    }

    @Test
    void sourcesNamesLandOnTheVietnameseTree() {
        assertThat(code("fakestore", "electronics")).isEqualTo("thiet-bi-dien-tu");
        assertThat(SHIPPED.map("platzi", "Electronics").orElseThrow().name()).isEqualTo("Thiết bị điện tử");
        assertThat(SHIPPED.map("shop", "fashion").orElseThrow().name()).isEqualTo("Thời trang");
        assertThat(SHIPPED.map("shop", "home_garden").orElseThrow().name()).isEqualTo("Nhà cửa & Đời sống");
        assertThat(SHIPPED.map("dummyjson", "smartphones").orElseThrow().name()).isEqualTo("Điện thoại & Máy tính bảng");
        assertThat(SHIPPED.map("fptshop", "Máy tính xách tay").orElseThrow().name()).isEqualTo("Máy tính & Laptop");
        assertThat(SHIPPED.map("vnmarket", "Mẹ và bé").orElseThrow().name()).isEqualTo("Mẹ & Bé");
        assertThat(SHIPPED.map("dummyjson", "groceries").orElseThrow().name()).isEqualTo("Bách hóa");
        assertThat(SHIPPED.map("dummyjson", "motorcycle").orElseThrow().name()).isEqualTo("Ô tô & Xe máy");
        assertThat(SHIPPED.map("shop", "books").orElseThrow().name()).isEqualTo("Sách");
        assertThat(SHIPPED.map("shop", "sports").orElseThrow().name()).isEqualTo("Thể thao & Dã ngoại");
        assertThat(SHIPPED.map("vnmarket", "Mỹ phẩm").orElseThrow().name()).isEqualTo("Sức khỏe & Làm đẹp");
        assertThat(SHIPPED.map("dummyjson", "mens-shoes").orElseThrow())
                .isEqualTo(new CategoryTree.Category("giay-dep", "Giày dép", "thoi-trang"));
    }

    @Test
    void namesMatchWithoutCaseDiacriticsOrPunctuation() {
        assertThat(code("vnmarket", "  ĐIỆN THOẠI ")).isEqualTo("dien-thoai-may-tinh-bang");
        assertThat(code("vnmarket", "dien thoai")).isEqualTo("dien-thoai-may-tinh-bang");
        assertThat(code("dummyjson", "Home_Decoration")).isEqualTo("nha-cua-doi-song");
    }

    @Test
    void aSourcesOwnNameIsNotReadForAnotherSource() {
        assertThat(code("dummyjson", "tops")).isEqualTo("thoi-trang-nu");
        assertThat(SHIPPED.map("platzi", "tops")).isEmpty();
    }

    @Test
    void anUnknownOrMissingCategoryHasNoMapping() {
        assertThat(SHIPPED.map("vnmarket", "Hàng mới về")).isEmpty();
        assertThat(SHIPPED.map("vnmarket", null)).isEmpty();
        assertThat(SHIPPED.map("vnmarket", " ")).isEmpty();
    }

    @Test
    void aProductKeepsItsSourceCategoryBesideTheMappedOne() {
        ProductTransformer transformer = new ProductTransformer(SHIPPED);
        var products = RawRecords.entity("products", "product", RawRecords.sameNames("category"));
        StagedProduct mapped = transformer.transform(RawRecords.record("products", "P1", "{\"category\": \"Giày dép\"}"),
                products, "VND", RawRecords.RUN);
        StagedProduct unmapped = transformer.transform(RawRecords.record("products", "P2",
                "{\"category\": \"Hàng mới về\"}"), products, "VND", RawRecords.RUN);

        assertThat(List.of(mapped.category(), mapped.mappedCategoryCode(), mapped.mappedCategoryName()))
                .containsExactly("Giày dép", "giay-dep", "Giày dép");
        assertThat(unmapped.category()).isEqualTo("Hàng mới về");
        assertThat(unmapped.mappedCategoryCode()).isNull();
        assertThat(unmapped.mappedCategoryName()).isNull();
    }

    @Test
    void anUnknownTargetAParentBelowItsChildAndAnUnknownSourceAreRefusedWithFileAndField() throws IOException {
        Files.createDirectories(dir.resolve("reference"));
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("sources/shop.yml"), "source: shop\n");
        Files.writeString(dir.resolve("reference/categories.yml"), """
                tree:
                  - {code: giay-dep, name: "Giày dép", parent: thoi-trang}
                  - {code: thoi-trang, name: "Thời trang"}
                  - {code: Sach, name: "Sách"}
                all-sources:
                  shoes: giay-dep
                  toys: do-choi
                sources:
                  shop:
                    Áo: thoi-trang
                    ao: thoi-trang
                  shoppe:
                    sach: sach
                """);

        assertThatThrownBy(() -> new CategoryTreeLoader().load("file:" + dir))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.problems()).containsExactly(
                        "reference/categories.yml: tree[0].parent: unknown parent 'thoi-trang'; declare a parent above "
                                + "its children",
                        "reference/categories.yml: tree[2].code: a code is lower-case ASCII words joined by '-', e.g. "
                                + "thoi-trang, got 'Sach'",
                        "reference/categories.yml: all-sources.toys: unknown category 'do-choi' (the tree has: "
                                + "[giay-dep, thoi-trang, Sach])",
                        "reference/categories.yml: sources.shop.ao: 'ao' and 'Áo' are one name once case, diacritics "
                                + "and punctuation are ignored; keep one",
                        "reference/categories.yml: sources.shoppe: no file of sources/ declares the source 'shoppe' "
                                + "(declared: [shop])",
                        "reference/categories.yml: sources.shoppe.sach: unknown category 'sach' (the tree has: "
                                + "[giay-dep, thoi-trang, Sach])"));
    }

    @Test
    void withoutTheFileNothingIsMapped() {
        assertThat(new CategoryTreeLoader().load("file:" + dir).map("shop", "electronics")).isEmpty();
    }

    @Test
    void theTreesOwnNamesMapToThemselvesForEverySource() {
        List<String> names = List.of("Thiết bị điện tử", "Thời trang", "Nhà cửa & Đời sống", "Sức khỏe & Làm đẹp",
                "Thể thao & Dã ngoại", "Sách", "Mẹ & Bé", "Bách hóa", "Ô tô & Xe máy", "Điện thoại & Máy tính bảng",
                "Máy tính & Laptop");
        assertThat(names).allSatisfy(n -> assertThat(SHIPPED.map("x", n)).as(n).isPresent());
    }

    private static String code(String source, String category) {
        return SHIPPED.map(source, category).orElseThrow().code();
    }
}
