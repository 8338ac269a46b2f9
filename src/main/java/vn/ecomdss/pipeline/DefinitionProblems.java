package vn.ecomdss.pipeline;

import java.util.ArrayList;
import java.util.List;

/** Collects what is wrong with the definition files, each problem naming its file and field. */
public final class DefinitionProblems {

    private final List<String> problems = new ArrayList<>();

    public void add(String file, String field, String message) {
        problems.add(file + ": " + field + ": " + message);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<String> all() {
        return List.copyOf(problems);
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
    }
}
