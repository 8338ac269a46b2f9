package vn.ecomdss.simulator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Builds every customer account with its full profile history up to {@link MarketCalendar#HORIZON}. */
final class CustomerBase {

    /** Mean days between two profile edits: about 600/365 ≈ 2 of 600 customers change per day. */
    private static final double MEAN_DAYS_BETWEEN_CHANGES = 365;
    private static final List<String> INCOME = List.of("low", "middle", "upper_middle", "high");
    private static final int[] INCOME_WEIGHTS = {25, 45, 20, 10};
    private static final List<String> MEMBERSHIP = java.util.Arrays.asList(null, "silver", "gold", "platinum");
    private static final int[] MEMBERSHIP_WEIGHTS = {50, 30, 15, 5};

    private CustomerBase() {
    }

    static List<CustomerAccount> generate(long seed, int count) {
        List<CustomerAccount> accounts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            accounts.add(account(seed, i, count));
        }
        return List.copyOf(accounts);
    }

    /** Registration dates rise with the index, so the customers registered by a day are a prefix of the ids. */
    static LocalDate registrationDate(int index, int count) {
        double f = (double) index / count;
        if (f < 0.6) {
            return MarketCalendar.OPENING.plusDays((long) (f / 0.6 * 730));
        }
        return LocalDate.of(2025, 1, 1).plusDays((long) ((f - 0.6) / 0.4 * 910));
    }

    private static CustomerAccount account(long seed, int index, int count) {
        SplittableRandom r = SeededRandom.of(seed, "customer", index);
        boolean female = r.nextDouble() < 0.56;
        VietnamesePeople.PersonName name = VietnamesePeople.name(r, female);
        int birthYear = 1968 + (int) Math.round((r.nextDouble() + r.nextDouble() + r.nextDouble()) / 3 * 38);
        String fullName = VietnamesePeople.messy(name, r);
        String phone = VietnamesePeople.phone(r);
        String income = SeededRandom.pickWeighted(r, INCOME, INCOME_WEIGHTS);
        LocalDateTime registeredAt = registrationDate(index, count).atTime(r.nextInt(24), r.nextInt(60));

        VietnamGeography.Province province = VietnamGeography.pickProvince(r);
        CustomerAccount.State state = new CustomerAccount.State(registeredAt, VietnamesePeople.email(name, birthYear, r),
                SeededRandom.pick(r, province.spellings()), district(province, r),
                SeededRandom.pickWeighted(r, MEMBERSHIP, MEMBERSHIP_WEIGHTS));
        List<CustomerAccount.State> states = new ArrayList<>();
        states.add(state);
        LocalDate day = registeredAt.toLocalDate();
        while (true) {
            day = day.plusDays(1 + (long) (-Math.log(1 - r.nextDouble()) * (MEAN_DAYS_BETWEEN_CHANGES - 1)));
            if (day.isAfter(MarketCalendar.HORIZON)) {
                break;
            }
            LocalDateTime at = day.atTime(r.nextInt(24), r.nextInt(60));
            double roll = r.nextDouble();
            if (roll < 0.5) {
                VietnamGeography.Province moved = VietnamGeography.pickProvince(r);
                state = new CustomerAccount.State(at, state.email(), SeededRandom.pick(r, moved.spellings()),
                        district(moved, r), state.membership());
            } else if (roll < 0.8 || "platinum".equals(state.membership())) {
                state = new CustomerAccount.State(at, VietnamesePeople.email(name, birthYear, r), state.city(),
                        state.district(), state.membership());
            } else {
                state = new CustomerAccount.State(at, state.email(), state.city(), state.district(),
                        upgrade(state.membership()));
            }
            states.add(state);
        }
        return new CustomerAccount(index, String.format("VNM-C%06d", index + 1), fullName, phone,
                female ? "female" : "male", birthYear, income, registeredAt, List.copyOf(states));
    }

    private static String district(VietnamGeography.Province province, SplittableRandom r) {
        return r.nextDouble() < 0.7 ? SeededRandom.pick(r, province.districts()) : null;
    }

    private static String upgrade(String membership) {
        if (membership == null) {
            return "silver";
        }
        return switch (membership) {
            case "silver" -> "gold";
            default -> "platinum";
        };
    }
}
