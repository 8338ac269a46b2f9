package vn.ecomdss.simulator;

import java.util.List;

/** Reference assortment of a Vietnamese marketplace: what is sold, by which brand, at roughly what list price. */
final class ProductCatalogue {

    record Model(String category, String brand, String name, long listPriceVnd, List<String> variants) {
    }

    static final List<String> PLATFORMS = List.of("shopee", "lazada", "tiki", "sendo", "tiktokshop");
    static final int[] PLATFORM_WEIGHTS = {42, 20, 14, 6, 18};

    static final List<String> VOUCHERS = List.of("GIAM50K", "GIAM20K", "GIAM10%", "FREESHIP", "XTRA15K", "MUA2GIAM5");

    private static final List<String> PHONE_COLOURS = List.of("Đen", "Xanh", "Tím", "Bạc");
    private static final List<String> LAPTOP_SPECS = List.of("8GB/256GB", "8GB/512GB", "16GB/512GB");
    private static final List<String> SIZES = List.of("Size S", "Size M", "Size L", "Size XL");
    private static final List<String> SHOE_SIZES = List.of("Size 38", "Size 39", "Size 40", "Size 41", "Size 42");
    private static final List<String> NONE = List.of();

    static final List<Model> MODELS = List.of(
            new Model("Điện thoại", "Samsung", "Điện thoại Samsung Galaxy A15 128GB", 4_990_000, PHONE_COLOURS),
            new Model("Điện thoại", "Samsung", "Điện thoại Samsung Galaxy A35 5G 256GB", 8_290_000, PHONE_COLOURS),
            new Model("Điện thoại", "Samsung", "Điện thoại Samsung Galaxy S24 Ultra 256GB", 29_990_000, PHONE_COLOURS),
            new Model("Điện thoại", "Apple", "Điện thoại iPhone 15 128GB", 19_990_000, PHONE_COLOURS),
            new Model("Điện thoại", "Apple", "Điện thoại iPhone 13 128GB", 13_490_000, PHONE_COLOURS),
            new Model("Điện thoại", "Xiaomi", "Điện thoại Xiaomi Redmi Note 13 8GB/128GB", 4_590_000, PHONE_COLOURS),
            new Model("Điện thoại", "Oppo", "Điện thoại OPPO Reno11 F 5G", 8_990_000, PHONE_COLOURS),
            new Model("Điện thoại", "Oppo", "Điện thoại OPPO A58 6GB/128GB", 4_690_000, PHONE_COLOURS),
            new Model("Điện thoại", "Vivo", "Điện thoại vivo Y17s 4GB/128GB", 3_290_000, PHONE_COLOURS),
            new Model("Điện thoại", "Realme", "Điện thoại realme C67 8GB/128GB", 4_290_000, PHONE_COLOURS),
            new Model("Laptop", "Asus", "Laptop Asus Vivobook 15 X1504ZA i3", 10_990_000, LAPTOP_SPECS),
            new Model("Laptop", "Acer", "Laptop Acer Aspire 7 Gaming A715 i5", 17_490_000, LAPTOP_SPECS),
            new Model("Laptop", "Dell", "Laptop Dell Inspiron 15 3520 i5", 15_990_000, LAPTOP_SPECS),
            new Model("Laptop", "HP", "Laptop HP Pavilion 14 i5", 16_490_000, LAPTOP_SPECS),
            new Model("Laptop", "Lenovo", "Laptop Lenovo IdeaPad Slim 3 Ryzen 5", 12_990_000, LAPTOP_SPECS),
            new Model("Laptop", "Apple", "MacBook Air M2 13 inch", 24_990_000, LAPTOP_SPECS),
            new Model("Thiết bị điện tử", "Xiaomi", "Tai nghe Bluetooth Xiaomi Redmi Buds 5", 690_000, NONE),
            new Model("Thiết bị điện tử", "JBL", "Loa Bluetooth JBL Flip 6", 2_490_000, NONE),
            new Model("Thiết bị điện tử", "Sony", "Tai nghe chống ồn Sony WH-1000XM5", 7_490_000, NONE),
            new Model("Thiết bị điện tử", "Anker", "Sạc dự phòng Anker 20000mAh PowerCore", 790_000, NONE),
            new Model("Thiết bị điện tử", "Xiaomi", "Camera an ninh Xiaomi C300 2K", 650_000, NONE),
            new Model("Thời trang nữ", "Canifa", "Áo thun nữ cotton Canifa", 199_000, SIZES),
            new Model("Thời trang nữ", "Ivy Moda", "Váy liền thân công sở Ivy Moda", 1_190_000, SIZES),
            new Model("Thời trang nữ", "Elise", "Chân váy chữ A Elise", 690_000, SIZES),
            new Model("Thời trang nữ", "Routine", "Áo sơ mi nữ tay dài Routine", 395_000, SIZES),
            new Model("Thời trang nữ", "Yody", "Quần jean nữ ống rộng Yody", 449_000, SIZES),
            new Model("Thời trang nam", "Coolmate", "Áo polo nam Coolmate Excool", 259_000, SIZES),
            new Model("Thời trang nam", "Owen", "Áo sơ mi nam dài tay Owen", 595_000, SIZES),
            new Model("Thời trang nam", "Việt Tiến", "Quần tây nam Việt Tiến", 650_000, SIZES),
            new Model("Thời trang nam", "Routine", "Quần jean nam slim fit Routine", 545_000, SIZES),
            new Model("Giày dép", "Biti's", "Giày thể thao Biti's Hunter X", 899_000, SHOE_SIZES),
            new Model("Giày dép", "Biti's", "Dép quai hậu Biti's", 259_000, SHOE_SIZES),
            new Model("Giày dép", "Ananas", "Giày Ananas Basas Bumper Gum", 580_000, SHOE_SIZES),
            new Model("Giày dép", "Vascara", "Giày cao gót Vascara 7cm", 495_000, SHOE_SIZES),
            new Model("Mỹ phẩm", "Cocoon", "Nước tẩy trang bí đao Cocoon 500ml", 295_000, NONE),
            new Model("Mỹ phẩm", "La Roche-Posay", "Kem chống nắng La Roche-Posay Anthelios 50ml", 495_000, NONE),
            new Model("Mỹ phẩm", "L'Oréal", "Nước tẩy trang L'Oréal Micellar 400ml", 179_000, NONE),
            new Model("Mỹ phẩm", "Innisfree", "Sữa rửa mặt trà xanh Innisfree 150ml", 235_000, NONE),
            new Model("Mỹ phẩm", "Senka", "Sữa rửa mặt Senka Perfect Whip 120g", 105_000, NONE),
            new Model("Mỹ phẩm", "Some By Mi", "Serum Some By Mi AHA-BHA-PHA 50ml", 325_000, NONE),
            new Model("Đồ gia dụng", "Sunhouse", "Nồi cơm điện Sunhouse 1.8L SHD8602", 690_000, NONE),
            new Model("Đồ gia dụng", "Sunhouse", "Bộ nồi inox 3 đáy Sunhouse 5 chiếc", 1_290_000, NONE),
            new Model("Đồ gia dụng", "Kangaroo", "Máy lọc nước RO Kangaroo KG100HQ", 6_490_000, NONE),
            new Model("Đồ gia dụng", "Lock&Lock", "Bình giữ nhiệt Lock&Lock 500ml", 345_000, NONE),
            new Model("Đồ gia dụng", "Philips", "Nồi chiên không dầu Philips HD9200 4.1L", 2_190_000, NONE),
            new Model("Đồ gia dụng", "Điện Quang", "Bóng đèn LED bulb Điện Quang 12W", 39_000, NONE),
            new Model("Mẹ và bé", "Bobby", "Tã quần Bobby size L 54 miếng", 329_000, NONE),
            new Model("Mẹ và bé", "Huggies", "Tã dán Huggies size M 76 miếng", 379_000, NONE),
            new Model("Mẹ và bé", "Vinamilk", "Sữa bột Vinamilk Dielac Grow Plus 900g", 455_000, NONE),
            new Model("Mẹ và bé", "Pigeon", "Bình sữa Pigeon cổ rộng 240ml", 285_000, NONE),
            new Model("Mẹ và bé", "Moony", "Tã quần Moony Natural size XL 32 miếng", 429_000, NONE),
            new Model("Thực phẩm", "Vinamilk", "Thùng 48 hộp sữa tươi Vinamilk 180ml", 389_000, NONE),
            new Model("Thực phẩm", "TH true MILK", "Thùng 48 hộp sữa tươi TH true MILK 180ml", 419_000, NONE),
            new Model("Thực phẩm", "Trung Nguyên", "Cà phê G7 3in1 Trung Nguyên hộp 21 gói", 59_000, NONE),
            new Model("Thực phẩm", "Acecook", "Thùng mì Hảo Hảo tôm chua cay 30 gói", 119_000, NONE),
            new Model("Thực phẩm", "Vinacafé", "Cà phê sữa Vinacafé Gold Original bịch 24 gói", 89_000, NONE),
            new Model("Thực phẩm", "Nestlé", "Thùng 48 hộp sữa Milo 180ml", 399_000, NONE),
            new Model("Nhà cửa & Đời sống", "Senko", "Quạt đứng Senko DH1600", 450_000, NONE),
            new Model("Nhà cửa & Đời sống", "Sunhouse", "Cây lau nhà xoay 360 độ Sunhouse", 299_000, NONE),
            new Model("Sức khỏe", "Blackmores", "Viên uống Blackmores Fish Oil 1000mg 400 viên", 695_000, NONE),
            new Model("Sức khỏe", "DHC", "Viên uống vitamin C DHC 60 ngày", 135_000, NONE));

    /** Collections sellers make of their own shop and file products under instead of a marketplace category. */
    static final List<String> STOREFRONT_CATEGORIES = List.of("Hàng mới về", "Deal sốc 9.9", "Combo tiết kiệm",
            "Hàng xách tay");

    /** Generic shop names per category; the rest of the listings are brand official stores. */
    static List<String> resellers(String category) {
        return switch (category) {
            case "Điện thoại", "Laptop", "Thiết bị điện tử" ->
                    List.of("Thế Giới Di Động", "CellphoneS Official", "Hoàng Hà Mobile", "Di Động Việt", "FPT Shop", "Phong Vũ");
            case "Thời trang nữ", "Thời trang nam", "Giày dép" ->
                    List.of("Tiệm Nhà Mơ", "Shop Thời Trang Hà Nội", "Local Brand Sài Gòn", "Dono Store", "Mộc Shop");
            case "Mỹ phẩm", "Sức khỏe" ->
                    List.of("Hasaki Beauty", "Guardian Việt Nam", "Watsons Vietnam", "Thế Giới Skinfood", "Nhà Thuốc Long Châu");
            case "Mẹ và bé" -> List.of("Con Cưng", "Bibo Mart", "Shop Mẹ Bắp", "Kids Plaza");
            case "Thực phẩm" -> List.of("Bách Hóa Xanh", "WinMart Online", "Co.op Online", "Tạp Hóa Cô Ba");
            default -> List.of("Điện Máy Xanh", "Nhà Xinh Store", "Gia Dụng Thông Minh", "Điện Máy Chợ Lớn");
        };
    }

    private ProductCatalogue() {
    }
}
