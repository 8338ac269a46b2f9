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
import vn.ecomdss.report.ReportTable.Vnd;
import vn.ecomdss.report.SectionContent;

/**
 * {@code top-products}: the ten products with the most revenue in the period, over all their versions, shown with
 * their current title and category.
 */
@Component
public class TopProductsSection implements ReportSection {

    static final int LIMIT = 10;

    private static final String SQL = """
            with sold as (
                select v.source, v.product_id, count(distinct f.order_id) as orders, sum(f.quantity) as units,
                       sum(f.net_amount_vnd) as revenue_vnd
                from dw.fact_sales f
                join dw.dim_product v on v.product_key = f.product_key
                where f.order_date between :start and :end
                group by v.source, v.product_id)
            select s.source, s.product_id, coalesce(p.title, s.product_id) as title,
                   coalesce(p.mapped_category_name, p.category) as category, s.orders, s.units, s.revenue_vnd
            from sold s
            left join dw.dim_product p on p.source = s.source and p.product_id = s.product_id and p.is_current
            order by s.revenue_vnd desc, s.source, s.product_id
            limit :limit
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public TopProductsSection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "top-products";
    }

    @Override
    public SectionContent build(ReportPeriod period) {
        List<List<Object>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<BigDecimal> revenues = new ArrayList<>();
        long rank = 0;
        for (Map<String, Object> row : jdbc.queryForList(SQL, ReportSection.parameters(period).addValue("limit", LIMIT))) {
            BigDecimal revenue = (BigDecimal) row.get("revenue_vnd");
            rows.add(Arrays.asList(++rank, row.get("title"), row.get("category"),
                    row.get("source") + ":" + row.get("product_id"), ((Number) row.get("orders")).longValue(),
                    ((Number) row.get("units")).longValue(), new Vnd(revenue)));
            labels.add((String) row.get("title"));
            revenues.add(revenue);
        }
        String title = "Top " + LIMIT + " products by revenue";
        if (rows.isEmpty()) {
            return SectionContent.note(name(), title, "No sales in this period.");
        }
        ReportTable table = new ReportTable(title, List.of("Rank", "Product", "Category", "Product id", "Orders", "Units",
                "Revenue"), rows);
        return new SectionContent(name(), title, List.of(table),
                List.of(new ReportChart(title + " (VND)", ReportChart.Shape.BAR, labels, revenues, true)), null);
    }
}
