package vn.ecomdss.report.section;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.report.ReportPeriod;
import vn.ecomdss.report.ReportSection;
import vn.ecomdss.report.ReportTable;
import vn.ecomdss.report.ReportTable.Change;
import vn.ecomdss.report.ReportTable.Vnd;
import vn.ecomdss.report.SectionContent;

/**
 * {@code headline}: revenue, orders, average order value, customers and units of the period against the period
 * before and the same period last year. Revenue and orders count every order line of the period as
 * {@code mart.mv_monthly_sales} does, so a monthly report's figures are the mart's.
 */
@Component
public class HeadlineSection implements ReportSection {

    public static final String TABLE = "Period against the period before and the same period last year";

    /** Orders and customers are counted by text keys: an empty period's row of nulls must count as none. */
    private static final String SQL = """
            with periods (period, starts_on, ends_on) as (
                values ('current', cast(:start as date), cast(:end as date)),
                       ('previous', cast(:previous_start as date), cast(:previous_end as date)),
                       ('last_year', cast(:last_year_start as date), cast(:last_year_end as date)))
            select p.period,
                   coalesce(sum(f.net_amount_vnd), 0)                as revenue_vnd,
                   count(distinct f.source || '/' || f.order_id)     as orders,
                   count(distinct c.source || '/' || c.customer_id)  as customers,
                   coalesce(sum(f.quantity), 0)                      as units
            from periods p
            left join dw.fact_sales f on f.order_date between p.starts_on and p.ends_on
            left join dw.dim_customer c on c.customer_key = f.customer_key
            group by p.period
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public HeadlineSection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "headline";
    }

    @Override
    public SectionContent build(ReportPeriod period) {
        Map<String, Map<String, Object>> byPeriod = new java.util.HashMap<>();
        jdbc.queryForList(SQL, ReportSection.parameters(period)).forEach(row -> byPeriod.put((String) row.get("period"), row));
        Map<String, Object> current = byPeriod.get("current");
        Map<String, Object> previous = byPeriod.get("previous");
        Map<String, Object> lastYear = byPeriod.get("last_year");
        List<List<Object>> rows = new ArrayList<>();
        rows.add(money("Revenue", current, previous, lastYear, r -> (BigDecimal) r.get("revenue_vnd")));
        rows.add(count("Orders", current, previous, lastYear, "orders"));
        rows.add(money("Average order value", current, previous, lastYear,
                r -> amount(ReportTable.averageOrderValue((BigDecimal) r.get("revenue_vnd"), number(r, "orders")))));
        rows.add(count("Customers", current, previous, lastYear, "customers"));
        rows.add(count("Units", current, previous, lastYear, "units"));
        ReportTable table = new ReportTable(TABLE, List.of("Measure", "This period", "Period before", "Change",
                "Same period last year", "Change on last year"), rows);
        return new SectionContent(name(), "Headline", List.of(table), List.of(), null);
    }

    private static List<Object> money(String measure, Map<String, Object> current, Map<String, Object> previous,
                                      Map<String, Object> lastYear, Function<Map<String, Object>, BigDecimal> value) {
        BigDecimal now = value.apply(current);
        BigDecimal before = value.apply(previous);
        BigDecimal year = value.apply(lastYear);
        return java.util.Arrays.asList(measure, vnd(now), vnd(before), Change.between(now, before), vnd(year),
                Change.between(now, year));
    }

    private static List<Object> count(String measure, Map<String, Object> current, Map<String, Object> previous,
                                      Map<String, Object> lastYear, String column) {
        long now = number(current, column);
        long before = number(previous, column);
        long year = number(lastYear, column);
        return java.util.Arrays.asList(measure, now, before, Change.between(BigDecimal.valueOf(now),
                BigDecimal.valueOf(before)), year, Change.between(BigDecimal.valueOf(now), BigDecimal.valueOf(year)));
    }

    private static Vnd vnd(BigDecimal amount) {
        return amount == null ? null : new Vnd(amount);
    }

    private static BigDecimal amount(Vnd vnd) {
        return vnd == null ? null : vnd.amount();
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
