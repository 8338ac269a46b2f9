package vn.ecomdss.report.section;

import java.math.BigDecimal;
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
 * {@code acquisition}: the customers who ordered in the period, split into new ones (whose first order in the
 * warehouse falls in the period, the {@code first_order_date} of {@code mart.mv_customer_analytics}) and returning
 * ones, with the revenue each brought.
 */
@Component
public class AcquisitionSection implements ReportSection {

    public static final String TABLE = "New and returning customers";

    private static final String SQL = """
            with firsts as (
                select c.source, c.customer_id, min(f.order_date) as first_order_date
                from dw.fact_sales f
                join dw.dim_customer c on c.customer_key = f.customer_key
                group by c.source, c.customer_id),
            bought as (
                select c.source, c.customer_id, sum(f.net_amount_vnd) as revenue_vnd
                from dw.fact_sales f
                join dw.dim_customer c on c.customer_key = f.customer_key
                where f.order_date between :start and :end
                group by c.source, c.customer_id)
            select count(*) filter (where x.first_order_date >= :start)                  as new_customers,
                   count(*) filter (where x.first_order_date < :start)                   as returning_customers,
                   coalesce(sum(b.revenue_vnd) filter (where x.first_order_date >= :start), 0) as new_revenue_vnd,
                   coalesce(sum(b.revenue_vnd) filter (where x.first_order_date < :start), 0)  as returning_revenue_vnd
            from bought b
            join firsts x on x.source = b.source and x.customer_id = b.customer_id
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public AcquisitionSection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "acquisition";
    }

    @Override
    public SectionContent build(ReportPeriod period) {
        Map<String, Object> row = jdbc.queryForMap(SQL, ReportSection.parameters(period));
        long fresh = ((Number) row.get("new_customers")).longValue();
        long returning = ((Number) row.get("returning_customers")).longValue();
        BigDecimal freshRevenue = (BigDecimal) row.get("new_revenue_vnd");
        BigDecimal returningRevenue = (BigDecimal) row.get("returning_revenue_vnd");
        BigDecimal total = freshRevenue.add(returningRevenue);
        ReportTable table = new ReportTable(TABLE, List.of("Customers", "Count", "Revenue", "Share of revenue"), List.of(
                Arrays.asList("New", fresh, new Vnd(freshRevenue), share(freshRevenue, total)),
                Arrays.asList("Returning", returning, new Vnd(returningRevenue), share(returningRevenue, total)),
                Arrays.asList("All", fresh + returning, new Vnd(total), share(total, total))));
        return new SectionContent(name(), "Customer acquisition", List.of(table), List.of(new ReportChart(
                "Revenue from new and returning customers (VND)", ReportChart.Shape.PIE, List.of("New", "Returning"),
                List.of(freshRevenue, returningRevenue), true)), null);
    }

    private static Percent share(BigDecimal part, BigDecimal total) {
        return total.signum() == 0 ? null : new Percent(part.divide(total, 6, java.math.RoundingMode.HALF_UP));
    }
}
