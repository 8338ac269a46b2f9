package vn.ecomdss.simulator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Builds every product listing with its full change history up to {@link MarketCalendar#HORIZON}. */
final class CatalogueHistory {

    /** Mean days between two changes of one product: about 300/45 ≈ 7 of 300 products change per day. */
    private static final double MEAN_DAYS_BETWEEN_CHANGES = 45;

    private CatalogueHistory() {
    }

    static List<ProductListing> generate(long seed, int count) {
        List<ProductListing> listings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            listings.add(listing(seed, i, count));
        }
        return List.copyOf(listings);
    }

    /** Listing dates rise with the index, so the products listed by a day are always a prefix of the ids. */
    static LocalDate listingDate(int index, int count) {
        double f = (double) index / count;
        if (f < 0.8) {
            return MarketCalendar.OPENING.plusDays((long) (f / 0.8 * 730));
        }
        return LocalDate.of(2025, 1, 1).plusDays((long) ((f - 0.8) / 0.2 * 730));
    }

    private static ProductListing listing(long seed, int index, int count) {
        SplittableRandom r = SeededRandom.of(seed, "product", index);
        ProductCatalogue.Model model = SeededRandom.pick(r, ProductCatalogue.MODELS);
        String name = model.name();
        if (!model.variants().isEmpty() && r.nextBoolean()) {
            name = name + " - " + SeededRandom.pick(r, model.variants());
        }
        String platform = SeededRandom.pickWeighted(r, ProductCatalogue.PLATFORMS, ProductCatalogue.PLATFORM_WEIGHTS);
        String shop = r.nextDouble() < 0.35
                ? model.brand() + " Official Store"
                : SeededRandom.pick(r, ProductCatalogue.resellers(model.category()));
        LocalDateTime createdAt = listingDate(index, count).atTime(8 + r.nextInt(14), r.nextInt(60));

        long original = roundThousand(model.listPriceVnd() * (0.92 + r.nextDouble() * 0.2));
        long price = r.nextDouble() < 0.3 ? original : roundThousand(original * (0.7 + r.nextDouble() * 0.3));
        int stock = initialStock(model, r);
        String status = stock == 0 ? "out_of_stock" : "active";
        double rating = Math.round((3.8 + r.nextDouble() * 1.2) * 10) / 10.0;
        int reviews = (int) (Math.pow(r.nextDouble(), 2) * 2500);
        boolean flash = r.nextDouble() < 0.08;
        String voucher = r.nextDouble() < 0.3 ? SeededRandom.pick(r, ProductCatalogue.VOUCHERS) : null;

        List<ProductListing.State> states = new ArrayList<>();
        ProductListing.State state = new ProductListing.State(createdAt, price, original, stock, status, rating, reviews, flash, voucher);
        states.add(state);
        LocalDate day = createdAt.toLocalDate();
        while (true) {
            day = day.plusDays(1 + (long) (-Math.log(1 - r.nextDouble()) * (MEAN_DAYS_BETWEEN_CHANGES - 1)));
            if (day.isAfter(MarketCalendar.HORIZON)) {
                break;
            }
            // Catalogue changes land between 00:00 and 00:59, before the first order of the day (01:00),
            // so an order always pays the price its calendar day shows.
            state = evolve(state, day.atTime(0, r.nextInt(60)), r, day.isAfter(createdAt.toLocalDate().plusDays(365)));
            states.add(state);
            if ("discontinued".equals(state.status())) {
                break;
            }
        }
        return new ProductListing(index, String.format("VNM-P%05d", index + 1), name, model.category(), model.brand(),
                platform, shop, createdAt, List.copyOf(states));
    }

    private static int initialStock(ProductCatalogue.Model model, SplittableRandom r) {
        if (r.nextDouble() < 0.05) {
            return 0;
        }
        return model.listPriceVnd() > 5_000_000 ? 3 + r.nextInt(120) : 20 + r.nextInt(600);
    }

    private static ProductListing.State evolve(ProductListing.State s, LocalDateTime at, SplittableRandom r, boolean mayDiscontinue) {
        long price = s.priceVnd();
        long original = s.originalPriceVnd();
        int stock = s.stock();
        String status = s.status();
        boolean flash = s.flashSale();
        String voucher = s.voucher();
        // Sellers restock quickly, so a sold-out listing's next change is usually the restock.
        double roll = stock == 0 && r.nextDouble() < 0.7 ? 0.5 : r.nextDouble();
        if (mayDiscontinue && roll < 0.006) {
            status = "discontinued";
            stock = 0;
            flash = false;
            voucher = null;
        } else if (roll < 0.40) {
            if (r.nextDouble() < 0.1) {
                original = roundThousand(original * 1.05);
            }
            price = Math.min(original, roundThousand(price * (0.9 + r.nextDouble() * 0.2)));
            price = Math.max(price, roundThousand(original * 0.55));
        } else if (roll < 0.70) {
            if (stock == 0) {
                stock = 20 + r.nextInt(300);
                status = "active";
            } else if (r.nextDouble() < 0.15) {
                stock = 0;
                status = "out_of_stock";
            } else {
                stock = Math.max(1, stock - r.nextInt(Math.max(1, stock / 2)) + r.nextInt(50));
            }
        } else if (roll < 0.85) {
            flash = !flash;
            price = flash
                    ? roundThousand(original * (0.65 + r.nextDouble() * 0.2))
                    : roundThousand(original * (0.85 + r.nextDouble() * 0.15));
        } else {
            voucher = r.nextBoolean() ? null : SeededRandom.pick(r, ProductCatalogue.VOUCHERS);
        }
        int reviews = s.reviewCount() + r.nextInt(25);
        double rating = Math.min(5.0, Math.max(3.5, Math.round((s.rating() + (r.nextDouble() - 0.5) * 0.2) * 10) / 10.0));
        return new ProductListing.State(at, price, original, stock, status, rating, reviews, flash, voucher);
    }

    static long roundThousand(double vnd) {
        return Math.max(1000, Math.round(vnd / 1000.0) * 1000);
    }
}
