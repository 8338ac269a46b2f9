package vn.ecomdss.simulator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** A customer's fixed attributes plus every state of the editable profile, oldest first. */
record CustomerAccount(int index, String id, String fullName, String phone, String gender, int birthYear,
                       String incomeLevel, LocalDateTime registeredAt, List<State> states) {

    record State(LocalDateTime at, String email, String city, String district, String membership) {
    }

    State stateAt(LocalDate day) {
        int lo = 0;
        int hi = states.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (states.get(mid).at().toLocalDate().isAfter(day)) {
                hi = mid - 1;
            } else {
                lo = mid;
            }
        }
        return states.get(lo);
    }

    boolean registeredBy(LocalDate day) {
        return !registeredAt.toLocalDate().isAfter(day);
    }
}
