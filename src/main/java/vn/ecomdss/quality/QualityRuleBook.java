package vn.ecomdss.quality;

import java.util.List;
import java.util.Optional;

/** Every rule set of {@code job-definitions/quality/}, validated at start-up. */
public record QualityRuleBook(List<RuleSet> sets) {

    public QualityRuleBook {
        sets = List.copyOf(sets);
    }

    public Optional<RuleSet> collection(String source, String entity) {
        return sets.stream().filter(s -> s.kind() == RuleSet.Kind.COLLECTION && s.target().equals(source + "/" + entity))
                .findFirst();
    }

    public List<RuleSet> tables() {
        return sets.stream().filter(s -> s.kind() == RuleSet.Kind.TABLE).toList();
    }
}
