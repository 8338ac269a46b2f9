package vn.ecomdss.report.section;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import vn.ecomdss.report.ReportChart;
import vn.ecomdss.report.ReportPeriod;
import vn.ecomdss.report.ReportSection;
import vn.ecomdss.report.ReportTable;
import vn.ecomdss.report.ReportTable.Change;
import vn.ecomdss.report.ReportTable.Vnd;
import vn.ecomdss.report.SectionContent;

/**
 * Revenue, orders and average order value of the period per item of one dimension (platform, region, category),
 * with the change against the period before and the same period last year, and a bar chart of the revenue. An item
 * is listed when it sold in the period. Each subclass names its dimension with a join and a column of its own
 * code, never with anything a user wrote.
 */
abstract class SalesBreakdown implements ReportSection {

    private static final String SQL = """
            with periods (period, starts_on, ends_on) as (
                values ('current', cast(:start as date), cast(:end as date)),
                       ('previous', cast(:previous_start as date), cast(:previous_end as date)),
                       ('last_year', cast(:last_year_start as date), cast(:last_year_end as date))),
            lines as (
                select p.period, %s as item, f.source, f.order_id, f.net_amount_vnd
                from periods p
                join dw.fact_sales f on f.order_date between p.starts_on and p.ends_on
                %s)
            select item,
                   sum(net_amount_vnd) filter (where period = 'current')                 as revenue_vnd,
                   count(distinct (source, order_id)) filter (where period = 'current')  as orders,
                   sum(net_amount_vnd) filter (where period = 'previous')                as previous_revenue_vnd,
                   sum(net_amount_vnd) filter (where period = 'last_year')               as last_year_revenue_vnd
            from lines
            group by item
            having count(*) filter (where period = 'current') > 0
            order by revenue_vnd desc, item
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final String sql;

    /**
     * @param item the item's expression over the joined tables ({@code g.region})
     * @param join the joins from {@code dw.fact_sales f} that the expression needs
     */
    SalesBreakdown(NamedParameterJdbcTemplate jdbc, String item, String join) {
        this.jdbc = jdbc;
        this.sql = SQL.formatted(item, join);
    }

    /** The dimension's name as a column header and in titles: {@code Platform}. */
    abstract String dimension();

    @Override
    public SectionContent build(ReportPeriod period) {
        List<List<Object>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<BigDecimal> revenues = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList(sql, ReportSection.parameters(period))) {
            String item = String.valueOf(row.get("item"));
            BigDecimal revenue = (BigDecimal) row.get("revenue_vnd");
            long orders = ((Number) row.get("orders")).longValue();
            BigDecimal previous = (BigDecimal) row.get("previous_revenue_vnd");
            BigDecimal lastYear = (BigDecimal) row.get("last_year_revenue_vnd");
            rows.add(Arrays.asList(item, new Vnd(revenue), orders, ReportTable.averageOrderValue(revenue, orders),
                    Change.between(revenue, previous), Change.between(revenue, lastYear)));
            labels.add(item);
            revenues.add(revenue);
        }
        String title = "Revenue by " + dimension().toLowerCase(java.util.Locale.ROOT);
        if (rows.isEmpty()) {
            return SectionContent.note(name(), title, "No sales in this period.");
        }
        ReportTable table = new ReportTable(title, List.of(dimension(), "Revenue", "Orders", "Average order value",
                "Change on the period before", "Change on last year"), rows);
        return new SectionContent(name(), title, List.of(table),
                List.of(new ReportChart(title + " (VND)", ReportChart.Shape.BAR, labels, revenues, true)), null);
    }
}
