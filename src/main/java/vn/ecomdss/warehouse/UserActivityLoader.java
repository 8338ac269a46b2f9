package vn.ecomdss.warehouse;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.RunParameters;

/**
 * Counts a run's staged activity events into {@code dw.fact_user_activity_daily}, set-based, in the caller's
 * transaction.
 *
 * <p>The events already counted are in {@code dw.user_activity_ledger}, keyed by a 64-bit hash of source and event
 * id. The load keeps, of the run's events, those the ledger does not hold (an event delivered twice in the run
 * counts its first delivery), resolves the customer and platform versions valid when each occurred (adding
 * inferred customers for ids not yet known), adds them to the ledger, and recomputes from the ledger the fact rows
 * they fall into. Rows are recomputed rather than incremented, so the distinct session and product counts stay
 * exact across runs, and a load that is repeated or restarted finds its events counted and changes nothing.
 */
@Component
public class UserActivityLoader {

    /**
     * What one load did: events staged, events newly counted, events already counted (by an earlier run, or
     * delivered twice), fact rows inserted or changed, inferred customers added.
     */
    public record Result(int staged, int counted, int alreadyCounted, int rows, int inferredCustomers) {
    }

    private static final String PARTITIONS = """
            select dw.ensure_monthly_partition(parent, month)
            from (select distinct date_trunc('month', occurred_at at time zone 'Asia/Ho_Chi_Minh')::date as month
                  from staging.activity_event where run_id = ?) months
            cross join (values ('fact_user_activity_daily'), ('user_activity_ledger')) tables (parent)
            """;

    /** Two event ids of the run, or one of the run and one already counted, sharing a key. */
    private static final String COLLISIONS = """
            select string_agg(pair, ', ') from (
                select min(source || '/' || event_id) || ' and ' || max(source || '/' || event_id) as pair
                from staging.activity_event where run_id = ?
                group by event_key having count(distinct (source, event_id)) > 1
                union all
                select s.source || '/' || s.event_id || ' and ' || l.source || '/' || l.event_id
                from staging.activity_event s
                join dw.user_activity_ledger l on l.event_key = s.event_key
                where s.run_id = ? and (l.source, l.event_id) <> (s.source, s.event_id)
                limit 5) collided
            """;

    private static final String INFERRED_CUSTOMERS =
            InferredMembers.insert(Scd2Spec.CUSTOMER, "staging.activity_event", "customer_source", "customer_id");

    /**
     * The run's events not counted yet, with their keys: of the versions that began by the event's time, the last
     * one (valid then, or the last before a delete); a platform no version of which began by then is unknown.
     */
    private static final String NEW_EVENTS = """
            create temp table activity_new on commit drop as
            select e.event_key, (e.occurred_at at time zone 'Asia/Ho_Chi_Minh')::date as activity_date, e.source,
                   e.event_id, e.occurred_at, c.customer_key,
                   coalesce(p.platform_key, (select platform_key from dw.dim_platform
                                             where platform_code = 'unknown' and is_current)) as platform_key,
                   e.event_type, e.session_id, e.product_id, e.envelope_id
            from (select distinct on (s.event_key) s.*
                  from staging.activity_event s
                  where s.run_id = ?
                    and not exists (select 1 from dw.user_activity_ledger l where l.event_key = s.event_key)
                  order by s.event_key, s.fetched_at nulls last, s.envelope_id) e
            left join lateral (select h.customer_key from dw.dim_customer h
                               where h.source = e.customer_source and h.customer_id = e.customer_id
                                 and h.valid_from <= e.occurred_at
                               order by h.valid_from desc limit 1) c on true
            left join lateral (select h.platform_key from dw.dim_platform h
                               where h.platform_code = e.platform and h.valid_from <= e.occurred_at
                               order by h.valid_from desc limit 1) p on true
            """;

    private static final String COUNT = """
            insert into dw.user_activity_ledger (event_key, activity_date, source, event_id, occurred_at, customer_key,
                platform_key, event_type, session_id, product_id, run_id, envelope_id)
            select event_key, activity_date, source, event_id, occurred_at, customer_key, platform_key, event_type,
                   session_id, product_id, ?, envelope_id
            from activity_new
            """;

    /** The fact rows the new events fall into, recomputed from every event the ledger holds for them. */
    private static final String FACT_ROWS = """
            insert into dw.fact_user_activity_daily as f (activity_date, date_key, source, customer_key, platform_key,
                event_type, events, sessions, products, run_id, envelope_id)
            select l.activity_date, to_char(l.activity_date, 'YYYYMMDD')::integer, l.source, l.customer_key,
                   l.platform_key, l.event_type, count(*), count(distinct l.session_id), count(distinct l.product_id), ?,
                   (array_agg(l.envelope_id order by l.occurred_at desc, l.event_key desc))[1]
            from (select distinct activity_date, source, customer_key, platform_key, event_type from activity_new) r
            join dw.user_activity_ledger l
              on l.activity_date = r.activity_date and l.customer_key = r.customer_key and l.source = r.source
             and l.platform_key = r.platform_key and l.event_type = r.event_type
            group by l.activity_date, l.source, l.customer_key, l.platform_key, l.event_type
            on conflict (activity_date, source, customer_key, platform_key, event_type) do update set
                events = excluded.events, sessions = excluded.sessions, products = excluded.products,
                run_id = excluded.run_id, envelope_id = excluded.envelope_id, loaded_at = now()
            where (f.events, f.sessions, f.products) is distinct from (excluded.events, excluded.sessions, excluded.products)
            """;

    private final JdbcTemplate jdbc;

    public UserActivityLoader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Result load(RunParameters run) {
        String runId = run.runId();
        Integer staged = jdbc.queryForObject("select count(*) from staging.activity_event where run_id = ?",
                Integer.class, runId);
        if (staged == null || staged == 0) {
            return new Result(0, 0, 0, 0, 0);
        }
        jdbc.execute("analyze staging.activity_event");
        String collided = jdbc.queryForObject(COLLISIONS, String.class, runId, runId);
        if (collided != null) {
            throw new IllegalStateException("Run " + runId + ": events " + collided
                    + " share a user event key (64-bit hash collision); the load stops rather than count them as one");
        }
        jdbc.queryForList(PARTITIONS, runId);
        int inferred = jdbc.update(INFERRED_CUSTOMERS, runId, runId);
        jdbc.execute("drop table if exists activity_new");
        int counted = jdbc.update(NEW_EVENTS, runId);
        jdbc.execute("analyze activity_new");
        jdbc.update(COUNT, runId);
        int rows = counted == 0 ? 0 : jdbc.update(FACT_ROWS, runId);
        return new Result(staged, counted, staged - counted, rows, inferred);
    }
}
