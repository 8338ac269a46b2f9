package vn.ecomdss.pipeline;

import java.util.List;

/** The application refuses to start with this: every problem found in the definition files, file and field first. */
public class InvalidDefinitionException extends RuntimeException {

    private final List<String> problems;

    public InvalidDefinitionException(List<String> problems) {
        super("Invalid job definitions:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
