package vn.ecomdss.simulator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Function;

/** Look-ups in a history of states each taking effect at a time, oldest first, as the simulated records keep them. */
final class DatedStates {

    private DatedStates() {
    }

    /** The last state that took effect by the end of {@code day}, or the first one when none had yet. */
    static <S> S inForceAt(List<S> states, Function<S, LocalDateTime> at, LocalDate day) {
        int lo = 0;
        int hi = states.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (at.apply(states.get(mid)).toLocalDate().isAfter(day)) {
                hi = mid - 1;
            } else {
                lo = mid;
            }
        }
        return states.get(lo);
    }
}
