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
 * {@code data-quality}: the quality scores of the runs whose logical date falls in the period, per stage (raw and
 * final), and the rules that failed in them, so a reader knows how far to trust the figures above.
 */
@Component
public class DataQualitySection implements ReportSection {

    public static final String SCORES = "Quality scores of the period's runs";
    public static final String FAILED = "Failed quality checks";

    /** The run ids of the executions whose logical date is in the period. */
    private static final String RUNS = """
            with runs as (
                select distinct r.parameter_value as run_id
                from batch_job_execution_params r
                join batch_job_execution_params d on d.job_execution_id = r.job_execution_id
                where r.parameter_name = 'run_id' and d.parameter_name = 'logical_date'
                  and d.parameter_value between cast(:start as text) and cast(:end as text))
            """;

    private static final String SCORES_SQL = RUNS + """
            select s.stage, count(*) as runs, avg(s.score) as average_score, min(s.score) as lowest_score,
                   sum(s.checks) as checks, sum(s.failed) as failed_checks
            from dq.run_score s
            join runs using (run_id)
            group by s.stage
            order by s.stage
            """;

    private static final String FAILED_SQL = RUNS + """
            select c.stage, c.rule, c.target, count(*) as runs, sum(c.failed) as failed_records, max(c.ratio) as worst_ratio
            from dq.check_result c
            join runs using (run_id)
            where not c.passed
            group by c.stage, c.rule, c.target
            order by failed_records desc, c.stage, c.rule, c.target
            limit 20
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public DataQualitySection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "data-quality";
    }

    @Override
    public SectionContent build(ReportPeriod period) {
        List<List<Object>> scores = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList(SCORES_SQL, ReportSection.parameters(period))) {
            scores.add(Arrays.asList(row.get("stage"), count(row, "runs"), percent(row, "average_score"),
                    percent(row, "lowest_score"), count(row, "checks"), count(row, "failed_checks")));
        }
        if (scores.isEmpty()) {
            return SectionContent.note(name(), "Data quality", "No quality check ran for this period's days.");
        }
        List<ReportTable> tables = new ArrayList<>();
        tables.add(new ReportTable(SCORES, List.of("Stage", "Runs", "Average score", "Lowest score", "Checks",
                "Failed checks"), scores));
        List<List<Object>> failed = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList(FAILED_SQL, ReportSection.parameters(period))) {
            failed.add(Arrays.asList(row.get("stage"), row.get("rule"), row.get("target"), count(row, "runs"),
                    count(row, "failed_records"), percent(row, "worst_ratio")));
        }
        if (!failed.isEmpty()) {
            tables.add(new ReportTable(FAILED, List.of("Stage", "Rule", "Target", "Runs", "Failed records",
                    "Worst ratio"), failed));
        }
        return new SectionContent(name(), "Data quality", tables, List.of(),
                failed.isEmpty() ? "Every quality check passed." : null);
    }

    private static long count(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private static Percent percent(Map<String, Object> row, String column) {
        return new Percent(((BigDecimal) row.get(column)).setScale(6, java.math.RoundingMode.HALF_UP));
    }
}
