package vn.ecomdss.simulator;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What dirty mode injected into the output for one {@code asOf}: for each defect type the ids of
 * the affected records (each id once per type; a duplicated record is listed once under DUPLICATE).
 */
public record DefectLedger(LocalDate asOf, Map<DefectType, List<String>> affectedIds) {

    public DefectLedger {
        EnumMap<DefectType, List<String>> copy = new EnumMap<>(DefectType.class);
        for (DefectType type : DefectType.values()) {
            copy.put(type, List.copyOf(affectedIds.getOrDefault(type, List.of())));
        }
        affectedIds = java.util.Collections.unmodifiableMap(copy);
    }

    public int count(DefectType type) {
        return affectedIds.get(type).size();
    }

    public List<String> ids(DefectType type) {
        return affectedIds.get(type);
    }

    public int total() {
        return affectedIds.values().stream().mapToInt(List::size).sum();
    }
}
