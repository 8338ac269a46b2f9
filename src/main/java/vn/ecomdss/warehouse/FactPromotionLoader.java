package vn.ecomdss.warehouse;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.RunParameters;

/**
 * Loads a run's staged promotions into {@code dw.fact_promotion}, set-based, in the caller's transaction: an
 * upsert on the source and promotion id that rewrites a row only when it changed, so a repeated run, or a
 * promotion read again every day, changes nothing, and a promotion whose dates or discount changed is updated in
 * place. Its product is the version in force at the end of its first day, when a catalogue change made that
 * morning (a flash sale's price) has taken effect (the current one for a promotion still to come; an inferred
 * member when the product was never loaded), and an amount off is converted to VND at the rate of that
 * day; a currency without a rate keeps its amount and leaves the VND amount empty rather than dropping the
 * promotion.
 */
@Component
public class FactPromotionLoader {

    /** Promotions inserted or changed, and products inferred for them. */
    public record Result(int promotions, int inferredProducts) {
    }

    private static final String INFERRED_PRODUCTS =
            InferredMembers.insert(Scd2Spec.PRODUCT, "staging.promotion", "source", "product_id");

    /** A promotion delivered twice in one run keeps the row of the greatest envelope id, as every staged change log does. */
    private static final String PROMOTIONS = """
            insert into dw.fact_promotion as f (source, promotion_id, product_id, product_key, promotion_type, name,
                start_date, end_date, discount_percent, discount_amount, currency, exchange_rate, discount_vnd,
                announced_at, run_id, envelope_id)
            select p.source, p.promotion_id, p.product_id, d.product_key, p.promotion_type, p.name, p.start_date,
                   p.end_date, p.discount_percent, p.discount_amount, p.currency, fx.rate_to_vnd,
                   case when fx.rate_to_vnd = 1 then p.discount_amount
                        else round(p.discount_amount * fx.rate_to_vnd) end,
                   p.announced_at, ?, p.envelope_id
            from (select distinct on (s.source, s.promotion_id) s.*,
                         (s.start_date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh' as first_day_end
                  from staging.promotion s where s.run_id = ?
                  order by s.source, s.promotion_id, s.envelope_id desc) p
            left join lateral (select h.product_key from dw.dim_product h
                               where h.source = p.source and h.product_id = p.product_id
                               order by (h.valid_from < p.first_day_end and h.valid_to >= p.first_day_end) desc,
                                        h.is_current desc, h.valid_from desc
                               limit 1) d on true
            left join lateral (select x.rate_to_vnd from ops.exchange_rate x
                               where x.currency = p.currency and x.valid_from <= p.start_date
                               order by x.valid_from desc
                               limit 1) fx on true
            on conflict (source, promotion_id) do update set
                product_id = excluded.product_id, product_key = excluded.product_key,
                promotion_type = excluded.promotion_type, name = excluded.name, start_date = excluded.start_date,
                end_date = excluded.end_date, discount_percent = excluded.discount_percent,
                discount_amount = excluded.discount_amount, currency = excluded.currency,
                exchange_rate = excluded.exchange_rate, discount_vnd = excluded.discount_vnd,
                announced_at = excluded.announced_at, run_id = excluded.run_id, envelope_id = excluded.envelope_id,
                loaded_at = now()
            where (f.product_id, f.product_key, f.promotion_type, f.name, f.start_date, f.end_date,
                   f.discount_percent, f.discount_amount, f.currency, f.exchange_rate, f.announced_at)
                  is distinct from (excluded.product_id, excluded.product_key, excluded.promotion_type, excluded.name,
                                    excluded.start_date, excluded.end_date, excluded.discount_percent,
                                    excluded.discount_amount, excluded.currency, excluded.exchange_rate,
                                    excluded.announced_at)
            """;

    private final JdbcTemplate jdbc;

    public FactPromotionLoader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Result load(RunParameters run) {
        int inferred = jdbc.update(INFERRED_PRODUCTS, run.runId(), run.runId());
        int promotions = jdbc.update(PROMOTIONS, run.runId(), run.runId());
        return new Result(promotions, inferred);
    }
}
