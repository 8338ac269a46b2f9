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
        return DatedStates.inForceAt(states, State::at, day);
    }

    boolean registeredBy(LocalDate day) {
        return !registeredAt.toLocalDate().isAfter(day);
    }
}
