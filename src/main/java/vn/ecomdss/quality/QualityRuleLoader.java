package vn.ecomdss.quality;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * Reads {@code job-definitions/quality/*.yml} and validates every file before any job runs, reporting all problems
 * at once with file and field: an unknown rule type or key, a rule type that does not apply to its target, a
 * missing parameter, a column the table does not have (asked of the database's catalogue), a JSON pointer the
 * source definition does not map, a regex that does not compile, SQL that PostgreSQL cannot plan.
 */
public final class QualityRuleLoader {

    /** A ModifyTable node of an EXPLAIN (FORMAT JSON) plan: its operation and the table it writes. */
    private static final Pattern WRITING_PLAN = Pattern.compile(
            "\"Node Type\":\\s*\"ModifyTable\",\\s*\"Operation\":\\s*\"(\\w+)\"(?:[^}]*?\"Relation Name\":\\s*\"([^\"]+)\")?");


    private static final Set<String> FILE_KEYS = Set.of("collection", "table", "where", "key", "rules");
    private static final Set<String> RULE_KEYS = Set.of("name", "type", "severity", "column", "columns", "values",
            "min", "max", "pattern", "references", "max-age", "max-change", "sql", "where", "max-failed-ratio");
    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*");
    private static final Pattern COLUMN_REFERENCE = Pattern.compile("([a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*)\\.([a-z_][a-z0-9_]*)");

    private final YAMLMapper yaml = YAMLMapper.builder().build();
    private final SourceCatalogue sources;
    private final NamedParameterJdbcTemplate jdbc;
    private final Map<String, Set<String>> columnsByTable = new HashMap<>();

    public QualityRuleLoader(SourceCatalogue sources, NamedParameterJdbcTemplate jdbc) {
        this.sources = sources;
        this.jdbc = jdbc;
    }

    public QualityRuleBook load(String definitions) {
        DefinitionProblems problems = new DefinitionProblems();
        List<RuleSet> sets = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (Resource resource : resources(definitions + "/quality/*.yml")) {
            RuleSet set = read(resource, problems);
            if (set != null) {
                if (!targets.add(set.target())) {
                    problems.add(set.file(), set.kind() == RuleSet.Kind.TABLE ? "table" : "collection",
                            "another file already holds the rules of " + set.target() + "; keep one file per target");
                }
                sets.add(set);
            }
        }
        problems.throwIfAny();
        return new QualityRuleBook(sets);
    }

    private RuleSet read(Resource resource, DefinitionProblems problems) {
        String file = "quality/" + resource.getFilename();
        JsonNode root;
        try (InputStream in = resource.getInputStream()) {
            root = yaml.readTree(in);
        } catch (JacksonException e) {
            problems.add(file, "(document)", "not valid YAML: " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        if (root == null || !root.isObject()) {
            problems.add(file, "(document)", "expected a mapping with collection or table, and rules");
            return null;
        }
        unknownKeys(root, FILE_KEYS, file, "", problems);
        boolean collection = root.has("collection");
        if (collection == root.has("table")) {
            problems.add(file, "collection", "name either a lake collection (collection: source/entity) or a warehouse "
                    + "table (table: schema.table), not both or neither");
            return null;
        }
        RuleSet.Kind kind = collection ? RuleSet.Kind.COLLECTION : RuleSet.Kind.TABLE;
        String target = root.path(collection ? "collection" : "table").asString("");
        Set<String> known = collection ? collectionPointers(target, file, problems) : tableColumns(target, file, "table", problems);
        if (known == null) {
            return null;
        }
        String where = root.path("where").asString(null);
        List<String> key = texts(root.get("key"));
        if (kind == RuleSet.Kind.COLLECTION && (where != null || !key.isEmpty())) {
            problems.add(file, where != null ? "where" : "key", "a collection is checked over the envelopes the run "
                    + "extracted, named by their natural id; where and key are for tables");
        }
        if (kind == RuleSet.Kind.TABLE) {
            if (key.isEmpty()) {
                problems.add(file, "key", "name the columns that identify a row, e.g. [source, customer_id]");
            }
            for (int i = 0; i < key.size(); i++) {
                column(key.get(i), known, target, file, "key[" + i + "]", problems);
            }
            if (where != null) {
                plans("select 1 from " + target + " where " + where, file, "where", problems);
            }
        }
        JsonNode ruleNodes = root.get("rules");
        if (ruleNodes == null || !ruleNodes.isArray() || ruleNodes.isEmpty()) {
            problems.add(file, "rules", "a quality file needs a non-empty list of rules");
            return null;
        }
        List<QualityRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ruleNodes.size(); i++) {
            QualityRule rule = readRule(ruleNodes.get(i), file, "rules[" + i + "]", kind, target, known, problems);
            if (rule != null) {
                if (!names.add(rule.name())) {
                    problems.add(file, "rules[" + i + "].name", "duplicate rule name '" + rule.name() + "'");
                }
                rules.add(rule);
            }
        }
        return new RuleSet(file, kind, target, where, key, List.copyOf(rules));
    }

    private QualityRule readRule(JsonNode node, String file, String field, RuleSet.Kind kind, String target,
                                 Set<String> known, DefinitionProblems problems) {
        if (node == null || !node.isObject()) {
            problems.add(file, field, "a rule is a mapping with name and type");
            return null;
        }
        unknownKeys(node, RULE_KEYS, file, field + ".", problems);
        String name = node.path("name").asString(null);
        if (name == null || name.isBlank()) {
            problems.add(file, field + ".name", "required");
        }
        String typeKey = node.path("type").asString(null);
        RuleType type = typeKey == null ? null : RuleType.of(typeKey).orElse(null);
        if (type == null) {
            problems.add(file, field + ".type", typeKey == null ? "required (known: " + RuleType.known() + ")"
                    : "unknown rule type '" + typeKey + "' (known: " + RuleType.known() + ")");
            return null;
        }
        if (!type.appliesTo(kind)) {
            problems.add(file, field + ".type", "rule type '" + typeKey + "' does not apply to a "
                    + kind.name().toLowerCase(java.util.Locale.ROOT));
            return null;
        }
        String severityKey = node.path("severity").asString("warn");
        Severity severity = Arrays.stream(Severity.values()).filter(s -> s.key().equals(severityKey)).findFirst().orElse(null);
        if (severity == null) {
            problems.add(file, field + ".severity", "expected warn or error, got '" + severityKey + "'");
        }
        List<String> columns = new ArrayList<>(texts(node.get("columns")));
        if (node.has("column")) {
            columns.add(0, node.get("column").asString());
        }
        String columnsField = field + (node.has("column") ? ".column" : ".columns");
        boolean needsColumns = switch (type) {
            case REQUIRED_FIELDS, FRESHNESS, ROW_COUNT_CHANGE, CUSTOM_SQL -> false;
            default -> true;
        };
        if (needsColumns && columns.isEmpty() && !(type == RuleType.UNIQUE && kind == RuleSet.Kind.COLLECTION)) {
            problems.add(file, field + ".column", "rule type '" + typeKey + "' needs a column");
        }
        if (type == RuleType.FRESHNESS && kind == RuleSet.Kind.TABLE && columns.isEmpty()) {
            problems.add(file, field + ".column", "a table's freshness needs the timestamp column to age");
        }
        for (int i = 0; i < columns.size(); i++) {
            String where = columns.size() == 1 && node.has("column") ? columnsField : field + ".columns[" + i + "]";
            if (kind == RuleSet.Kind.TABLE) {
                column(columns.get(i), known, target, file, where, problems);
            } else if (!known.contains(columns.get(i))) {
                problems.add(file, where, "pointer " + columns.get(i) + " is not mapped by the source definition of "
                        + target + " (mapped: " + known.stream().sorted().toList() + ")");
            }
        }
        List<String> values = texts(node.get("values"));
        if (type == RuleType.ACCEPTED_VALUES && values.isEmpty()) {
            problems.add(file, field + ".values", "list the accepted values");
        }
        BigDecimal min = decimal(node, "min", file, field, problems);
        BigDecimal max = decimal(node, "max", file, field, problems);
        if (type == RuleType.RANGE && min == null && max == null) {
            problems.add(file, field + ".min", "a range needs min, max or both");
        }
        Pattern pattern = null;
        if (type == RuleType.REGEX) {
            String regex = node.path("pattern").asString(null);
            if (regex == null) {
                problems.add(file, field + ".pattern", "required");
            } else {
                try {
                    pattern = Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    problems.add(file, field + ".pattern", "not a valid regular expression: " + e.getDescription());
                }
            }
        }
        String references = node.path("references").asString(null);
        if (type == RuleType.REFERENTIAL) {
            references(references, kind, file, field + ".references", problems);
        }
        Duration maxAge = null;
        if (node.has("max-age")) {
            try {
                maxAge = Duration.parse(node.get("max-age").asString());
            } catch (RuntimeException e) {
                problems.add(file, field + ".max-age", "expected an ISO-8601 duration such as PT2H, got '"
                        + node.get("max-age").asString() + "'");
            }
        }
        Double maxChange = ratio(node, "max-change", file, field, problems, Double.MAX_VALUE);
        if (type == RuleType.ROW_COUNT_CHANGE && maxChange == null) {
            maxChange = 0.5;
        }
        String sql = node.path("sql").asString(null);
        if (type == RuleType.CUSTOM_SQL) {
            if (sql == null || sql.isBlank()) {
                problems.add(file, field + ".sql", "a custom rule needs a query answering (checked, failed, "
                        + "sample keys as text[]); :run_id is the run");
            } else {
                plans(sql, file, field + ".sql", problems);
            }
        }
        String ruleWhere = node.path("where").asString(null);
        if (ruleWhere != null) {
            if (kind == RuleSet.Kind.COLLECTION) {
                problems.add(file, field + ".where", "a collection rule checks every envelope of the run; where is for tables");
            } else {
                plans("select 1 from " + target + " where " + ruleWhere, file, field + ".where", problems);
            }
        }
        Double maxFailedRatio = ratio(node, "max-failed-ratio", file, field, problems, 1.0);
        if (name == null || severity == null) {
            return null;
        }
        return new QualityRule(file, field, name, type, severity, List.copyOf(columns), values, min, max, pattern,
                references, maxAge, maxChange, sql, ruleWhere, maxFailedRatio);
    }

    /** What a collection's rules may point at: the natural id, the required fields and every mapped field. */
    private Set<String> collectionPointers(String target, String file, DefinitionProblems problems) {
        int slash = target.indexOf('/');
        if (slash <= 0) {
            problems.add(file, "collection", "expected source/entity, e.g. vnmarket/customers, got '" + target + "'");
            return null;
        }
        String source = target.substring(0, slash);
        if (!sources.contains(source)) {
            problems.add(file, "collection", "unknown source '" + source + "' (known: " + sources.names() + ")");
            return null;
        }
        SourceDefinition definition = sources.get(source);
        EntityDefinition entity = definition.entities().get(target.substring(slash + 1));
        if (entity == null) {
            problems.add(file, "collection", "source " + source + " has no entity '" + target.substring(slash + 1)
                    + "' (known: " + definition.entities().keySet() + ")");
            return null;
        }
        Set<String> pointers = new LinkedHashSet<>();
        pointers.add(entity.idPointer());
        pointers.addAll(entity.required().keySet());
        entity.fields().values().forEach(pointers::addAll);
        if (entity.lines() != null) {
            entity.lines().fields().values().forEach(list -> list.forEach(p -> pointers.add(entity.lines().pointer() + "/*" + p)));
        }
        return pointers;
    }

    private Set<String> tableColumns(String table, String file, String field, DefinitionProblems problems) {
        if (!TABLE_NAME.matcher(table).matches()) {
            problems.add(file, field, "expected schema.table in lower case, got '" + table + "'");
            return null;
        }
        Set<String> columns = columnsByTable.computeIfAbsent(table, t -> new HashSet<>(jdbc.queryForList("""
                select attname from pg_attribute
                where attrelid = to_regclass(:table) and attnum > 0 and not attisdropped
                """, Map.of("table", t), String.class)));
        if (columns.isEmpty()) {
            problems.add(file, field, "the warehouse has no table " + table);
            return null;
        }
        return columns;
    }

    private void column(String column, Set<String> known, String table, String file, String field, DefinitionProblems problems) {
        if (!known.contains(column)) {
            problems.add(file, field, "table " + table + " has no column '" + column + "' (columns: "
                    + known.stream().sorted().toList() + ")");
        }
    }

    private void references(String references, RuleSet.Kind kind, String file, String field, DefinitionProblems problems) {
        if (references == null) {
            problems.add(file, field, kind == RuleSet.Kind.TABLE ? "name the referenced schema.table.column"
                    : "name the referenced collection source/entity");
            return;
        }
        if (kind == RuleSet.Kind.COLLECTION) {
            collectionPointers(references, file, problems);
            return;
        }
        var matcher = COLUMN_REFERENCE.matcher(references);
        if (!matcher.matches()) {
            problems.add(file, field, "expected schema.table.column, got '" + references + "'");
            return;
        }
        Set<String> columns = tableColumns(matcher.group(1), file, field, problems);
        if (columns != null) {
            column(matcher.group(2), columns, matcher.group(1), file, field, problems);
        }
    }

    /** Asks PostgreSQL to plan the SQL, so that a typo refuses the start rather than failing a run. */
    /**
     * Asks PostgreSQL to plan the snippet, which checks it without running it; a plan that writes (a data-modifying
     * CTE) is refused here, and the READ ONLY transaction each rule runs in refuses any other write at run time.
     */
    private void plans(String sql, String file, String field, DefinitionProblems problems) {
        try {
            List<String> plan = jdbc.queryForList("explain (format json) " + sql,
                    new MapSqlParameterSource("run_id", ""), String.class);
            Matcher write = WRITING_PLAN.matcher(String.join("", plan));
            if (write.find()) {
                problems.add(file, field, "a quality query only reads, but this one would " + write.group(1).toLowerCase()
                        + " rows of " + (write.group(2) == null ? "a table" : write.group(2)) + "; rewrite it as a plain select");
            }
        } catch (DataAccessException e) {
            String message = e.getMostSpecificCause().getMessage();
            problems.add(file, field, "PostgreSQL cannot run it: " + (message == null ? e.getMessage() : message.lines().findFirst().orElse("")));
        }
    }

    private BigDecimal decimal(JsonNode node, String key, String file, String field, DefinitionProblems problems) {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            problems.add(file, field + "." + key, "expected a number, got '" + value.asString() + "'");
            return null;
        }
        return value.decimalValue();
    }

    private Double ratio(JsonNode node, String key, String file, String field, DefinitionProblems problems, double upper) {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > upper) {
            problems.add(file, field + "." + key, "expected a ratio" + (upper == 1.0 ? " between 0 and 1" : " of at least 0")
                    + ", got '" + value.asString() + "'");
            return null;
        }
        return value.asDouble();
    }

    private static List<String> texts(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            return node.valueStream().map(JsonNode::asString).toList();
        }
        return List.of(node.asString());
    }

    private void unknownKeys(JsonNode node, Set<String> known, String file, String prefix, DefinitionProblems problems) {
        for (String key : node.propertyNames()) {
            if (!known.contains(key)) {
                problems.add(file, prefix + key, "unknown key (known: " + known.stream().sorted().toList() + ")");
            }
        }
    }

    private List<Resource> resources(String pattern) {
        try {
            return Arrays.stream(new PathMatchingResourcePatternResolver().getResources(pattern))
                    .sorted(Comparator.comparing(r -> String.valueOf(r.getFilename()))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list quality rules at " + pattern, e);
        }
    }
}
