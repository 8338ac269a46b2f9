package vn.ecomdss.simulator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Orders on an absolute calendar: each day's volume and each order depend only on the seed and the day,
 * and ids are numbered from {@link MarketCalendar#OPENING}, so an order keeps its id and content for
 * every later asOf. The API exposes the last {@code historyDays} of them.
 */
final class OrderBook {

    private static final List<String> STATUSES = List.of("delivered", "cancelled", "returned", "shipping");
    private static final int[] STATUS_WEIGHTS = {80, 9, 4, 7};
    private static final List<Integer> LINE_COUNTS = List.of(1, 2, 3, 4, 5);
    private static final int[] LINE_COUNT_WEIGHTS = {52, 24, 12, 7, 5};
    private static final List<Integer> QUANTITIES = List.of(1, 2, 3, 4, 5);
    private static final int[] QUANTITY_WEIGHTS = {62, 22, 8, 4, 4};
    private static final List<String> VOUCHERS = Arrays.asList(null, "FREESHIP", "GIAM20K", "GIAM50K", "XTRA15K");
    private static final int[] VOUCHER_WEIGHTS = {55, 20, 10, 7, 8};
    private static final List<Long> SHIPPING_FEES = List.of(12_000L, 15_000L, 16_500L, 18_000L, 22_000L, 25_000L, 30_000L, 38_000L);
    /** Orders are placed 01:00-23:59 (see CatalogueHistory: prices change before 01:00); evenings are busiest. */
    private static final int[] HOUR_WEIGHTS = {0, 1, 1, 1, 1, 2, 3, 5, 6, 7, 7, 8, 9, 8, 7, 7, 7, 8, 9, 11, 13, 14, 12, 6};
    private static final List<Integer> HOURS = java.util.stream.IntStream.range(0, 24).boxed().toList();
    private static final Map<String, int[]> PAYMENT_WEIGHTS = Map.of(
            // MoMo, ZaloPay, VNPay, ShopeePay, COD, Chuyển khoản, Visa
            "shopee", new int[] {8, 5, 7, 25, 40, 5, 10},
            "lazada", new int[] {10, 8, 12, 0, 48, 7, 15},
            "tiki", new int[] {14, 10, 14, 0, 35, 7, 20},
            "sendo", new int[] {8, 6, 8, 0, 65, 9, 4},
            "tiktokshop", new int[] {12, 6, 8, 0, 62, 4, 8});
    private static final List<String> PAYMENTS = List.of("MoMo", "ZaloPay", "VNPay", "ShopeePay", "COD", "Chuyển khoản", "Visa");

    private final long seed;
    private final double meanOrdersPerDay;
    private final List<ProductListing> products;
    private final List<CustomerAccount> customers;
    private final Map<String, List<ProductListing>> productsByPlatform;

    OrderBook(VnMarketSettings settings, List<ProductListing> products, List<CustomerAccount> customers) {
        this.seed = settings.seed();
        this.meanOrdersPerDay = (double) settings.orders() / settings.historyDays();
        this.products = products;
        this.customers = customers;
        Map<String, List<ProductListing>> byPlatform = new java.util.HashMap<>();
        for (String platform : ProductCatalogue.PLATFORMS) {
            byPlatform.put(platform, products.stream().filter(p -> p.platform().equals(platform)).toList());
        }
        this.productsByPlatform = Map.copyOf(byPlatform);
    }

    /** Orders dated from {@code firstDay} through the end of {@code lastDay}, in id (= time) order. */
    List<MarketOrder> between(LocalDate firstDay, LocalDate lastDay) {
        List<MarketOrder> orders = new ArrayList<>();
        long sequence = 0;
        for (LocalDate day = MarketCalendar.OPENING; !day.isAfter(lastDay); day = day.plusDays(1)) {
            int count = dailyCount(day);
            if (!day.isBefore(firstDay)) {
                LocalDateTime[] times = orderTimes(day, count);
                for (int k = 0; k < count; k++) {
                    MarketOrder order = order(day, k, times[k], sequence + k + 1);
                    if (order != null) {
                        orders.add(order);
                    }
                }
            }
            sequence += count;
        }
        return orders;
    }

    private int dailyCount(LocalDate day) {
        double mean = meanOrdersPerDay * MarketCalendar.weight(day) / MarketCalendar.MEAN_WEIGHT;
        return SeededRandom.poisson(SeededRandom.of(seed, "order-count", day.toEpochDay()), mean);
    }

    private LocalDateTime[] orderTimes(LocalDate day, int count) {
        SplittableRandom r = SeededRandom.of(seed, "order-times", day.toEpochDay());
        LocalDateTime[] times = new LocalDateTime[count];
        for (int k = 0; k < count; k++) {
            int hour = SeededRandom.pickWeighted(r, HOURS, HOUR_WEIGHTS);
            times[k] = day.atTime(hour, r.nextInt(60));
        }
        Arrays.sort(times);
        return times;
    }

    private MarketOrder order(LocalDate day, int k, LocalDateTime at, long number) {
        SplittableRandom r = SeededRandom.of(seed, "order", day.toEpochDay(), k);
        // Customers and products created on the order day itself are not yet shopping/sellable.
        int registered = countBefore(customers, day, CustomerAccount::registeredAt);
        if (registered == 0) {
            return null;
        }
        String platform = SeededRandom.pickWeighted(r, ProductCatalogue.PLATFORMS, ProductCatalogue.PLATFORM_WEIGHTS);
        List<ProductListing> shelf = productsByPlatform.get(platform);
        int listed = countBefore(shelf, day, ProductListing::createdAt);
        if (listed == 0) {
            return null;
        }
        // A third of orders come from long-standing customers, who cluster at the low ids.
        int customerIndex = r.nextDouble() < 0.35 ? (int) (registered * Math.pow(r.nextDouble(), 2)) : r.nextInt(registered);
        CustomerAccount customer = customers.get(customerIndex);
        String shippingCity = r.nextDouble() < 0.88
                ? customer.stateAt(day).city()
                : SeededRandom.pick(r, VietnamGeography.pickProvince(r).spellings());

        String voucher = MarketCalendar.isDoubleDay(day) && r.nextDouble() < 0.4
                ? String.format("SALE%d%d", day.getMonthValue(), day.getDayOfMonth())
                : SeededRandom.pickWeighted(r, VOUCHERS, VOUCHER_WEIGHTS);

        int wanted = SeededRandom.pickWeighted(r, LINE_COUNTS, LINE_COUNT_WEIGHTS);
        List<MarketOrder.Line> lines = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int attempt = 0; attempt < wanted * 4 && lines.size() < wanted; attempt++) {
            ProductListing product = shelf.get(r.nextInt(listed));
            ProductListing.State state = product.stateAt(day);
            if (!state.sellable() || !used.add(product.id())) {
                continue;
            }
            int quantity = state.priceVnd() > 2_000_000
                    ? (r.nextDouble() < 0.92 ? 1 : 2)
                    : Math.min(state.stock(), SeededRandom.pickWeighted(r, QUANTITIES, QUANTITY_WEIGHTS));
            long amount = state.priceVnd() * quantity;
            long discount = 0;
            if (lines.isEmpty() && "GIAM50K".equals(voucher) && amount > 300_000) {
                discount = 50_000;
            } else if (lines.isEmpty() && "GIAM20K".equals(voucher) && amount > 100_000) {
                discount = 20_000;
            } else if (!state.flashSale() && r.nextDouble() < 0.2) {
                discount = Math.min(amount - 1000, Math.round(amount * (0.03 + r.nextDouble() * 0.07) / 1000.0) * 1000);
            }
            lines.add(new MarketOrder.Line(lines.size() + 1, product.id(), quantity, state.priceVnd(), Math.max(0, discount)));
        }
        if (lines.isEmpty()) {
            return null;
        }
        long shippingFee = "FREESHIP".equals(voucher) ? 0 : SeededRandom.pick(r, SHIPPING_FEES);
        String payment = SeededRandom.pickWeighted(r, PAYMENTS, PAYMENT_WEIGHTS.get(platform));
        String status = SeededRandom.pickWeighted(r, STATUSES, STATUS_WEIGHTS);
        return new MarketOrder(String.format("VNM-O%07d", number), customer.id(), at, platform, payment, status,
                shippingCity, voucher, shippingFee, List.copyOf(lines));
    }

    /** How many of the (date-ordered) records were created strictly before {@code day}. */
    private static <T> int countBefore(List<T> records, LocalDate day, Function<T, LocalDateTime> createdAt) {
        int lo = 0;
        int hi = records.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (createdAt.apply(records.get(mid)).toLocalDate().isBefore(day)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
