package vn.ecomdss.warehouse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refreshes materialised views {@code CONCURRENTLY} (dashboards keep reading the old contents meanwhile), with the
 * memory to aggregate a mart's distinct counts and to diff old and new rows without spilling to disk.
 */
@Component
public class MartRefresher {

    /** One refresh: the view, its rows afterwards, how long it took and its dependency level (0 first). */
    public record Refresh(String view, long rows, long millis, int level) {
    }

    /** The listed views each one reads, from PostgreSQL's own dependency catalogue. */
    private static final String USES = """
            select distinct v.oid::bigint as view_oid, d.refobjid::bigint as uses_oid
            from pg_depend d
            join pg_rewrite r on r.oid = d.objid
            join pg_class v on v.oid = r.ev_class
            where d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_class'::regclass
              and d.refobjid <> v.oid and v.relkind = 'm' and d.refobjid in (select c.oid from pg_class c where c.relkind = 'm')
            """;

    private final JdbcTemplate jdbc;
    private final LoadLanes lanes;

    public MartRefresher(JdbcTemplate jdbc, LoadLanes lanes) {
        this.jdbc = jdbc;
        this.lanes = lanes;
    }

    /** @param view a schema-qualified name checked by the caller (job definitions are validated at start-up) */
    public Refresh refresh(String view) {
        return refresh(view, 0);
    }

    private Refresh refresh(String view, int level) {
        long started = System.nanoTime();
        jdbc.execute("set local work_mem = '256MB'");
        jdbc.execute("refresh materialized view concurrently " + view);
        Long rows = jdbc.queryForObject("select count(*) from " + view, Long.class);
        return new Refresh(view, rows == null ? 0 : rows, (System.nanoTime() - started) / 1_000_000, level);
    }

    /**
     * Refreshes every view, each in a transaction of its own, level by level: a view that reads another listed view
     * waits for it; views of one level are refreshed side by side in the load lanes. Results in refresh order.
     */
    public List<Refresh> refreshAll(List<String> views) {
        List<Refresh> done = new ArrayList<>();
        List<List<String>> levels = levels(views);
        for (int level = 0; level < levels.size(); level++) {
            int current = level;
            done.addAll(lanes.all(levels.get(level).stream()
                    .<Supplier<Refresh>>map(view -> () -> refresh(view, current)).toList()));
        }
        return done;
    }

    /** The views grouped so that each reads only views of earlier groups; the listed order is kept within a group. */
    List<List<String>> levels(List<String> views) {
        Map<Long, String> byOid = new HashMap<>();
        for (String view : views) {
            Long oid = jdbc.queryForObject("select to_regclass(?)::oid::bigint", Long.class, view);
            if (oid == null) {
                throw new IllegalStateException("materialised view " + view + " does not exist");
            }
            byOid.put(oid, view);
        }
        Map<String, Set<String>> uses = new HashMap<>();
        jdbc.query(USES, row -> {
            String view = byOid.get(row.getLong("view_oid"));
            String used = byOid.get(row.getLong("uses_oid"));
            if (view != null && used != null) {
                uses.computeIfAbsent(view, v -> new LinkedHashSet<>()).add(used);
            }
        });
        List<List<String>> levels = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (placed.size() < views.size()) {
            List<String> level = views.stream().filter(v -> !placed.contains(v))
                    .filter(v -> placed.containsAll(uses.getOrDefault(v, Set.of()))).toList();
            if (level.isEmpty()) {
                throw new IllegalStateException("materialised views " + views + " depend on each other in a cycle");
            }
            levels.add(level);
            placed.addAll(level);
        }
        return levels;
    }
}
