package vn.ecomdss.vn;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each marketplace charges a mall seller per order, as a share of the order value, by the date a schedule took
 * effect; a rate applies until the next one. Marketplaces publish rates per category and seller programme; these
 * are approximations of the headline fixed-fee rates for a typical category, not contract rates, kept dated because
 * they rise almost every year: add a row when a platform announces a new schedule.
 */
public final class PlatformCommission {

    /** A rate in force from {@code from} until the platform's next rate. */
    public record Rate(String platform, LocalDate from, BigDecimal rate, String note) {
    }

    public static final List<Rate> RATES = List.of(
            new Rate("shopee", LocalDate.of(1900, 1, 1), new BigDecimal("0.0500"), "before the first recorded schedule"),
            new Rate("shopee", LocalDate.of(2023, 4, 1), new BigDecimal("0.0600"), "fixed fee raised for Shopee Mall"),
            new Rate("shopee", LocalDate.of(2024, 4, 1), new BigDecimal("0.0800"), "fixed fee by category group"),
            new Rate("shopee", LocalDate.of(2025, 1, 1), new BigDecimal("0.0900"), "fixed fee by category group"),
            new Rate("lazada", LocalDate.of(1900, 1, 1), new BigDecimal("0.0500"), "before the first recorded schedule"),
            new Rate("lazada", LocalDate.of(2024, 4, 1), new BigDecimal("0.0700"), "LazMall commission"),
            new Rate("lazada", LocalDate.of(2025, 1, 1), new BigDecimal("0.0800"), "LazMall commission"),
            new Rate("tiki", LocalDate.of(1900, 1, 1), new BigDecimal("0.0750"), "referral fee"),
            new Rate("sendo", LocalDate.of(1900, 1, 1), new BigDecimal("0.0600"), "referral fee"),
            new Rate("tiktokshop", LocalDate.of(1900, 1, 1), new BigDecimal("0.0200"), "launch rate"),
            new Rate("tiktokshop", LocalDate.of(2024, 1, 1), new BigDecimal("0.0500"), "commission from 2024"),
            new Rate("tiktokshop", LocalDate.of(2025, 1, 1), new BigDecimal("0.0700"), "commission from 2025"));

    private static final Map<String, List<Rate>> BY_PLATFORM = RATES.stream()
            .collect(java.util.stream.Collectors.groupingBy(Rate::platform));

    private PlatformCommission() {
    }

    /** The rate in force on the date, or empty for a platform that charges no commission or is unknown. */
    public static Optional<Rate> on(String platform, LocalDate date) {
        return BY_PLATFORM.getOrDefault(platform, List.of()).stream()
                .filter(r -> !r.from().isAfter(date))
                .max(Comparator.comparing(Rate::from));
    }

    /** The rates of one platform, oldest first. */
    public static List<Rate> history(String platform) {
        return BY_PLATFORM.getOrDefault(platform, List.of()).stream().sorted(Comparator.comparing(Rate::from)).toList();
    }
}
