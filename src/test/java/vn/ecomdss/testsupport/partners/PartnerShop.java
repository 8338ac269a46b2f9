package vn.ecomdss.testsupport.partners;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The small Vietnamese shop every partner fake serves: 30 products, 60 orders of 1-4 lines and two returns, drawn
 * from a fixed seed so every run sees the same names, prices and buyers. Times are laid out before {@code anchor}:
 * products are created 40-20 days before it, orders 11 days to 28 hours before it, and every seeded change is at
 * least 25 hours old, so whatever a test touches afterwards is the only thing changed "today".
 *
 * <p>The vnmarket simulator's name, phone and province tables are package-private in src/main, so the few this
 * shop needs are repeated here in the same spirit (diacritics, the ways Vietnamese shoppers type phone numbers).
 */
final class PartnerShop {

    enum Status { UNPAID, READY_TO_SHIP, SHIPPED, COMPLETED, CANCELLED }

    record Product(int index, String sku, String name, String category, String brand, long priceVnd, int stock,
                   boolean listed, Instant created, Instant updated) {
        Product touched(Instant at) {
            return new Product(index, sku, name, category, brand, priceVnd, Math.max(0, stock - 1), listed, created, at);
        }
    }

    record Buyer(String name, String phone, String street, String ward, String district, String province) {
        String fullAddress() {
            return street + ", " + ward + ", " + district + ", " + province;
        }
    }

    record Line(int productIndex, String sku, String productName, int quantity, long unitPriceVnd) {
        long amountVnd() {
            return unitPriceVnd * quantity;
        }
    }

    record Order(int index, Instant created, Instant updated, Status status, Buyer buyer, List<Line> lines,
                 long shippingFeeVnd, String paymentMethod) {
        long subtotalVnd() {
            return lines.stream().mapToLong(Line::amountVnd).sum();
        }

        long totalVnd() {
            return subtotalVnd() + shippingFeeVnd;
        }

        /** A change a seller would see: the order moves one step along, or stays where it ended. */
        Order touched(Instant at) {
            Status next = switch (status) {
                case UNPAID -> Status.READY_TO_SHIP;
                case READY_TO_SHIP -> Status.SHIPPED;
                case SHIPPED -> Status.COMPLETED;
                case COMPLETED, CANCELLED -> status;
            };
            return new Order(index, created, at, next, buyer, lines, shippingFeeVnd, paymentMethod);
        }
    }

    record Return(int index, int orderIndex, String reason, String textReason, String status, long refundVnd,
                  Instant created, Instant updated) {
    }

    static final int PRODUCTS = 30;
    static final int ORDERS = 60;

    private static final String[][] MODELS = {
            {"Điện thoại Samsung Galaxy A15 128GB", "Điện thoại", "Samsung", "4990000"},
            {"Điện thoại Xiaomi Redmi Note 13 8GB/128GB", "Điện thoại", "Xiaomi", "4590000"},
            {"Tai nghe Bluetooth Xiaomi Redmi Buds 5", "Thiết bị điện tử", "Xiaomi", "690000"},
            {"Sạc dự phòng Anker 20000mAh PowerCore", "Thiết bị điện tử", "Anker", "790000"},
            {"Áo thun nữ cotton Canifa", "Thời trang nữ", "Canifa", "199000"},
            {"Váy liền thân công sở Ivy Moda", "Thời trang nữ", "Ivy Moda", "1190000"},
            {"Áo polo nam Coolmate Excool", "Thời trang nam", "Coolmate", "259000"},
            {"Quần tây nam Việt Tiến", "Thời trang nam", "Việt Tiến", "650000"},
            {"Giày thể thao Biti's Hunter X", "Giày dép", "Biti's", "899000"},
            {"Nước tẩy trang bí đao Cocoon 500ml", "Mỹ phẩm", "Cocoon", "295000"},
            {"Kem chống nắng La Roche-Posay Anthelios 50ml", "Mỹ phẩm", "La Roche-Posay", "495000"},
            {"Nồi cơm điện Sunhouse 1.8L SHD8602", "Đồ gia dụng", "Sunhouse", "690000"},
            {"Bình giữ nhiệt Lock&Lock 500ml", "Đồ gia dụng", "Lock&Lock", "345000"},
            {"Tã quần Bobby size L 54 miếng", "Mẹ và bé", "Bobby", "329000"},
            {"Cà phê G7 3in1 Trung Nguyên hộp 21 gói", "Thực phẩm", "Trung Nguyên", "59000"},
    };
    private static final String[][] VARIANTS = {{"Đen", "Xanh"}, {"Size M", "Size L"}};
    private static final List<String> FAMILY = List.of("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ");
    private static final List<String> MIDDLE = List.of("Văn", "Thị", "Minh", "Ngọc", "Hữu", "Thu", "Đức", "Thanh");
    private static final List<String> GIVEN = List.of("An", "Bình", "Chi", "Dũng", "Hà", "Hương", "Khoa", "Linh", "Phúc", "Quỳnh", "Thảo", "Việt");
    private static final String[][] PLACES = {
            {"Hồ Chí Minh", "Quận 1", "Phường Bến Nghé"}, {"Hồ Chí Minh", "Quận Bình Thạnh", "Phường 25"},
            {"Hồ Chí Minh", "TP. Thủ Đức", "Phường Linh Trung"}, {"Hà Nội", "Quận Cầu Giấy", "Phường Dịch Vọng"},
            {"Hà Nội", "Quận Đống Đa", "Phường Láng Hạ"}, {"Đà Nẵng", "Quận Hải Châu", "Phường Thạch Thang"},
            {"Cần Thơ", "Quận Ninh Kiều", "Phường Tân An"}, {"Bình Dương", "TP. Thủ Dầu Một", "Phường Phú Cường"},
            {"Hải Phòng", "Quận Lê Chân", "Phường An Biên"}, {"Khánh Hòa", "TP. Nha Trang", "Phường Lộc Thọ"},
    };
    private static final List<String> STREETS = List.of("Lê Lợi", "Nguyễn Huệ", "Trần Hưng Đạo", "Hai Bà Trưng", "Lý Thường Kiệt", "Điện Biên Phủ");
    private static final List<String> MOBILE_PREFIXES = List.of("091", "090", "098", "097", "086", "032", "035", "070", "079", "083");
    private static final List<String> PAYMENTS = List.of("COD", "COD", "ShopeePay", "Thẻ tín dụng", "Chuyển khoản");

    private final List<Product> products;
    private final List<Order> orders;
    private final List<Return> returns;

    private PartnerShop(List<Product> products, List<Order> orders, List<Return> returns) {
        this.products = products;
        this.orders = orders;
        this.returns = returns;
    }

    static PartnerShop generate(long seed, Instant anchor) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant latestSeedChange = anchor.minus(Duration.ofHours(25));
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
            String[] model = MODELS[i / 2];
            String variant = VARIANTS[model[1].startsWith("Thời trang") || model[1].equals("Giày dép") ? 1 : 0][i % 2];
            Instant created = anchor.minus(Duration.ofDays(40)).plus(Duration.ofHours(16L * i));
            Instant updated = min(created.plus(Duration.ofHours(random.nextInt(24 * 20))), latestSeedChange);
            products.add(new Product(i, "SKU-%03d-%s".formatted(i + 1, variant.replace(" ", "").toUpperCase()),
                    model[0] + " - " + variant, model[1], model[2], Long.parseLong(model[3]), random.nextInt(0, 200),
                    i % 11 != 10, created, updated));
        }
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            Instant created = anchor.minus(Duration.ofDays(11)).plus(Duration.ofHours(4L * i));
            // A third of the orders changed again a day or two after they were placed, the rest within hours.
            Duration later = i % 3 == 0 ? Duration.ofHours(24 + random.nextInt(24)) : Duration.ofMinutes(random.nextInt(180));
            Instant updated = min(created.plus(later), latestSeedChange);
            int lineCount = 1 + random.nextInt(4);
            List<Line> lines = new ArrayList<>();
            for (int l = 0; l < lineCount; l++) {
                Product product = products.get(random.nextInt(PRODUCTS));
                long unitPrice = random.nextInt(4) == 0 ? product.priceVnd() * 9 / 10 / 1000 * 1000 : product.priceVnd();
                lines.add(new Line(product.index(), product.sku(), product.name(), 1 + random.nextInt(3), unitPrice));
            }
            Status status = Status.values()[i % 7 == 6 ? 4 : random.nextInt(4)];
            orders.add(new Order(i, created, updated, status, buyer(random), List.copyOf(lines),
                    List.of(0L, 15_000L, 22_000L, 30_000L).get(random.nextInt(4)), PAYMENTS.get(random.nextInt(PAYMENTS.size()))));
        }
        List<Return> returns = new ArrayList<>();
        int returned = 0;
        for (Order order : orders) {
            if (order.status() == Status.COMPLETED && returns.size() < 2) {
                Instant created = min(order.updated().plus(Duration.ofHours(6)), latestSeedChange);
                returns.add(returned == 0
                        ? new Return(0, order.index(), "NOT_RECEIPT", "Chưa nhận được hàng", "REQUESTED", order.totalVnd(), created, created)
                        : new Return(1, order.index(), "WRONG_ITEM", "Giao sai màu, tôi đặt màu đen", "ACCEPTED",
                        order.lines().get(0).amountVnd(), created, min(created.plus(Duration.ofHours(3)), latestSeedChange)));
                returned++;
            }
        }
        return new PartnerShop(products, orders, returns);
    }

    synchronized List<Product> products() {
        return List.copyOf(products);
    }

    synchronized List<Order> orders() {
        return List.copyOf(orders);
    }

    synchronized List<Return> returns() {
        return List.copyOf(returns);
    }

    synchronized Product product(int index) {
        return products.get(index);
    }

    synchronized Order order(int index) {
        return orders.get(index);
    }

    synchronized void touchProduct(int index, Instant at) {
        products.set(index, products.get(index).touched(at));
    }

    synchronized void touchOrder(int index, Instant at) {
        orders.set(index, orders.get(index).touched(at));
    }

    private static Buyer buyer(SplittableRandom random) {
        String name = pick(random, FAMILY) + " " + pick(random, MIDDLE) + " " + pick(random, GIVEN);
        String national = pick(random, MOBILE_PREFIXES) + "%07d".formatted(random.nextInt(10_000_000));
        String phone = switch (random.nextInt(4)) {
            case 0 -> national;
            case 1 -> national.substring(0, 4) + " " + national.substring(4, 7) + " " + national.substring(7);
            case 2 -> "+84" + national.substring(1);
            default -> "84" + national.substring(1);
        };
        String[] place = PLACES[random.nextInt(PLACES.length)];
        String street = (1 + random.nextInt(300)) + " " + pick(random, STREETS);
        return new Buyer(name, phone, street, place[2], place[1], place[0]);
    }

    private static <T> T pick(SplittableRandom random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
