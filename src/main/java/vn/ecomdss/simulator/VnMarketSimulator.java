package vn.ecomdss.simulator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deterministic Vietnamese marketplace: for a given seed, what the products, customers and orders
 * endpoints would return at the end of any {@code asOf} day (Asia/Ho_Chi_Minh).
 *
 * <p>Products and customers are generated once with their whole change history; each asOf view is a
 * cut through that history, so consecutive days differ only in the records that changed that day
 * (plus new orders and the orders that age out of the {@code historyDays} window).
 */
public final class VnMarketSimulator {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final int CACHED_VIEWS = 12;

    private final VnMarketSettings settings;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<ProductListing> products;
    private final List<CustomerAccount> customers;
    private final OrderBook orderBook;
    /** Every listing's promotions, listing by listing; a day's view is those announced by then. */
    private final List<MarketPromotion> promotions;
    private final Map<ViewKey, View> views = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ViewKey, View> eldest) {
            return size() > CACHED_VIEWS;
        }
    };

    private record ViewKey(MarketEntity entity, LocalDate asOf) {
    }

    /** One entity's records as of a day, with the defects injected into them. */
    private record View(List<ObjectNode> items, Map<DefectType, List<String>> defects) {
    }

    public VnMarketSimulator(VnMarketSettings settings) {
        this.settings = settings;
        this.products = CatalogueHistory.generate(settings.seed(), settings.products());
        this.customers = CustomerBase.generate(settings.seed(), settings.customers());
        this.orderBook = new OrderBook(settings, products, customers);
        this.promotions = products.stream().flatMap(p -> PromotionCalendar.of(p).stream()).toList();
    }

    public VnMarketSettings settings() {
        return settings;
    }

    /** Today's date in Vietnam, the default {@code asOf} of the HTTP API. */
    public static LocalDate today() {
        return LocalDate.now(MarketCalendar.VIETNAM);
    }

    public List<ObjectNode> products(LocalDate asOf) {
        return copies(view(MarketEntity.PRODUCTS, asOf).items());
    }

    public List<ObjectNode> customers(LocalDate asOf) {
        return copies(view(MarketEntity.CUSTOMERS, asOf).items());
    }

    public List<ObjectNode> orders(LocalDate asOf) {
        return copies(view(MarketEntity.ORDERS, asOf).items());
    }

    public List<ObjectNode> list(MarketEntity entity, LocalDate asOf) {
        return copies(view(entity, asOf).items());
    }

    /** A page of the same list {@link #list} returns; views are cached, so paging does not regenerate. */
    public MarketPage page(MarketEntity entity, LocalDate asOf, int skip, int limit) {
        if (skip < 0 || limit < 0) {
            throw new IllegalArgumentException("skip and limit must not be negative");
        }
        List<ObjectNode> all = view(entity, asOf).items();
        int from = Math.min(skip, all.size());
        int to = (int) Math.min((long) from + limit, all.size());
        return new MarketPage(copies(all.subList(from, to)), all.size(), skip, limit);
    }

    /**
     * The flash sales and vouchers announced by the end of {@code asOf}: every one that ran or runs since the
     * listing opened and those starting within {@link PromotionCalendar#ANNOUNCED_DAYS_AHEAD} days.
     */
    public List<ObjectNode> promotions(LocalDate asOf) {
        List<ObjectNode> items = new ArrayList<>();
        for (MarketPromotion promotion : promotions) {
            if (PromotionCalendar.knownBy(promotion, asOf)) {
                ObjectNode node = json.createObjectNode();
                node.put("id", promotion.id());
                node.put("product_id", promotion.productId());
                node.put("type", promotion.type());
                node.put("name", promotion.name());
                node.put("starts_on", promotion.startsOn().toString());
                node.put("ends_on", promotion.endsOn().toString());
                node.put("discount_percent", promotion.discountPercent());
                node.put("discount_vnd", promotion.discountVnd());
                node.put("announced_on", promotion.announcedOn().toString());
                items.add(node);
            }
        }
        return items;
    }

    /** A page of {@link #promotions}. */
    public MarketPage promotionPage(LocalDate asOf, int skip, int limit) {
        List<ObjectNode> all = promotions(asOf);
        int from = Math.min(skip, all.size());
        int to = (int) Math.min((long) from + limit, all.size());
        return new MarketPage(all.subList(from, to), all.size(), skip, limit);
    }

    public DefectLedger defects(LocalDate asOf) {
        Map<DefectType, List<String>> merged = new EnumMap<>(DefectType.class);
        for (MarketEntity entity : MarketEntity.values()) {
            view(entity, asOf).defects().forEach((type, ids) -> merged.computeIfAbsent(type, t -> new ArrayList<>()).addAll(ids));
        }
        return new DefectLedger(asOf, merged);
    }

    public ObjectNode defectsJson(LocalDate asOf) {
        DefectLedger ledger = defects(asOf);
        ObjectNode root = json.createObjectNode();
        root.put("as_of", asOf.toString());
        root.put("total", ledger.total());
        ObjectNode byType = root.putObject("defects");
        for (DefectType type : DefectType.values()) {
            ObjectNode entry = byType.putObject(type.jsonName());
            entry.put("count", ledger.count(type));
            ArrayNode ids = entry.putArray("ids");
            ledger.ids(type).forEach(ids::add);
        }
        return root;
    }

    JsonMapper json() {
        return json;
    }

    private synchronized View view(MarketEntity entity, LocalDate asOf) {
        return views.computeIfAbsent(new ViewKey(entity, asOf), key -> switch (key.entity()) {
            case PRODUCTS -> productView(key.asOf());
            case CUSTOMERS -> customerView(key.asOf());
            case ORDERS -> orderView(key.asOf());
        });
    }

    private View productView(LocalDate asOf) {
        Defects defects = new Defects();
        List<ObjectNode> items = new ArrayList<>();
        for (ProductListing p : products) {
            if (!p.listedBy(asOf)) {
                break; // listing dates rise with the index
            }
            ProductListing.State s = p.stateAt(asOf);
            ObjectNode node = json.createObjectNode();
            node.put("id", p.id());
            node.put("name", p.name());
            node.put("category", p.category());
            node.put("brand", p.brand());
            node.put("price_vnd", s.priceVnd());
            node.put("original_price_vnd", s.originalPriceVnd());
            node.put("stock", s.stock());
            node.put("status", s.status());
            node.put("rating", s.rating());
            node.put("review_count", s.reviewCount());
            node.put("platform", p.platform());
            node.put("shop_name", p.shopName());
            node.put("flash_sale", s.flashSale());
            node.put("voucher", s.voucher());
            node.put("created_at", timestamp(p.createdAt()));
            node.put("updated_at", timestamp(s.at()));

            boolean otherDefect = false;
            if (defects.hits(DefectType.MISSING_FIELD, MarketEntity.PRODUCTS, p.index())) {
                boolean name = SeededRandom.unit(settings.seed(), "missing-product-field", p.index()) < 0.5;
                node.putNull(name ? "name" : "price_vnd");
                defects.record(DefectType.MISSING_FIELD, p.id());
                otherDefect = true;
            }
            if (node.get("price_vnd").isNumber() && defects.hits(DefectType.NEGATIVE_PRICE, MarketEntity.PRODUCTS, p.index())) {
                node.put("price_vnd", -s.priceVnd());
                defects.record(DefectType.NEGATIVE_PRICE, p.id());
                otherDefect = true;
            }
            // A product quarantined or emitted twice for another defect never reaches the category mapping whole.
            if (!otherDefect && !defects.hits(DefectType.DUPLICATE, MarketEntity.PRODUCTS, p.index())
                    && defects.hits(DefectType.UNKNOWN_CATEGORY, MarketEntity.PRODUCTS, p.index())) {
                node.put("category", SeededRandom.pick(defectRandom("category", p.index()),
                        ProductCatalogue.STOREFRONT_CATEGORIES));
                defects.record(DefectType.UNKNOWN_CATEGORY, p.id());
            }
            emit(items, node, defects, MarketEntity.PRODUCTS, p.index(), p.id());
        }
        return new View(List.copyOf(items), defects.byType);
    }

    private View customerView(LocalDate asOf) {
        Defects defects = new Defects();
        List<ObjectNode> items = new ArrayList<>();
        for (CustomerAccount c : customers) {
            if (!c.registeredBy(asOf)) {
                break; // registration dates rise with the index
            }
            CustomerAccount.State s = c.stateAt(asOf);
            ObjectNode node = json.createObjectNode();
            node.put("id", c.id());
            node.put("full_name", c.fullName());
            node.put("email", s.email());
            node.put("phone", c.phone());
            node.put("city", s.city());
            node.put("district", s.district());
            node.put("gender", c.gender());
            node.put("birth_year", c.birthYear());
            node.put("income_level", c.incomeLevel());
            node.put("membership", s.membership());
            node.put("registered_at", timestamp(c.registeredAt()));
            node.put("updated_at", timestamp(s.at()));

            if (defects.hits(DefectType.PHONE_FORMAT, MarketEntity.CUSTOMERS, c.index())) {
                node.put("phone", VietnamesePeople.garbagePhone(defectRandom("phone", c.index())));
                defects.record(DefectType.PHONE_FORMAT, c.id());
            }
            if (defects.hits(DefectType.CITY_SPELLING, MarketEntity.CUSTOMERS, c.index())) {
                node.put("city", SeededRandom.pick(defectRandom("city", c.index()), VietnamGeography.MISSPELLINGS));
                defects.record(DefectType.CITY_SPELLING, c.id());
            }
            if (defects.hits(DefectType.MISSING_FIELD, MarketEntity.CUSTOMERS, c.index())) {
                node.putNull("full_name");
                defects.record(DefectType.MISSING_FIELD, c.id());
            }
            emit(items, node, defects, MarketEntity.CUSTOMERS, c.index(), c.id());
        }
        return new View(List.copyOf(items), defects.byType);
    }

    private View orderView(LocalDate asOf) {
        Defects defects = new Defects();
        List<ObjectNode> items = new ArrayList<>();
        LocalDate firstDay = asOf.minusDays(settings.historyDays() - 1L);
        for (MarketOrder o : orderBook.between(firstDay, asOf)) {
            long number = Long.parseLong(o.id().substring(5));
            ObjectNode node = json.createObjectNode();
            node.put("id", o.id());
            node.put("customer_id", o.customerId());
            node.put("order_date", timestamp(o.orderDate()));
            node.put("platform", o.platform());
            node.put("payment_method", o.paymentMethod());
            node.put("status", o.status());
            node.put("shipping_city", o.shippingCity());
            node.put("voucher_code", o.voucherCode());
            node.put("shipping_fee_vnd", o.shippingFeeVnd());
            ArrayNode lines = node.putArray("lines");
            for (MarketOrder.Line line : o.lines()) {
                ObjectNode l = lines.addObject();
                l.put("line_number", line.lineNumber());
                l.put("product_id", line.productId());
                l.put("quantity", line.quantity());
                l.put("unit_price_vnd", line.unitPriceVnd());
                l.put("discount_vnd", line.discountVnd());
            }

            if (defects.hits(DefectType.CITY_SPELLING, MarketEntity.ORDERS, number)) {
                node.put("shipping_city", SeededRandom.pick(defectRandom("shipping-city", number), VietnamGeography.MISSPELLINGS));
                defects.record(DefectType.CITY_SPELLING, o.id());
            }
            if (defects.hits(DefectType.MISSING_FIELD, MarketEntity.ORDERS, number)) {
                node.remove("customer_id");
                defects.record(DefectType.MISSING_FIELD, o.id());
            }
            if (defects.hits(DefectType.NEGATIVE_PRICE, MarketEntity.ORDERS, number)) {
                ObjectNode first = (ObjectNode) lines.get(0);
                first.put("unit_price_vnd", -o.lines().get(0).unitPriceVnd());
                defects.record(DefectType.NEGATIVE_PRICE, o.id());
            }
            emit(items, node, defects, MarketEntity.ORDERS, number, o.id());
        }
        return new View(List.copyOf(items), defects.byType);
    }

    private void emit(List<ObjectNode> items, ObjectNode node, Defects defects, MarketEntity entity, long key, String id) {
        items.add(node);
        if (defects.hits(DefectType.DUPLICATE, entity, key)) {
            items.add(node.deepCopy());
            defects.record(DefectType.DUPLICATE, id);
        }
    }

    private SplittableRandom defectRandom(String what, long key) {
        return SeededRandom.of(settings.seed(), "defect-value-" + what, key);
    }

    private static String timestamp(LocalDateTime wallClock) {
        return wallClock.atOffset(MarketCalendar.VIETNAM_OFFSET).format(TIMESTAMP);
    }

    private static List<ObjectNode> copies(List<ObjectNode> nodes) {
        List<ObjectNode> copies = new ArrayList<>(nodes.size());
        nodes.forEach(n -> copies.add(n.deepCopy()));
        return copies;
    }

    /** Decides, per record and defect type, whether to inject; keyed on the record so a defect persists across days. */
    private final class Defects {
        private final Map<DefectType, List<String>> byType = new EnumMap<>(DefectType.class);

        boolean hits(DefectType type, MarketEntity entity, long key) {
            double rate = settings.dirty().rate(type);
            return rate > 0 && SeededRandom.unit(settings.seed(), "defect-" + type.name(), entity.ordinal(), key) < rate;
        }

        void record(DefectType type, String id) {
            byType.computeIfAbsent(type, t -> new ArrayList<>()).add(id);
        }
    }
}
