package vn.ecomdss.warehouse;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.RunParameters;

/**
 * The set-based SCD type 2 merge of one run's staging rows into a dimension, in the caller's transaction.
 *
 * <p>Staging is a change log: a key may arrive several times in one run (one row per raw envelope), each with the
 * source's change time ({@code changed_at}, else midnight of the run's logical date in Vietnam) and a delete
 * marker. A key's rows are applied in event-time order and each change becomes its own version: the current
 * version is closed at the first change, every change opens a version valid until the next one, a delete closes
 * without opening. Consecutive rows with the same type-2 attributes are one version. A change dated before the
 * current version began is applied one second after it, so intervals never overlap. An inferred member (created
 * by an early-arriving fact) is completed in place by its key's first real row, without opening a version. A
 * key's first version is valid from 1900-01-01 so that older orders find it.
 *
 * <p>With {@link Scd2Spec#closeMissing()}, a current key of a source whose full snapshot the run delivered, and
 * which is absent from that snapshot, is closed as deleted at the run's logical start.
 */
@Component
public class Scd2Merge {

    private static final Logger log = LoggerFactory.getLogger(Scd2Merge.class);

    /**
     * What one merge did. {@code closed} counts current versions closed by a change or a delete; {@code nanos} is
     * the merge's duration.
     */
    public record Result(String dimension, int staged, int inferredCompleted, int closed, int newKeys,
                         int versionsOpened, int deleted, int typeOneUpdates, long nanos) {
    }

    private static final Timestamp BEGINNING = Timestamp.valueOf("1900-01-01 00:00:00");
    private static final int ANALYZE_AFTER_CHANGES = 1_000;

    private final JdbcTemplate jdbc;

    public Scd2Merge(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Result merge(Scd2Spec spec, RunParameters run) {
        return merge(spec, run, List.of());
    }

    /** @param fullSnapshotSources sources whose complete set of keys this run staged (used when closing missing keys) */
    public Result merge(Scd2Spec spec, RunParameters run, Collection<String> fullSnapshotSources) {
        Timestamp logicalStart = Timestamp.from(run.logicalStart().toInstant());
        String keys = String.join(", ", spec.businessKey());
        String attributes = String.join(", ", spec.attributes());
        String table = spec.table();

        long started = System.nanoTime();
        long[] lap = {started};
        java.util.function.Consumer<String> done = statement -> {
            long now = System.nanoTime();
            log.debug("scd2 {} {}: {} ms", spec.name(), statement, (now - lap[0]) / 1_000_000);
            lap[0] = now;
        };
        jdbc.execute("set local work_mem = '256MB'");
        jdbc.execute("drop table if exists scd_events");
        // Every staged row with the key's current version beside it; most keys arrive once, so rows are not sorted
        // here: only the keys that change are ordered below.
        int staged = jdbc.update("""
                create temp table scd_events on commit drop as
                select c.*,
                       greatest(c.source_ts, coalesce(c.current_from + interval '1 second', c.last_to, '-infinity')) as event_ts
                from (select %2$s, %3$s, s.envelope_id, s.is_deleted,
                             case when s.is_deleted then 'deleted' else md5(row(%4$s)::text) end as row_hash,
                             coalesce(s.changed_at, ?) as source_ts,
                             d.valid_from as current_from,
                             case when d.%5$s is null
                                  then (select max(h.valid_to) from %6$s h where %7$s) end as last_to,
                             case when d.%5$s is null then 'none' when d.is_inferred then 'inferred'
                                  else 'current' end as current_state,
                             coalesce(d.row_hash, 'deleted') as current_hash,
                             d.%5$s is not null and (%10$s) is distinct from (%11$s) as type1_differs
                      from %8$s s
                      left join %6$s d on %9$s and d.is_current
                      where s.run_id = ?) c
                """.formatted(keys, columns(spec.businessKey(), "s."), columns(spec.attributes(), "s."),
                columns(spec.type2(), "s."), spec.surrogateKey(), table, match(spec, "h", "s"), spec.stagingTable(),
                match(spec, "d", "s"), columns(spec.type1(), "s."), columns(spec.type1(), "d.")), logicalStart, run.runId());

        done.accept("events");
        // Temporary tables are never analysed by autovacuum; the keys' statistics size the joins below. Only the
        // columns the plans depend on are analysed: the attributes would cost more than the statements.
        jdbc.execute("analyze scd_events (" + keys + ", current_state)");
        jdbc.execute("drop table if exists scd_multi");
        jdbc.update("create temp table scd_multi on commit drop as select %1$s from scd_events group by %1$s having count(*) > 1"
                .formatted(keys));
        jdbc.execute("analyze scd_multi");
        done.accept("keys with several events");
        jdbc.execute("drop table if exists scd_kept");
        // Only a key with an event that differs from its current version changes. A key staged once opens one
        // version from that event. A key staged several times has its events deduplicated (one per event time: the
        // latest fetched, then the greatest envelope); consecutive events with the same type-2 attributes collapse
        // into the first, and each kept event learns when the next one begins.
        jdbc.update("""
                create temp table scd_kept on commit drop as
                select e.*, e.current_hash as previous_hash, 1::bigint as key_events, 1::bigint as seq,
                       null::timestamptz as next_ts, null::boolean as next_deleted
                from scd_events e
                where e.row_hash <> e.current_hash
                  and not exists (select 1 from scd_multi m where %4$s)
                union all
                select k.*, row_number() over w as seq, lead(k.event_ts) over w as next_ts,
                       lead(k.is_deleted) over w as next_deleted
                from (select d.*, coalesce(lag(d.row_hash) over (partition by %2$s order by d.event_ts), d.current_hash)
                                      as previous_hash,
                             count(*) over (partition by %2$s) as key_events
                      from (select distinct on (%1$s, e.event_ts) e.*
                            from scd_events e
                            join scd_multi m on %4$s
                            where (%1$s) in (select %3$s from scd_events c where c.row_hash <> c.current_hash)
                            order by %1$s, e.event_ts, e.source_ts desc, e.envelope_id desc) d) k
                where k.row_hash <> k.previous_hash
                window w as (partition by %2$s order by k.event_ts)
                """.formatted(columns(spec.businessKey(), "e."), keys, columns(spec.businessKey(), "c."),
                match(spec, "m", "e")));

        done.accept("kept changes");
        // Few of the kept rows close a version (none on a first load): planned without statistics, the updates
        // below probe the dimension's current-row index instead of reading the whole dimension.
        int closed = jdbc.update("""
                update %s d set valid_to = k.event_ts, is_current = false, closed_by_delete = k.is_deleted,
                                updated_at = now()
                from scd_kept k
                where k.seq = 1 and k.current_state <> 'none' and %s and d.is_current
                  and (not d.is_inferred or k.is_deleted)
                """.formatted(table, match(spec, "d", "k")));
        done.accept("close");
        Integer deletedByMarker = jdbc.queryForObject("select count(*) from scd_kept where is_deleted", Integer.class);

        int inferred = jdbc.update("""
                update %s d set %s, row_hash = k.row_hash, is_inferred = false, envelope_id = k.envelope_id, run_id = ?,
                                valid_to = coalesce(k.next_ts, timestamptz '9999-12-31 00:00:00+00'), is_current = k.next_ts is null,
                                closed_by_delete = coalesce(k.next_deleted, false), updated_at = now()
                from scd_kept k
                where k.seq = 1 and not k.is_deleted and %s and d.is_current and d.is_inferred
                """.formatted(table, assignments(spec.attributes(), "k."), match(spec, "d", "k")), run.runId());

        done.accept("complete inferred");
        Integer newKeys = jdbc.queryForObject("""
                select count(*) from scd_kept where seq = 1 and current_state = 'none' and not is_deleted
                """, Integer.class);
        int opened = jdbc.update("""
                insert into %s (%s, %s, row_hash, valid_from, valid_to, is_current, closed_by_delete, envelope_id, run_id)
                select %s, %s, k.row_hash,
                       case when k.seq = 1 and k.current_state = 'none' and k.last_to is null then ? else k.event_ts end,
                       coalesce(k.next_ts, timestamptz '9999-12-31 00:00:00+00'), k.next_ts is null,
                       coalesce(k.next_deleted, false), k.envelope_id, ?
                from scd_kept k
                where not k.is_deleted and not (k.seq = 1 and k.current_state = 'inferred')
                """.formatted(table, keys, attributes, columns(spec.businessKey(), "k."), columns(spec.attributes(), "k.")),
                BEGINNING, run.runId());

        done.accept("insert versions");
        // Type-1 attributes follow the key's latest event when its version is the current one. Only keys whose
        // staged type-1 attributes differ from their current version's, or whose several events were collapsed into
        // fewer versions above, can need it: a version opened from a key's only event already holds its values.
        int typeOne = spec.type1().isEmpty() ? 0 : jdbc.update("""
                update %1$s d set %2$s, envelope_id = l.envelope_id, run_id = ?, updated_at = now()
                from (select distinct on (%3$s) *
                      from scd_events e
                      where (%3$s) in (select %4$s from scd_events c where c.type1_differs
                                       union all
                                       select %5$s from scd_kept k where k.key_events > 1)
                      order by %3$s, e.event_ts desc, e.source_ts desc, e.envelope_id desc) l
                where %6$s and d.is_current and not l.is_deleted and d.row_hash = l.row_hash
                  and (%7$s) is distinct from (%8$s)
                """.formatted(table, assignments(spec.type1(), "l."), keys, columns(spec.businessKey(), "c."),
                columns(spec.businessKey(), "k."), match(spec, "d", "l"), columns(spec.type1(), "d."),
                columns(spec.type1(), "l.")), run.runId());

        done.accept("type-1 updates");
        int missing = 0;
        if (spec.closeMissing() && !fullSnapshotSources.isEmpty()) {
            missing = jdbc.update("""
                    update %s d set valid_to = greatest(?, d.valid_from + interval '1 second'), is_current = false,
                                    closed_by_delete = true, run_id = ?, updated_at = now()
                    where d.is_current and not d.is_inferred and d.source = any(?)
                      and not exists (select 1 from %s s where s.run_id = ? and %s)
                    """.formatted(table, spec.stagingTable(), match(spec, "d", "s")),
                    ps -> {
                        ps.setTimestamp(1, logicalStart);
                        ps.setString(2, run.runId());
                        ps.setArray(3, ps.getConnection().createArrayOf("text", fullSnapshotSources.toArray()));
                        ps.setString(4, run.runId());
                    });
        }
        int deleted = (deletedByMarker == null ? 0 : deletedByMarker) + missing;
        Double rowsBefore = jdbc.queryForObject("select reltuples::float8 from pg_class where oid = ?::regclass",
                Double.class, table);
        int changes = opened + closed + inferred + missing;
        if (changes > ANALYZE_AFTER_CHANGES && (rowsBefore == null || rowsBefore < 0 || changes > rowsBefore / 2)) {
            // The fact load's as-of joins run next, before autovacuum would notice that the table doubled. They
            // join on the business key and the validity interval; autovacuum analyses the other columns later.
            jdbc.execute("analyze " + table + " (" + keys + ", valid_from, valid_to, is_current)");
            done.accept("analyze");
        }
        return new Result(spec.name(), staged, inferred, closed + missing, newKeys == null ? 0 : newKeys, opened,
                deleted, typeOne, System.nanoTime() - started);
    }

    private static String match(Scd2Spec spec, String left, String right) {
        return spec.businessKey().stream().map(k -> left + "." + k + " = " + right + "." + k)
                .collect(Collectors.joining(" and "));
    }

    private static String columns(List<String> columns, String prefix) {
        return columns.stream().map(c -> prefix + c).collect(Collectors.joining(", "));
    }

    private static String assignments(List<String> columns, String prefix) {
        return columns.stream().map(c -> c + " = " + prefix + c).collect(Collectors.joining(", "));
    }
}
