package vn.ecomdss.simulator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** A product's fixed attributes plus every state it passes through, oldest first (the first is its creation). */
record ProductListing(int index, String id, String name, String category, String brand, String platform,
                      String shopName, LocalDateTime createdAt, List<State> states) {

    record State(LocalDateTime at, long priceVnd, long originalPriceVnd, int stock, String status, double rating,
                 int reviewCount, boolean flashSale, String voucher) {

        boolean sellable() {
            return "active".equals(status) && stock > 0;
        }
    }

    /** The state in force at the end of {@code day}; callers make sure the product exists by then. */
    State stateAt(LocalDate day) {
        return DatedStates.inForceAt(states, State::at, day);
    }

    boolean listedBy(LocalDate day) {
        return !createdAt.toLocalDate().isAfter(day);
    }
}
