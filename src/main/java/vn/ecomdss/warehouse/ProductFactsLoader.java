package vn.ecomdss.warehouse;

import java.sql.Date;
import java.sql.Timestamp;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.RunParameters;

/**
 * The facts a run's staged products and reviews feed, set-based, in the caller's transaction, each an upsert on
 * its natural key that rewrites a row only when it changed: the day's stock per product and platform, every
 * price a product has carried, and the reviews products carry.
 */
@Component
public class ProductFactsLoader {

    /** Rows inserted or changed per fact. */
    public record Result(int inventoryRows, int priceChanges, int reviews, int inferredProducts) {
    }

    /** The last state of each product staged in the run, on the run's logical date. */
    private static final String INVENTORY = """
            insert into dw.fact_inventory_snapshot as f (snapshot_date, source, product_id, date_key, product_key,
                platform_key, stock, price, currency, availability_status, run_id, envelope_id)
            select ?, s.source, s.product_id, to_char(?::date, 'YYYYMMDD')::integer, d.product_key,
                   coalesce(pl.platform_key, (select platform_key from dw.dim_platform
                                              where platform_code = 'unknown' and is_current)),
                   s.stock, s.price, s.currency, s.availability_status, ?, s.envelope_id
            from (select distinct on (source, product_id) *
                  from staging.product where run_id = ?
                  order by source, product_id, coalesce(changed_at, '-infinity') desc, envelope_id desc) s
            join dw.dim_product d on d.source = s.source and d.product_id = s.product_id and d.is_current
            left join dw.dim_platform pl on pl.platform_code = coalesce(s.platform, s.source) and pl.is_current
            where not s.is_deleted
            on conflict (snapshot_date, source, product_id) do update set
                product_key = excluded.product_key, platform_key = excluded.platform_key, stock = excluded.stock,
                price = excluded.price, currency = excluded.currency,
                availability_status = excluded.availability_status, run_id = excluded.run_id,
                envelope_id = excluded.envelope_id, loaded_at = now()
            where (f.product_key, f.platform_key, f.stock, f.price, f.currency, f.availability_status)
                  is distinct from (excluded.product_key, excluded.platform_key, excluded.stock, excluded.price,
                                    excluded.currency, excluded.availability_status)
            """;

    /**
     * A staged price that differs from the price before it (in the run, else in the history) starts a price
     * period at the product's change time (the run's logical start when the source gives none).
     */
    private static final String PRICES = """
            insert into dw.fact_price_history as f (source, product_id, price_from, product_key, price,
                original_price, currency, run_id, envelope_id)
            select x.source, x.product_id, x.price_from, d.product_key, x.price, x.original_price, x.currency, ?,
                   x.envelope_id
            from (select e.*, lag(e.price) over (partition by e.source, e.product_id order by e.price_from) as run_previous
                  from (select distinct on (source, product_id, price_from) *
                        from (select source, product_id, coalesce(changed_at, ?) as price_from, price,
                                     original_price, currency, envelope_id
                              from staging.product
                              where run_id = ? and not is_deleted and price is not null) p
                        order by source, product_id, price_from, envelope_id desc) e) x
            join dw.dim_product d on d.source = x.source and d.product_id = x.product_id and d.is_current
            left join lateral (select h.price from dw.fact_price_history h
                               where h.source = x.source and h.product_id = x.product_id and h.price_from < x.price_from
                               order by h.price_from desc limit 1) known on true
            where x.price is distinct from coalesce(x.run_previous, known.price)
            on conflict (source, product_id, price_from) do update set
                price = excluded.price, original_price = excluded.original_price, currency = excluded.currency,
                product_key = excluded.product_key, run_id = excluded.run_id, envelope_id = excluded.envelope_id,
                loaded_at = now()
            where (f.price, f.original_price, f.currency) is distinct from
                  (excluded.price, excluded.original_price, excluded.currency)
            """;

    private static final String INFERRED_PRODUCTS =
            InferredMembers.insert(Scd2Spec.PRODUCT, "staging.review", "source", "product_id");

    /** A review's product is the version valid when the review was written (the current one when undated). */
    private static final String REVIEWS = """
            insert into dw.fact_review as f (source, product_id, review_number, review_date, date_key, product_key,
                rating, comment, reviewer_name, reviewer_email, run_id, envelope_id)
            select r.source, r.product_id, r.review_number, r.review_date,
                   to_char(r.review_date, 'YYYYMMDD')::integer, d.product_key, r.rating, r.comment,
                   r.reviewer_name, r.reviewer_email, ?, r.envelope_id
            from (select distinct on (s.source, s.product_id, s.review_number) s.*,
                         coalesce(s.review_ts, ?) as reviewed_at,
                         (coalesce(s.review_ts, ?) at time zone 'Asia/Ho_Chi_Minh')::date as review_date
                  from staging.review s where s.run_id = ?
                  order by s.source, s.product_id, s.review_number, s.envelope_id desc) r
            join lateral (select h.product_key from dw.dim_product h
                          where h.source = r.source and h.product_id = r.product_id
                          order by (r.reviewed_at >= h.valid_from and r.reviewed_at < h.valid_to) desc,
                                   h.is_current desc, h.valid_from desc
                          limit 1) d on true
            on conflict (source, product_id, review_number) do update set
                review_date = excluded.review_date, date_key = excluded.date_key, product_key = excluded.product_key,
                rating = excluded.rating, comment = excluded.comment, reviewer_name = excluded.reviewer_name,
                reviewer_email = excluded.reviewer_email, run_id = excluded.run_id,
                envelope_id = excluded.envelope_id, loaded_at = now()
            where (f.review_date, f.product_key, f.rating, f.comment, f.reviewer_name, f.reviewer_email)
                  is distinct from (excluded.review_date, excluded.product_key, excluded.rating, excluded.comment,
                                    excluded.reviewer_name, excluded.reviewer_email)
            """;

    private final JdbcTemplate jdbc;

    public ProductFactsLoader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Result load(RunParameters run) {
        String runId = run.runId();
        Date day = Date.valueOf(run.logicalDate());
        Timestamp start = Timestamp.from(run.logicalStart().toInstant());
        int inventory = jdbc.update(INVENTORY, day, day, runId, runId);
        int prices = jdbc.update(PRICES, runId, start, runId);
        int inferred = jdbc.update(INFERRED_PRODUCTS, runId, runId);
        int reviews = jdbc.update(REVIEWS, runId, start, start, runId);
        return new Result(inventory, prices, reviews, inferred);
    }
}
