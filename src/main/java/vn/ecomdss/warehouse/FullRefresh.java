package vn.ecomdss.warehouse;

import java.util.Collection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The first half of a {@code full_refresh=true} run: removes the facts and the customer and product versions
 * of the run's sources, in the caller's transaction, so that the loads rebuild them from every envelope in the
 * lake (the transform steps read the whole lake in a full refresh). Platforms are reference data shared by all
 * sources and are merged, not rebuilt. The daily user activity goes with its counted-event ledger, so that every
 * event is counted again exactly once.
 */
@Component
public class FullRefresh {

    private static final String[] TABLES = {"dw.fact_sales", "dw.fact_review", "dw.fact_return",
            "dw.fact_promotion", "dw.fact_inventory_snapshot", "dw.fact_price_history", "dw.fact_user_activity_daily",
            "dw.user_activity_ledger", "dw.dim_customer", "dw.dim_product"};

    private final JdbcTemplate jdbc;

    public FullRefresh(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return rows removed */
    public long clear(Collection<String> sources) {
        long removed = 0;
        for (String table : TABLES) {
            removed += jdbc.update(con -> {
                var statement = con.prepareStatement("delete from " + table + " where source = any(?)");
                statement.setArray(1, con.createArrayOf("text", sources.toArray()));
                return statement;
            });
        }
        return removed;
    }
}
