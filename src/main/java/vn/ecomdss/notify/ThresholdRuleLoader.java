package vn.ecomdss.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import vn.ecomdss.pipeline.Alert;
import vn.ecomdss.pipeline.DefinitionFile;
import vn.ecomdss.pipeline.DefinitionNode;
import vn.ecomdss.pipeline.DefinitionProblems;

/**
 * Reads {@code job-definitions/alerts/*.yml} at start-up. Each query is planned once against the warehouse with a
 * sample date, so a typo, an unknown column or a message placeholder the query does not select refuses the start
 * naming the file and field; the queries run read-only.
 */
final class ThresholdRuleLoader {

    private static final Set<String> KEYS = Set.of("rule", "description", "severity", "key", "query", "message");

    private final NamedParameterJdbcTemplate jdbc;

    ThresholdRuleLoader(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, ThresholdRule> load(String definitions) {
        DefinitionProblems problems = new DefinitionProblems();
        Map<String, ThresholdRule> rules = new LinkedHashMap<>();
        for (DefinitionFile file : DefinitionFile.in(definitions, "alerts")) {
            ThresholdRule rule = read(file, problems);
            if (rule != null && rules.putIfAbsent(rule.name(), rule) != null) {
                problems.add(file.name(), "rule", "another file already declares the rule '" + rule.name() + "'");
            }
        }
        problems.throwIfAny();
        return rules;
    }

    private ThresholdRule read(DefinitionFile file, DefinitionProblems problems) {
        DefinitionNode root = file.root("expected a mapping with rule, query and message", problems);
        if (root == null) {
            return null;
        }
        root.allowOnly(KEYS);
        String name = root.get("rule").requiredText();
        String severity = root.get("severity").oneOf(List.of("warning", "critical"), "warning", "warning or critical");
        String query = root.get("query").requiredText();
        String message = root.get("message").requiredText();
        if (name == null || query == null || message == null) {
            return null;
        }
        ThresholdRule rule = new ThresholdRule(file.name(), name, root.get("description").text(name),
                "critical".equals(severity) ? Alert.Severity.CRITICAL : Alert.Severity.WARNING,
                root.get("key").text(null), query, message);
        List<String> columns = columns(rule, root.get("query"));
        if (columns == null) {
            return null;
        }
        List<String> needed = new ArrayList<>(rule.placeholders());
        if (rule.keyColumn() != null) {
            needed.add(rule.keyColumn());
        }
        for (String column : needed) {
            if (!columns.contains(column)) {
                root.get(column.equals(rule.keyColumn()) ? "key" : "message").problem("'" + column
                        + "' is not a column of the query (it selects " + columns + ")");
            }
        }
        return rule;
    }

    /** The query's columns, from running it on no rows; null after reporting why it cannot run. */
    private List<String> columns(ThresholdRule rule, DefinitionNode field) {
        try {
            return jdbc.query("select * from (" + rule.query() + ") planned limit 0",
                    new MapSqlParameterSource("logical_date", java.time.LocalDate.of(2026, 1, 1)), rs -> {
                        List<String> names = new ArrayList<>();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            names.add(rs.getMetaData().getColumnLabel(i));
                        }
                        return names;
                    });
        } catch (DataAccessException e) {
            field.problem("the query does not run: " + e.getMostSpecificCause().getMessage());
            return null;
        }
    }
}
