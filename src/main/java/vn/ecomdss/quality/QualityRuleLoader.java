package vn.ecomdss.quality;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import vn.ecomdss.pipeline.DefinitionFile;
import vn.ecomdss.pipeline.DefinitionNode;
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
    private static final List<String> SEVERITIES = Arrays.stream(Severity.values()).map(Severity::key).toList();
    private static final String COLUMNS = "expected a column or a list of columns";

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
        for (DefinitionFile file : DefinitionFile.in(definitions, "quality")) {
            RuleSet set = read(file, problems);
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

    private RuleSet read(DefinitionFile file, DefinitionProblems problems) {
        DefinitionNode root = file.root("expected a mapping with collection or table, and rules", problems);
        if (root == null) {
            return null;
        }
        root.allowOnly(FILE_KEYS);
        boolean collection = root.has("collection");
        if (collection == root.has("table")) {
            root.get("collection").problem("name either a lake collection (collection: source/entity) or a warehouse "
                    + "table (table: schema.table), not both or neither");
            return null;
        }
        RuleSet.Kind kind = collection ? RuleSet.Kind.COLLECTION : RuleSet.Kind.TABLE;
        DefinitionNode targetNode = root.get(collection ? "collection" : "table");
        String target = targetNode.text("");
        Set<String> known = collection ? collectionPointers(target, targetNode) : tableColumns(target, targetNode);
        if (known == null) {
            return null;
        }
        String where = root.get("where").text(null);
        List<String> key = root.get("key").texts(COLUMNS);
        if (kind == RuleSet.Kind.COLLECTION && (where != null || !key.isEmpty())) {
            root.get(where != null ? "where" : "key").problem("a collection is checked over the envelopes the run "
                    + "extracted, named by their natural id; where and key are for tables");
        }
        if (kind == RuleSet.Kind.TABLE) {
            if (key.isEmpty()) {
                root.get("key").problem("name the columns that identify a row, e.g. [source, customer_id]");
            }
            for (int i = 0; i < key.size(); i++) {
                column(key.get(i), known, target, root.get("key").get(i));
            }
            if (where != null) {
                plans("select 1 from " + target + " where " + where, root.get("where"));
            }
        }
        DefinitionNode ruleNodes = root.get("rules");
        if (!ruleNodes.isNonEmptyList()) {
            ruleNodes.problem("a quality file needs a non-empty list of rules");
            return null;
        }
        List<QualityRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (DefinitionNode node : ruleNodes.items()) {
            QualityRule rule = readRule(node, kind, target, known);
            if (rule != null) {
                if (!names.add(rule.name())) {
                    node.get("name").problem("duplicate rule name '" + rule.name() + "'");
                }
                rules.add(rule);
            }
        }
        return new RuleSet(file.name(), kind, target, where, key, List.copyOf(rules));
    }

    private QualityRule readRule(DefinitionNode node, RuleSet.Kind kind, String target, Set<String> known) {
        if (!node.isMapping()) {
            node.problem("a rule is a mapping with name and type");
            return null;
        }
        node.allowOnly(RULE_KEYS);
        String name = node.get("name").requiredText();
        String typeKey = node.get("type").text(null);
        RuleType type = typeKey == null ? null : RuleType.of(typeKey).orElse(null);
        if (type == null) {
            node.get("type").problem(typeKey == null ? "required (known: " + RuleType.known() + ")"
                    : "unknown rule type '" + typeKey + "' (known: " + RuleType.known() + ")");
            return null;
        }
        if (!type.appliesTo(kind)) {
            node.get("type").problem("rule type '" + typeKey + "' does not apply to a "
                    + kind.name().toLowerCase(Locale.ROOT));
            return null;
        }
        String severityKey = node.get("severity").oneOf(SEVERITIES, "warn", "warn or error");
        Severity severity = Arrays.stream(Severity.values()).filter(s -> s.key().equals(severityKey)).findFirst().orElse(null);
        boolean oneColumn = node.has("column");
        List<String> columns = new ArrayList<>(node.get("columns").texts(COLUMNS));
        if (oneColumn) {
            columns.add(0, node.get("column").text(""));
        }
        boolean needsColumns = switch (type) {
            case REQUIRED_FIELDS, FRESHNESS, ROW_COUNT_CHANGE, CUSTOM_SQL, ROW_SQL -> false;
            default -> true;
        };
        if (needsColumns && columns.isEmpty() && !(type == RuleType.UNIQUE && kind == RuleSet.Kind.COLLECTION)) {
            node.get("column").problem("rule type '" + typeKey + "' needs a column");
        }
        if (type == RuleType.FRESHNESS && kind == RuleSet.Kind.TABLE && columns.isEmpty()) {
            node.get("column").problem("a table's freshness needs the timestamp column to age");
        }
        for (int i = 0; i < columns.size(); i++) {
            DefinitionNode at = columns.size() == 1 && oneColumn ? node.get("column") : node.get("columns").get(i);
            if (kind == RuleSet.Kind.TABLE) {
                column(columns.get(i), known, target, at);
            } else if (!known.contains(columns.get(i))) {
                at.problem("pointer " + columns.get(i) + " is not mapped by the source definition of "
                        + target + " (mapped: " + known.stream().sorted().toList() + ")");
            }
        }
        List<String> values = node.get("values").texts("expected a value or a list of values");
        if (type == RuleType.ACCEPTED_VALUES && values.isEmpty()) {
            node.get("values").problem("list the accepted values");
        }
        BigDecimal min = node.get("min").decimal();
        BigDecimal max = node.get("max").decimal();
        if (type == RuleType.RANGE && min == null && max == null) {
            node.get("min").problem("a range needs min, max or both");
        }
        Pattern pattern = type == RuleType.REGEX ? regex(node.get("pattern")) : null;
        String references = node.get("references").text(null);
        if (type == RuleType.REFERENTIAL) {
            references(references, kind, node.get("references"));
        }
        Duration maxAge = node.get("max-age").duration(null);
        Double maxChange = node.get("max-change").ratioOfAtLeastZero(type == RuleType.ROW_COUNT_CHANGE ? 0.5 : null);
        String sql = node.get("sql").text(null);
        if (type == RuleType.CUSTOM_SQL) {
            if (sql == null || sql.isBlank()) {
                node.get("sql").problem("a custom rule needs a query answering (checked, failed, "
                        + "sample keys as text[]); :run_id is the run");
            } else {
                plans(sql, node.get("sql"));
            }
        }
        if (type == RuleType.ROW_SQL) {
            if (sql == null || sql.isBlank()) {
                node.get("sql").problem("a row rule needs a query answering one row per checked record: record_key, "
                        + "failing (boolean) and reason; :run_id is the run");
            } else {
                plans("select record_key::text, failing::boolean, reason::text from (" + sql + ") row_sql", node.get("sql"));
            }
        }
        String ruleWhere = node.get("where").text(null);
        if (ruleWhere != null) {
            if (kind == RuleSet.Kind.COLLECTION) {
                node.get("where").problem("a collection rule checks every envelope of the run; where is for tables");
            } else {
                plans("select 1 from " + target + " where " + ruleWhere, node.get("where"));
            }
        }
        Double maxFailedRatio = node.get("max-failed-ratio").ratio(null);
        if (name == null || severity == null) {
            return null;
        }
        return new QualityRule(node.file(), node.field(), name, type, severity, List.copyOf(columns), values, min, max,
                pattern, references, maxAge, maxChange, sql, ruleWhere, maxFailedRatio);
    }

    private Pattern regex(DefinitionNode node) {
        String regex = node.requiredText();
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            node.problem("not a valid regular expression: " + e.getDescription());
            return null;
        }
    }

    /** What a collection's rules may point at: the natural id, the required fields and every mapped field. */
    private Set<String> collectionPointers(String target, DefinitionNode at) {
        int slash = target.indexOf('/');
        if (slash <= 0) {
            at.problem("expected source/entity, e.g. vnmarket/customers, got '" + target + "'");
            return null;
        }
        String source = target.substring(0, slash);
        if (!sources.contains(source)) {
            at.problem("unknown source '" + source + "' (known: " + sources.names() + ")");
            return null;
        }
        SourceDefinition definition = sources.get(source);
        EntityDefinition entity = definition.entities().get(target.substring(slash + 1));
        if (entity == null) {
            at.problem("source " + source + " has no entity '" + target.substring(slash + 1)
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

    private Set<String> tableColumns(String table, DefinitionNode at) {
        if (!TABLE_NAME.matcher(table).matches()) {
            at.problem("expected schema.table in lower case, got '" + table + "'");
            return null;
        }
        Set<String> columns = columnsByTable.computeIfAbsent(table, t -> new HashSet<>(jdbc.queryForList("""
                select attname from pg_attribute
                where attrelid = to_regclass(:table) and attnum > 0 and not attisdropped
                """, Map.of("table", t), String.class)));
        if (columns.isEmpty()) {
            at.problem("the warehouse has no table " + table);
            return null;
        }
        return columns;
    }

    private void column(String column, Set<String> known, String table, DefinitionNode at) {
        if (!known.contains(column)) {
            at.problem("table " + table + " has no column '" + column + "' (columns: "
                    + known.stream().sorted().toList() + ")");
        }
    }

    private void references(String references, RuleSet.Kind kind, DefinitionNode at) {
        if (references == null) {
            at.problem(kind == RuleSet.Kind.TABLE ? "name the referenced schema.table.column"
                    : "name the referenced collection source/entity");
            return;
        }
        if (kind == RuleSet.Kind.COLLECTION) {
            collectionPointers(references, at);
            return;
        }
        Matcher matcher = COLUMN_REFERENCE.matcher(references);
        if (!matcher.matches()) {
            at.problem("expected schema.table.column, got '" + references + "'");
            return;
        }
        Set<String> columns = tableColumns(matcher.group(1), at);
        if (columns != null) {
            column(matcher.group(2), columns, matcher.group(1), at);
        }
    }

    /**
     * Asks PostgreSQL to plan the snippet, which checks it without running it, so that a typo refuses the start rather
     * than failing a run; a plan that writes (a data-modifying CTE) is refused here, and the READ ONLY transaction
     * each rule runs in refuses any other write at run time.
     */
    private void plans(String sql, DefinitionNode at) {
        try {
            List<String> plan = jdbc.queryForList("explain (format json) " + sql,
                    new MapSqlParameterSource("run_id", ""), String.class);
            Matcher write = WRITING_PLAN.matcher(String.join("", plan));
            if (write.find()) {
                at.problem("a quality query only reads, but this one would " + write.group(1).toLowerCase(Locale.ROOT)
                        + " rows of " + (write.group(2) == null ? "a table" : write.group(2)) + "; rewrite it as a plain select");
            }
        } catch (DataAccessException e) {
            String message = e.getMostSpecificCause().getMessage();
            at.problem("PostgreSQL cannot run it: " + (message == null ? e.getMessage() : message.lines().findFirst().orElse("")));
        }
    }
}
