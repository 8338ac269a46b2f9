package vn.ecomdss.warehouse;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The rules every SCD2 dimension keeps, checked in SQL: per key, versions never overlap; each version ends where
 * the next begins unless its key was deleted then; only the last version may be current, and it is, unless a
 * delete closed it; a current version runs to 9999-12-31 and a closed one does not.
 */
@Component
public class Scd2Invariants {

    private static final String CHECK = """
            select key || ' from ' || valid_from || ': ' || problem
            from (select key, valid_from,
                         case when next_from < valid_to then 'overlaps the next version'
                              when next_from > valid_to and not closed_by_delete then 'leaves a gap before the next version'
                              when next_from is not null and is_current then 'is current but not the last version'
                              when next_from is null and not is_current and not closed_by_delete
                                   then 'is the last version, closed without a delete'
                              when is_current <> (valid_to = timestamptz '9999-12-31 00:00:00+00')
                                   then 'is current without running to 9999-12-31, or closed without an end'
                         end as problem
                  from (select concat_ws('/', %1$s) as key, valid_from, valid_to, is_current, closed_by_delete,
                               lead(valid_from) over (partition by %1$s order by valid_from) as next_from
                        from %2$s) versions) checked
            where problem is not null
            order by key, valid_from
            limit 20
            """;

    private final JdbcTemplate jdbc;

    public Scd2Invariants(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to 20 violations, each naming the key, the version and the broken rule; empty when the dimension is sound. */
    public List<String> violations(Scd2Spec spec) {
        return jdbc.queryForList(CHECK.formatted(String.join(", ", spec.businessKey()), spec.table()), String.class);
    }
}
