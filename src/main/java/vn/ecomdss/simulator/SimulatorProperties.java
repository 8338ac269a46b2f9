package vn.ecomdss.simulator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the built-in vnmarket simulator behaves: {@code dss.simulator.dirty=true} injects every defect type at the
 * default rate of {@link DirtyRates#defaults()}; {@code dss.simulator.dirty-rates.phone-format=0.1} (and
 * city-spelling, missing-field, duplicate, negative-price, unknown-category) sets rates one by one, unset ones being 0. What was
 * injected is listed by {@code GET /api/defects?as_of=YYYY-MM-DD}.
 */
@ConfigurationProperties("dss.simulator")
public record SimulatorProperties(@DefaultValue("false") boolean dirty, DirtyRates dirtyRates) {

    public DirtyRates rates() {
        if (dirtyRates != null) {
            return dirtyRates;
        }
        return dirty ? DirtyRates.defaults() : DirtyRates.none();
    }
}
