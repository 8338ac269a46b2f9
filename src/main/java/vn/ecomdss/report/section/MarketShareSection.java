package vn.ecomdss.report.section;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.report.ReportChart;
import vn.ecomdss.report.ReportPeriod;
import vn.ecomdss.report.ReportSection;
import vn.ecomdss.report.ReportTable;
import vn.ecomdss.report.ReportTable.Percent;
import vn.ecomdss.report.ReportTable.Vnd;
import vn.ecomdss.report.SectionContent;

/**
 * {@code market-share}: each platform's share of the period's revenue beside its share in the period before, and
 * the commission it took at the rate of the platform version valid at each order, as
 * {@code mart.mv_platform_comparison} computes it.
 */
@Component
public class MarketShareSection implements ReportSection {

    public static final String TABLE = "Platform share of revenue";

    private static final String SQL = """
            with periods (period, starts_on, ends_on) as (
                values ('current', cast(:start as date), cast(:end as date)),
                       ('previous', cast(:previous_start as date), cast(:previous_end as date))),
            per_platform as (
                select p.period, pl.platform_code, sum(f.net_amount_vnd) as revenue_vnd,
                       round(sum(f.net_amount_vnd * coalesce(pl.commission_rate, 0))) as commission_vnd
                from periods p
                join dw.fact_sales f on f.order_date between p.starts_on and p.ends_on
                join dw.dim_platform pl on pl.platform_key = f.platform_key
                group by p.period, pl.platform_code),
            shares as (
                select period, platform_code, revenue_vnd, commission_vnd,
                       revenue_vnd / sum(revenue_vnd) over (partition by period) as share
                from per_platform)
            select c.platform_code, c.revenue_vnd, c.commission_vnd, c.share, b.share as previous_share
            from shares c
            left join shares b on b.platform_code = c.platform_code and b.period = 'previous'
            where c.period = 'current'
            order by c.share desc, c.platform_code
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public MarketShareSection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "market-share";
    }

    @Override
    public SectionContent build(ReportPeriod period) {
        List<List<Object>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<BigDecimal> revenues = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList(SQL, ReportSection.parameters(period))) {
            BigDecimal previous = (BigDecimal) row.get("previous_share");
            rows.add(Arrays.asList(row.get("platform_code"), new Vnd((BigDecimal) row.get("revenue_vnd")),
                    new Percent((BigDecimal) row.get("share")), previous == null ? null : new Percent(previous),
                    new Vnd((BigDecimal) row.get("commission_vnd"))));
            labels.add((String) row.get("platform_code"));
            revenues.add((BigDecimal) row.get("revenue_vnd"));
        }
        if (rows.isEmpty()) {
            return SectionContent.note(name(), "Market share", "No sales in this period.");
        }
        ReportTable table = new ReportTable(TABLE, List.of("Platform", "Revenue", "Share", "Share in the period before",
                "Commission"), rows);
        return new SectionContent(name(), "Market share", List.of(table), List.of(new ReportChart(
                "Share of revenue by platform", ReportChart.Shape.PIE, labels, revenues, true)), null);
    }
}
