package vn.ecomdss.ml;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A product's promotions by day, each with the day it was announced: what a forecast made at the end of an origin may
 * know is the promotions announced by then ({@link #discountOn}). A promotion without an announcement date counts as
 * known from its own days only. {@code discountPercent} is 0 for a promotion without a percentage (an amount off,
 * free shipping).
 */
public record PlannedPromotions(Map<LocalDate, List<Promotion>> days) {

    public static final PlannedPromotions NONE = new PlannedPromotions(Map.of());

    public record Promotion(LocalDate announced, double discountPercent) {
    }

    /** The largest discount (0 to 1) of a promotion on {@code day} known at the end of {@code knownBy}; null if none. */
    public Double discountOn(LocalDate day, LocalDate knownBy) {
        Double best = null;
        for (Promotion promotion : days.getOrDefault(day, List.of())) {
            LocalDate announced = promotion.announced() == null ? day : promotion.announced();
            if (!announced.isAfter(knownBy)) {
                best = Math.max(best == null ? 0 : best, promotion.discountPercent() / 100);
            }
        }
        return best;
    }
}
