package vn.ecomdss.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The promotions a listing's history implies: every period its flash sale is on and every period one voucher
 * code applies to it becomes one promotion, from the day the state that starts it takes effect to the day before
 * the state that ends it ({@link MarketCalendar#HORIZON} when none does). The marketplace announces a promotion
 * {@link #ANNOUNCED_DAYS_AHEAD} days before it starts (not before the listing exists), so a day's view holds the
 * promotions planned for the coming week, as a demand forecast needs them.
 */
final class PromotionCalendar {

    /** How far ahead of its first day a promotion is known. */
    static final int ANNOUNCED_DAYS_AHEAD = 7;

    private static final DateTimeFormatter ID_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private PromotionCalendar() {
    }

    /** Every promotion of the listing over its whole history, in the order they start. */
    static List<MarketPromotion> of(ProductListing listing) {
        List<MarketPromotion> promotions = new ArrayList<>();
        List<ProductListing.State> states = listing.states();
        int flashFrom = -1;
        int voucherFrom = -1;
        for (int i = 0; i <= states.size(); i++) {
            ProductListing.State state = i < states.size() ? states.get(i) : null;
            boolean flash = state != null && state.flashSale();
            String voucher = state == null ? null : state.voucher();
            if (flashFrom >= 0 && !flash) {
                promotions.add(flashSale(listing, states.get(flashFrom), endBefore(state)));
                flashFrom = -1;
            }
            if (voucherFrom >= 0 && !states.get(voucherFrom).voucher().equals(voucher)) {
                promotions.add(voucher(listing, states.get(voucherFrom), endBefore(state)));
                voucherFrom = -1;
            }
            if (flash && flashFrom < 0) {
                flashFrom = i;
            }
            if (voucher != null && voucherFrom < 0) {
                voucherFrom = i;
            }
        }
        promotions.sort(Comparator.comparing(MarketPromotion::startsOn).thenComparing(MarketPromotion::id));
        return List.copyOf(promotions);
    }

    /** Whether the promotion has been announced by the end of {@code day}. */
    static boolean knownBy(MarketPromotion promotion, LocalDate day) {
        return !promotion.announcedOn().isAfter(day);
    }

    /** The flash-sale discount is the cut from the old price the listing shows on the sale's first day. */
    private static MarketPromotion flashSale(ProductListing listing, ProductListing.State first, LocalDate endsOn) {
        LocalDate startsOn = first.at().toLocalDate();
        long cut = first.originalPriceVnd() - first.priceVnd();
        BigDecimal percent = BigDecimal.valueOf(cut * 100).divide(BigDecimal.valueOf(first.originalPriceVnd()), 1,
                RoundingMode.HALF_UP);
        return new MarketPromotion(listing.id() + ":flash_sale:" + startsOn.format(ID_DATE), listing.id(),
                "flash_sale", "Flash sale", startsOn, endsOn, percent, cut, announced(listing, startsOn));
    }

    private static MarketPromotion voucher(ProductListing listing, ProductListing.State first, LocalDate endsOn) {
        LocalDate startsOn = first.at().toLocalDate();
        String code = first.voucher();
        Terms terms = terms(code);
        return new MarketPromotion(listing.id() + ":" + code + ":" + startsOn.format(ID_DATE), listing.id(),
                terms.type(), code, startsOn, endsOn, terms.percent(), terms.vnd(), announced(listing, startsOn));
    }

    private record Terms(String type, BigDecimal percent, Long vnd) {
    }

    /** What each of {@link ProductCatalogue#VOUCHERS} gives: VND off, a percentage off, or free shipping. */
    private static Terms terms(String code) {
        return switch (code) {
            case "GIAM50K" -> new Terms("voucher", null, 50_000L);
            case "GIAM20K" -> new Terms("voucher", null, 20_000L);
            case "XTRA15K" -> new Terms("voucher", null, 15_000L);
            case "GIAM10%" -> new Terms("voucher", BigDecimal.TEN, null);
            case "MUA2GIAM5" -> new Terms("voucher", BigDecimal.valueOf(5), null);
            case "FREESHIP" -> new Terms("free_shipping", null, null);
            default -> throw new IllegalStateException("voucher " + code + " has no terms in PromotionCalendar");
        };
    }

    /** The day before {@code next} takes effect, or the end of the simulated history when nothing ends it. */
    private static LocalDate endBefore(ProductListing.State next) {
        return next == null ? MarketCalendar.HORIZON : next.at().toLocalDate().minusDays(1);
    }

    private static LocalDate announced(ProductListing listing, LocalDate startsOn) {
        LocalDate ahead = startsOn.minusDays(ANNOUNCED_DAYS_AHEAD);
        LocalDate listed = listing.createdAt().toLocalDate();
        return ahead.isBefore(listed) ? listed : ahead;
    }
}
