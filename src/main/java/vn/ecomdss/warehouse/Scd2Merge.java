package vn.ecomdss.warehouse;

import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.definition.RunParameters;

/**
 * The set-based SCD type 2 merge of one run's staging rows into a dimension, in the caller's transaction:
 * complete inferred members in place, close the current versions whose type-2 attributes changed, insert their
 * new versions and the new keys, overwrite type-1 attributes of unchanged current versions.
 *
 * <p>A new version is valid from the source's own change time when it has one, else from midnight of the run's
 * logical date in Vietnam, and never before the version it replaces; a key's first version is valid from
 * 1900-01-01 so that older orders find it.
 */
@Component
public class Scd2Merge {

    /** What one merge did. */
    public record Result(String dimension, int staged, int inferredCompleted, int closed, int newKeys, int typeOneUpdates) {
        public int versionsOpened() {
            return closed + newKeys;
        }
    }

    private final JdbcTemplate jdbc;

    public Scd2Merge(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Result merge(Scd2Spec spec, RunParameters run) {
        String keys = String.join(", ", spec.businessKey());
        String attributes = columns(Stream.concat(spec.type2().stream(), spec.type1().stream()).toList(), "");
        String keyMatch = spec.businessKey().stream().map(k -> "d." + k + " = s." + k).collect(Collectors.joining(" and "));
        Timestamp logicalStart = Timestamp.from(run.logicalStart().toInstant());

        jdbc.execute("drop table if exists scd_source");
        int staged = jdbc.update("""
                create temp table scd_source on commit drop as
                select %s, %s, changed_at, md5(row(%s)::text) as row_hash
                from %s where run_id = ?
                """.formatted(keys, attributes, String.join(", ", spec.type2()), spec.stagingTable()), run.runId());

        int inferred = jdbc.update("""
                update %s d set %s, row_hash = s.row_hash, is_inferred = false, run_id = ?, updated_at = now()
                from scd_source s where %s and d.is_current and d.is_inferred
                """.formatted(spec.table(), assignments(Stream.concat(spec.type2().stream(), spec.type1().stream()).toList()),
                keyMatch), run.runId());

        jdbc.execute("drop table if exists scd_changed");
        jdbc.update("""
                create temp table scd_changed on commit drop as
                select d.%s as surrogate, %s,
                       greatest(coalesce(s.changed_at, ?), d.valid_from + interval '1 second') as new_from
                from %s d join scd_source s on %s
                where d.is_current and not d.is_inferred and d.row_hash <> s.row_hash
                """.formatted(spec.surrogateKey(), columns(spec.businessKey(), "s."), spec.table(), keyMatch), logicalStart);

        int closed = jdbc.update("""
                update %s d set valid_to = c.new_from, is_current = false, updated_at = now()
                from scd_changed c where d.%s = c.surrogate
                """.formatted(spec.table(), spec.surrogateKey()));

        String insertColumns = keys + ", " + attributes + ", row_hash, valid_from, is_current, run_id";
        jdbc.update("""
                insert into %s (%s)
                select %s, %s, s.row_hash, c.new_from, true, ?
                from scd_source s join scd_changed c on %s
                """.formatted(spec.table(), insertColumns, columns(spec.businessKey(), "s."), columns(attributesOf(spec), "s."),
                spec.businessKey().stream().map(k -> "c." + k + " = s." + k).collect(Collectors.joining(" and "))),
                run.runId());

        int newKeys = jdbc.update("""
                insert into %s (%s)
                select %s, %s, s.row_hash,
                       coalesce((select max(h.valid_to) from %s h where %s), timestamptz '1900-01-01 00:00:00+00'),
                       true, ?
                from scd_source s
                where not exists (select 1 from %s d where %s and d.is_current)
                """.formatted(spec.table(), insertColumns, columns(spec.businessKey(), "s."), columns(attributesOf(spec), "s."),
                spec.table(), keyMatch.replace("d.", "h."), spec.table(), keyMatch), run.runId());

        int typeOne = spec.type1().isEmpty() ? 0 : jdbc.update("""
                update %s d set %s, run_id = ?, updated_at = now()
                from scd_source s
                where %s and d.is_current and d.row_hash = s.row_hash and (%s) is distinct from (%s)
                """.formatted(spec.table(), assignments(spec.type1()), keyMatch, columns(spec.type1(), "d."),
                columns(spec.type1(), "s.")), run.runId());

        return new Result(spec.name(), staged, inferred, closed, newKeys, typeOne);
    }

    private static List<String> attributesOf(Scd2Spec spec) {
        return Stream.concat(spec.type2().stream(), spec.type1().stream()).toList();
    }

    private static String columns(List<String> columns, String prefix) {
        return columns.stream().map(c -> prefix + c).collect(Collectors.joining(", "));
    }

    private static String assignments(List<String> columns) {
        return columns.stream().map(c -> c + " = s." + c).collect(Collectors.joining(", "));
    }
}
