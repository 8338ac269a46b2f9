package vn.ecomdss.quality;

import java.sql.Array;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import java.util.function.Supplier;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import vn.ecomdss.pipeline.JobDefinition;

/**
 * Runs one table's rules as set-based SQL. A record rule becomes one query flagging each row with a reason (a
 * {@code row-sql} rule is that query, written in its file); its figures and its failing rows (for
 * {@code dq.failed_record}) come from that query. Column and table names were
 * checked against the database's catalogue at start-up and are quoted; values, and the names quoted in reasons,
 * travel as bind parameters. Every
 * rule runs in a READ ONLY transaction of its own, since its {@code where} and {@code sql} are text from a rule
 * file: one that would write is refused by PostgreSQL, naming the file and the rule, and changes nothing.
 */
final class TableCheck {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final RuleSet set;
    private final String runId;
    private final JobDefinition.QualityThresholds defaults;
    private final List<FailedRecord> failedRecords = new ArrayList<>();

    TableCheck(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactionManager, RuleSet set,
               String runId, JobDefinition.QualityThresholds defaults) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnly.setReadOnly(true);
        this.set = set;
        this.runId = runId;
        this.defaults = defaults;
    }

    List<CheckResult> run() {
        List<CheckResult> results = new ArrayList<>();
        for (QualityRule rule : set.rules()) {
            results.add(readOnly(rule, () -> switch (rule.type()) {
                case FRESHNESS -> freshness(rule);
                case ROW_COUNT_CHANGE -> rowCountChange(rule);
                case CUSTOM_SQL -> custom(rule);
                default -> perRow(rule);
            }));
        }
        return results;
    }

    /** The failing rows the record rules found, for {@link QualityResults#failedRecords}. */
    List<FailedRecord> failedRecords() {
        return List.copyOf(failedRecords);
    }

    private CheckResult readOnly(QualityRule rule, Supplier<CheckResult> check) {
        try {
            return readOnly.execute(status -> {
                jdbc.getJdbcOperations().execute("set transaction read only");
                return check.get();
            });
        } catch (DataAccessException e) {
            String cause = e.getMostSpecificCause().getMessage();
            throw new IllegalStateException("quality rule '" + rule.name() + "' in " + rule.file() + " (" + rule.field()
                    + ") cannot run read-only on " + set.target() + ": "
                    + (cause == null ? e.getMessage() : cause.lines().findFirst().orElse("")), e);
        }
    }

    private MapSqlParameterSource parameters(QualityRule rule) {
        return new MapSqlParameterSource("run_id", runId)
                .addValue("rule", rule.name())
                .addValue("target", set.target())
                .addValue("severity", rule.severity().key())
                .addValue("quarantined", rule.severity() == Severity.ERROR)
                .addValue("accepted", rule.values().isEmpty() ? List.of("") : rule.values())
                .addValue("min", rule.min(), Types.NUMERIC)
                .addValue("max", rule.max(), Types.NUMERIC)
                .addValue("pattern", rule.pattern() == null ? null : rule.pattern().pattern(), Types.VARCHAR)
                .addValue("label", rule.column(), Types.VARCHAR)
                .addValue("columns", rule.columns().isEmpty() ? List.of("") : rule.columns())
                .addValue("column_list", String.join(", ", rule.columns()), Types.VARCHAR)
                .addValue("references", rule.references(), Types.VARCHAR);
    }

    private String where(QualityRule rule) {
        String where = rule.where() != null ? rule.where() : set.where();
        return where == null ? "true" : "(" + where + ")";
    }

    /** Each checked row as (record_key, failing, reason). */
    private String flagged(QualityRule rule) {
        String key = set.key().stream().map(k -> "t." + quote(k) + "::text").collect(Collectors.joining(", ", "concat_ws(':', ", ")"));
        String column = rule.column() == null ? null : "t." + quote(rule.column());
        String from = set.target() + " t";
        String failing;
        String reason;
        switch (rule.type()) {
            case NOT_NULL -> {
                failing = rule.columns().stream().map(c -> "t." + quote(c) + " is null").collect(Collectors.joining(" or "));
                List<String> columns = rule.columns();
                reason = java.util.stream.IntStream.range(0, columns.size())
                        .mapToObj(i -> "case when t." + quote(columns.get(i)) + " is null then (array[:columns]::text[])["
                                + (i + 1) + "] end")
                        .collect(Collectors.joining(", ", "concat_ws(', ', ", ") || ' is null'"));
            }
            case UNIQUE -> {
                String columns = rule.columns().stream().map(c -> "u." + quote(c)).collect(Collectors.joining(", "));
                from = "(select u.*, count(*) over (partition by " + columns + ") as dq_sharing from " + set.target()
                        + " u where " + where(rule) + ") t";
                failing = "t.dq_sharing > 1";
                reason = "t.dq_sharing || ' rows share ' || :column_list";
            }
            case ACCEPTED_VALUES -> {
                failing = column + " is not null and " + column + "::text not in (:accepted)";
                reason = ":label || ' ''' || " + column + "::text || ''' is not an accepted value'";
            }
            case RANGE -> {
                failing = column + " is not null and (" + column + " < coalesce(:min, " + column + ") or " + column
                        + " > coalesce(:max, " + column + "))";
                reason = ":label || ' ' || " + column + "::text || ' is outside [' || coalesce(:min::text, '') || ', ' "
                        + "|| coalesce(:max::text, '') || ']'";
            }
            case REGEX -> {
                failing = column + " is not null and " + column + "::text !~ :pattern";
                reason = ":label || ' ''' || " + column + "::text || ''' does not match the pattern'";
            }
            case REFERENTIAL -> {
                String[] parts = rule.references().split("\\.");
                String table = parts[0] + "." + parts[1];
                failing = column + " is not null and not exists (select 1 from " + table + " r where r." + quote(parts[2])
                        + " = " + column + ")";
                reason = ":label || ' ' || " + column + "::text || ' has no row in ' || :references";
            }
            default -> throw new IllegalStateException("rule type " + rule.type().key() + " is not a row rule");
        }
        String filter = rule.type() == RuleType.UNIQUE ? "true" : where(rule);
        return "select " + key + " as record_key, coalesce(" + failing + ", false) as failing, " + reason + " as reason from "
                + from + " where " + filter;
    }

    private CheckResult perRow(QualityRule rule) {
        String flagged = rule.type() == RuleType.ROW_SQL ? rule.sql() : flagged(rule);
        MapSqlParameterSource parameters = parameters(rule);
        CheckResult result = jdbc.queryForObject("""
                select count(*), count(*) filter (where failing),
                       (array_agg(record_key order by record_key) filter (where failing))[1 : %d]
                from (%s) flagged
                """.formatted(CollectionCheck.SAMPLE, flagged), parameters, (rs, i) -> result(rule, rs.getLong(1),
                rs.getLong(2), keys(rs.getArray(3)), null));
        jdbc.query("select record_key, coalesce(reason, '') from (%s) flagged where failing".formatted(flagged),
                parameters, (RowCallbackHandler) rs -> failedRecords.add(new FailedRecord(rule.name(), set.target(),
                        rs.getString(1), rule.severity(), rs.getString(2), null)));
        return result;
    }

    private CheckResult freshness(QualityRule rule) {
        MapSqlParameterSource parameters = parameters(rule).addValue("max_age_seconds", rule.maxAge(defaults).toSeconds());
        return jdbc.queryForObject("""
                select extract(epoch from now() - max(t.%s))::float8 from %s t where %s
                """.formatted(quote(rule.column()), set.target(), where(rule)), parameters, (rs, i) -> {
            double age = rs.getDouble(1);
            boolean none = rs.wasNull();
            boolean stale = none || age > rule.maxAge(defaults).toSeconds();
            return result(rule, 1, stale ? 1 : 0, stale ? List.of(none ? "no rows" : String.format("newest %s is %.0f min old, "
                    + "more than %d min", rule.column(), age / 60, rule.maxAge(defaults).toMinutes())) : List.of(), none ? null : age);
        });
    }

    private CheckResult rowCountChange(QualityRule rule) {
        MapSqlParameterSource parameters = parameters(rule);
        Long rows = jdbc.queryForObject("select count(*) from " + set.target() + " t where " + where(rule), parameters, Long.class);
        long count = rows == null ? 0 : rows;
        Double before = previousObserved(jdbc, "final", rule.name(), set.target(), runId);
        boolean breach = before != null && before > 0 && Math.abs(count - before) / before > rule.maxChange();
        return result(rule, 1, breach ? 1 : 0, breach ? List.of(String.format("%d rows, previous run %.0f (%+.1f%%)", count,
                before, 100 * (count - before) / before)) : List.of(), (double) count);
    }

    private CheckResult custom(QualityRule rule) {
        return jdbc.queryForObject(rule.sql(), parameters(rule), (rs, i) -> result(rule, rs.getLong(1), rs.getLong(2),
                keys(rs.getArray(3)), null));
    }

    private CheckResult result(QualityRule rule, long checked, long failed, List<String> sample, Double observed) {
        return new CheckResult("final", rule.name(), rule.type().key(), set.target(), rule.severity().key(), checked, failed,
                rule.threshold(defaults), sample, observed);
    }

    /** The figure the same rule measured in the latest earlier run, or null. */
    static Double previousObserved(NamedParameterJdbcTemplate jdbc, String stage, String rule, String target, String runId) {
        List<Double> found = jdbc.queryForList("""
                select observed::float8 from dq.check_result
                where stage = :stage and rule = :rule and target = :target and run_id <> :run_id and observed is not null
                order by checked_at desc, id desc limit 1
                """, new MapSqlParameterSource("stage", stage).addValue("rule", rule).addValue("target", target)
                .addValue("run_id", runId), Double.class);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<String> keys(Array array) throws java.sql.SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
