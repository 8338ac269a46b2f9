package vn.ecomdss.report.section;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.report.ReportPeriod;
import vn.ecomdss.report.ReportSection;
import vn.ecomdss.report.ReportTable;
import vn.ecomdss.report.ReportTable.Percent;
import vn.ecomdss.report.SectionContent;

/**
 * {@code operations}: how much of what was ordered came back, and how the pipelines ran. Cancel and return ratios are
 * shares of order lines, as {@code mart.mv_platform_comparison}'s {@code cancel_return_ratio}. Pipeline runs are the
 * executions in the Spring Batch job repository whose logical date falls in the period (the runs that loaded or
 * reported on its days), with their durations.
 */
@Component
public class OperationsSection implements ReportSection {

    public static final String RATIOS = "Cancelled and returned order lines";
    public static final String PIPELINES = "Pipeline runs for the period's days";

    /** The rollup's total row, which an empty period has too, is dropped when it counts no line. */
    private static final String RATIOS_SQL = """
            select coalesce(pl.platform_code, 'All platforms') as platform, count(*) as order_lines,
                   count(*) filter (where f.order_status = 'cancelled')::numeric / count(*) as cancel_ratio,
                   count(*) filter (where f.order_status = 'returned')::numeric / count(*) as return_ratio,
                   count(*) filter (where f.order_status in ('cancelled', 'returned'))::numeric / count(*)
                                                                                        as cancel_return_ratio
            from dw.fact_sales f
            join dw.dim_platform pl on pl.platform_key = f.platform_key
            where f.order_date between :start and :end
            group by rollup (pl.platform_code)
            having count(*) > 0
            order by grouping(pl.platform_code), order_lines desc, pl.platform_code
            """;

    private static final String PIPELINES_SQL = """
            select i.job_name, count(*) as runs,
                   count(*) filter (where e.status = 'COMPLETED') as completed,
                   count(*) filter (where e.status in ('FAILED', 'ABANDONED')) as failed,
                   avg(extract(epoch from e.end_time - e.start_time)) filter (where e.status = 'COMPLETED')
                                                                  as average_seconds,
                   max(extract(epoch from e.end_time - e.start_time)) as longest_seconds
            from batch_job_execution e
            join batch_job_instance i on i.job_instance_id = e.job_instance_id
            join batch_job_execution_params d on d.job_execution_id = e.job_execution_id
                                             and d.parameter_name = 'logical_date'
            where d.parameter_value between cast(:start as text) and cast(:end as text)
              and e.end_time is not null
            group by i.job_name
            order by i.job_name
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public OperationsSection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "operations";
    }

    @Override
    public SectionContent build(ReportPeriod period) {
        List<ReportTable> tables = new ArrayList<>();
        List<List<Object>> ratios = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList(RATIOS_SQL, ReportSection.parameters(period))) {
            ratios.add(Arrays.asList(row.get("platform"), ((Number) row.get("order_lines")).longValue(),
                    percent(row, "cancel_ratio"), percent(row, "return_ratio"), percent(row, "cancel_return_ratio")));
        }
        if (!ratios.isEmpty()) {
            tables.add(new ReportTable(RATIOS, List.of("Platform", "Order lines", "Cancelled", "Returned",
                    "Cancelled or returned"), ratios));
        }
        List<List<Object>> pipelines = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList(PIPELINES_SQL, ReportSection.parameters(period))) {
            pipelines.add(Arrays.asList(row.get("job_name"), ((Number) row.get("runs")).longValue(),
                    ((Number) row.get("completed")).longValue(), ((Number) row.get("failed")).longValue(),
                    seconds(row.get("average_seconds")), seconds(row.get("longest_seconds"))));
        }
        if (!pipelines.isEmpty()) {
            tables.add(new ReportTable(PIPELINES, List.of("Job", "Runs", "Completed", "Failed or abandoned",
                    "Average duration (s)", "Longest (s)"), pipelines));
        }
        String note = ratios.isEmpty() && pipelines.isEmpty() ? "No sales and no pipeline runs in this period."
                : pipelines.isEmpty() ? "No pipeline run had a logical date in this period." : null;
        return new SectionContent(name(), "Operational efficiency", tables, List.of(), note);
    }

    private static Percent percent(Map<String, Object> row, String column) {
        return new Percent(((BigDecimal) row.get(column)).setScale(6, java.math.RoundingMode.HALF_UP));
    }

    private static BigDecimal seconds(Object value) {
        return value == null ? null : ((BigDecimal) value).setScale(1, java.math.RoundingMode.HALF_UP);
    }
}
