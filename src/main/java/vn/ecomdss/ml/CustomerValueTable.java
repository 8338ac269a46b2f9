package vn.ecomdss.ml;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.CopyWriter;

/**
 * {@code ml.customer_value}, one row per customer that the three customer models share: each score step copies its
 * figures into a temporary table of the step's transaction and upserts its own columns from there in one statement,
 * leaving the other models' columns as they were.
 */
@Component
public class CustomerValueTable {

    private static final String STAGE = """
            create temp table if not exists customer_score_in (source text, customer_id text, figure text)
            on commit drop
            """;
    private static final String EMPTY = "truncate customer_score_in";
    private static final String COPY = "copy customer_score_in (source, customer_id, figure) from stdin";
    private static final String VALUE = """
            insert into ml.customer_value (source, customer_id, predicted_value_vnd, value_horizon_days, model_version,
                                           origin_date, run_id)
            select source, customer_id, cast(figure as numeric), ?, ?, ?, ? from customer_score_in
            on conflict (source, customer_id) do update set predicted_value_vnd = excluded.predicted_value_vnd,
                value_horizon_days = excluded.value_horizon_days, model_version = excluded.model_version,
                origin_date = excluded.origin_date, run_id = excluded.run_id, scored_at = now()
            """;
    private static final String CHURN = """
            insert into ml.customer_value (source, customer_id, churn_probability, churn_model_version, origin_date,
                                           run_id)
            select source, customer_id, cast(figure as numeric), ?, ?, ? from customer_score_in
            on conflict (source, customer_id) do update set churn_probability = excluded.churn_probability,
                churn_model_version = excluded.churn_model_version, origin_date = excluded.origin_date,
                run_id = excluded.run_id, scored_at = now()
            """;
    private static final String SEGMENT = """
            insert into ml.customer_value (source, customer_id, segment, segment_model_version, origin_date, run_id)
            select source, customer_id, figure, ?, ?, ? from customer_score_in
            on conflict (source, customer_id) do update set segment = excluded.segment,
                segment_model_version = excluded.segment_model_version, origin_date = excluded.origin_date,
                run_id = excluded.run_id, scored_at = now()
            """;

    /** One customer's figure from one model. */
    record Figure(String source, String customerId, Object figure) {
    }

    private final JdbcTemplate jdbc;
    private final CopyWriter copy;

    public CustomerValueTable(JdbcTemplate jdbc, CopyWriter copy) {
        this.jdbc = jdbc;
        this.copy = copy;
    }

    long values(List<Figure> figures, int horizonDays, int version, LocalDate origin, String runId) {
        stage(figures);
        return jdbc.update(VALUE, horizonDays, version, Date.valueOf(origin), runId);
    }

    long churn(List<Figure> figures, int version, LocalDate origin, String runId) {
        stage(figures);
        return jdbc.update(CHURN, version, Date.valueOf(origin), runId);
    }

    long segments(List<Figure> figures, int version, LocalDate origin, String runId) {
        stage(figures);
        return jdbc.update(SEGMENT, version, Date.valueOf(origin), runId);
    }

    private void stage(List<Figure> figures) {
        jdbc.execute(STAGE);
        jdbc.execute(EMPTY);
        copy.copy("customer_score_in", COPY, figures, f -> new Object[] {f.source(), f.customerId(), f.figure()});
    }
}
