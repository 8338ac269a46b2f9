package vn.ecomdss.vn;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Vietnamese VAT on goods sold to consumers, by date. The standard rate is 10%; since February 2022 the National
 * Assembly has cut it to 8% for most goods in successive periods, each implemented by a decree, with a gap in the
 * first half of 2023. Goods the decrees exclude (telecommunications, information technology, financial services,
 * metals, chemicals, goods under special consumption tax...) stay at 10%; essentials such as medicines and medical
 * equipment are taxed at 5% throughout.
 */
public final class VatSchedule {

    public static final BigDecimal STANDARD = new BigDecimal("0.10");
    public static final BigDecimal REDUCED = new BigDecimal("0.08");
    public static final BigDecimal ESSENTIAL = new BigDecimal("0.05");

    /** How a kind of goods is taxed. */
    public enum GoodsClass {
        /** 10%, and 8% during a reduction period. */
        STANDARD,
        /** 10% even during a reduction period (IT and telecom equipment, among others). */
        EXCLUDED_FROM_REDUCTION,
        /** 5% (medicines, medical equipment). */
        ESSENTIAL
    }

    /** A period of the 2-point reduction, inclusive at both ends, with the acts that decided it. */
    public record ReductionPeriod(LocalDate from, LocalDate to, String legalBasis) {
        public boolean contains(LocalDate date) {
            return !date.isBefore(from) && !date.isAfter(to);
        }
    }

    public static final List<ReductionPeriod> REDUCTION_PERIODS = List.of(
            new ReductionPeriod(LocalDate.of(2022, 2, 1), LocalDate.of(2022, 12, 31),
                    "Resolution 43/2022/QH15, Decree 15/2022/ND-CP"),
            new ReductionPeriod(LocalDate.of(2023, 7, 1), LocalDate.of(2023, 12, 31),
                    "Resolution 101/2023/QH15, Decree 44/2023/ND-CP"),
            new ReductionPeriod(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 30),
                    "Resolution 110/2023/QH15, Decree 94/2023/ND-CP"),
            new ReductionPeriod(LocalDate.of(2024, 7, 1), LocalDate.of(2024, 12, 31),
                    "Resolution 142/2024/QH15, Decree 72/2024/ND-CP"),
            new ReductionPeriod(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 30),
                    "Resolution 174/2024/QH15, Decree 180/2024/ND-CP"),
            new ReductionPeriod(LocalDate.of(2025, 7, 1), LocalDate.of(2026, 12, 31),
                    "Resolution 204/2025/QH15, Decree 174/2025/ND-CP"));

    /** Marketplace categories of goods the reduction decrees exclude (IT and telecom equipment). */
    public static final List<String> EXCLUDED_CATEGORIES = List.of("Điện thoại", "Laptop", "Máy tính", "Máy tính bảng",
            "Thiết bị điện tử", "smartphones", "laptops", "tablets", "mobile-accessories");
    /** Marketplace categories taxed at 5%. */
    public static final List<String> ESSENTIAL_CATEGORIES = List.of("Sức khỏe", "Thuốc", "Thiết bị y tế");

    private VatSchedule() {
    }

    public static BigDecimal rate(LocalDate date, GoodsClass goods) {
        return switch (goods) {
            case ESSENTIAL -> ESSENTIAL;
            case EXCLUDED_FROM_REDUCTION -> STANDARD;
            case STANDARD -> reductionOn(date).isPresent() ? REDUCED : STANDARD;
        };
    }

    public static Optional<ReductionPeriod> reductionOn(LocalDate date) {
        return REDUCTION_PERIODS.stream().filter(p -> p.contains(date)).findFirst();
    }

    /** The class of a marketplace category, in Vietnamese or English, with or without diacritics. */
    public static GoodsClass classify(String category) {
        String folded = ProvinceDirectory.fold(category);
        if (ESSENTIAL_CATEGORIES.stream().map(ProvinceDirectory::fold).anyMatch(folded::equals)) {
            return GoodsClass.ESSENTIAL;
        }
        if (EXCLUDED_CATEGORIES.stream().map(ProvinceDirectory::fold).anyMatch(folded::equals)) {
            return GoodsClass.EXCLUDED_FROM_REDUCTION;
        }
        return GoodsClass.STANDARD;
    }
}
