package vn.ecomdss.vn;

/**
 * Value tier of a customer by average monthly spend. Thresholds are business choices pegged to Vietnamese incomes:
 * 1,000,000 VND is roughly two mid-range orders a month, 4,800,000 VND roughly the regional minimum wage (zone I,
 * 2024), and 12,000,000 VND about two and a half times that, where marketplaces place their top loyalty tiers.
 */
public enum CustomerSegment {
    PREMIUM(12_000_000L),
    HIGH_VALUE(4_800_000L),
    REGULAR(1_000_000L),
    LOW_VALUE(Long.MIN_VALUE);

    private final long minMonthlySpendVnd;

    CustomerSegment(long minMonthlySpendVnd) {
        this.minMonthlySpendVnd = minMonthlySpendVnd;
    }

    /** Inclusive lower bound of the tier in VND per month; net refunds can make spend negative, which is LOW_VALUE. */
    public long minMonthlySpendVnd() {
        return minMonthlySpendVnd;
    }

    public static CustomerSegment fromMonthlySpendVnd(long monthlySpendVnd) {
        for (CustomerSegment segment : values()) {
            if (monthlySpendVnd >= segment.minMonthlySpendVnd) {
                return segment;
            }
        }
        throw new AssertionError("LOW_VALUE accepts every amount");
    }
}
