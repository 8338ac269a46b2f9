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
import vn.ecomdss.report.SectionContent;
import vn.ecomdss.vn.VietnameseNumbers;

/**
 * {@code demand-forecast}: the next period's forecast demand per product, from the latest forecast the champion model
 * wrote to {@code ml.demand_forecast}. Until the ML pipeline has made that table and filled it, the section says there
 * is no champion yet instead of failing; it never creates the table.
 */
@Component
public class DemandForecastSection implements ReportSection {

    public static final String TABLE = "Forecast demand of the next period";
    public static final String NO_CHAMPION = "No champion yet: the demand forecast appears here once a model has been "
            + "trained and promoted.";

    private static final String TABLE_EXISTS = "select to_regclass('ml.demand_forecast') is not null";

    private static final String SQL = """
            with latest as (
                select max(origin_date) as origin_date
                from ml.demand_forecast
                where forecast_date between :next_start and :next_end)
            select f.source, f.product_id, coalesce(p.title, f.product_id) as title, sum(f.quantity) as quantity,
                   sum(f.lower) as lower, sum(f.upper) as upper, max(f.model_version) as model_version,
                   max(f.origin_date) as origin_date
            from ml.demand_forecast f
            join latest l on l.origin_date = f.origin_date
            left join dw.dim_product p on p.source = f.source and p.product_id = f.product_id and p.is_current
            where f.forecast_date between :next_start and :next_end
            group by f.source, f.product_id, p.title
            order by quantity desc, f.source, f.product_id
            limit 20
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public DemandForecastSection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "demand-forecast";
    }

    @Override
    public SectionContent build(ReportPeriod period) {
        String title = "Demand forecast";
        if (!Boolean.TRUE.equals(jdbc.getJdbcOperations().queryForObject(TABLE_EXISTS, Boolean.class))) {
            return SectionContent.note(name(), title, NO_CHAMPION);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList(SQL, ReportSection.parameters(period))) {
            rows.add(Arrays.asList(row.get("title"), row.get("source") + ":" + row.get("product_id"),
                    decimal(row.get("quantity")), decimal(row.get("lower")), decimal(row.get("upper")),
                    row.get("model_version"), ((java.sql.Date) row.get("origin_date")).toLocalDate()));
        }
        ReportPeriod next = period.next();
        String days = VietnameseNumbers.date(next.start()) + " to " + VietnameseNumbers.date(next.end());
        if (rows.isEmpty()) {
            return SectionContent.note(name(), title, NO_CHAMPION + " (no forecast covers " + days + ")");
        }
        return new SectionContent(name(), title, List.of(new ReportTable(TABLE + " (" + days + ")", List.of("Product",
                "Product id", "Quantity", "Lower bound", "Upper bound", "Model version", "Forecast made on"), rows)),
                List.of(), null);
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(value.toString()).setScale(1, java.math.RoundingMode.HALF_UP);
    }
}
