package vn.ecomdss.warehouse;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.RunParameters;

/**
 * Loads a run's staged returns into {@code dw.fact_return}, set-based, in the caller's transaction: an upsert on
 * the source and return id that rewrites a row only when it changed, so a repeated run, or a return read again,
 * changes nothing. A return's product is the version valid when the return was requested (an inferred member
 * when the product was never loaded), and its refund is converted to VND at the rate of its date; a currency
 * without a rate keeps its refund and leaves the VND amount empty rather than dropping the return.
 */
@Component
public class FactReturnLoader {

    /** Returns inserted or changed, and products inferred for them. */
    public record Result(int returns, int inferredProducts) {
    }

    private static final String INFERRED_PRODUCTS =
            InferredMembers.insert(Scd2Spec.PRODUCT, "staging.product_return", "source", "product_id");

    /** A return delivered twice in one run keeps the row of the greatest envelope id, as every staged change log does. */
    private static final String RETURNS = """
            insert into dw.fact_return as f (source, return_id, order_id, product_id, product_key, quantity,
                refund_amount, currency, exchange_rate, refund_vnd, reason, reason_text, status, returned_at,
                returned_date, date_key, changed_at, run_id, envelope_id)
            select r.source, r.return_id, r.order_id, r.product_id, d.product_key, r.quantity, r.refund_amount,
                   r.currency, fx.rate_to_vnd,
                   case when fx.rate_to_vnd = 1 then r.refund_amount else round(r.refund_amount * fx.rate_to_vnd) end,
                   r.reason, r.reason_text, r.status, r.returned_at, r.returned_date,
                   to_char(r.returned_date, 'YYYYMMDD')::integer, r.changed_at, ?, r.envelope_id
            from (select distinct on (s.source, s.return_id) s.*,
                         (s.returned_at at time zone 'Asia/Ho_Chi_Minh')::date as returned_date
                  from staging.product_return s where s.run_id = ?
                  order by s.source, s.return_id, s.envelope_id desc) r
            left join lateral (select h.product_key from dw.dim_product h
                               where h.source = r.source and h.product_id = r.product_id
                               order by (r.returned_at >= h.valid_from and r.returned_at < h.valid_to) desc,
                                        h.is_current desc, h.valid_from desc
                               limit 1) d on true
            left join lateral (select x.rate_to_vnd from ops.exchange_rate x
                               where x.currency = r.currency and x.valid_from <= r.returned_date
                               order by x.valid_from desc
                               limit 1) fx on true
            on conflict (source, return_id) do update set
                order_id = excluded.order_id, product_id = excluded.product_id, product_key = excluded.product_key,
                quantity = excluded.quantity, refund_amount = excluded.refund_amount, currency = excluded.currency,
                exchange_rate = excluded.exchange_rate, refund_vnd = excluded.refund_vnd, reason = excluded.reason,
                reason_text = excluded.reason_text, status = excluded.status, returned_at = excluded.returned_at,
                returned_date = excluded.returned_date, date_key = excluded.date_key,
                changed_at = excluded.changed_at, run_id = excluded.run_id, envelope_id = excluded.envelope_id,
                loaded_at = now()
            where (f.order_id, f.product_id, f.product_key, f.quantity, f.refund_amount, f.currency, f.exchange_rate,
                   f.reason, f.reason_text, f.status, f.returned_at, f.changed_at)
                  is distinct from (excluded.order_id, excluded.product_id, excluded.product_key, excluded.quantity,
                                    excluded.refund_amount, excluded.currency, excluded.exchange_rate,
                                    excluded.reason, excluded.reason_text, excluded.status, excluded.returned_at,
                                    excluded.changed_at)
            """;

    private final JdbcTemplate jdbc;

    public FactReturnLoader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Result load(RunParameters run) {
        int inferred = jdbc.update(INFERRED_PRODUCTS, run.runId(), run.runId());
        int returns = jdbc.update(RETURNS, run.runId(), run.runId());
        return new Result(returns, inferred);
    }
}
