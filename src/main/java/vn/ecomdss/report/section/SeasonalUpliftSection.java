package vn.ecomdss.report.section;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.report.ReportPeriod;
import vn.ecomdss.report.ReportSection;
import vn.ecomdss.report.ReportTable;
import vn.ecomdss.report.ReportTable.Change;
import vn.ecomdss.report.ReportTable.Vnd;
import vn.ecomdss.report.SectionContent;

/**
 * {@code seasonal-uplift}: the Tết season (from the lunar calendar) and the double-day festivals that overlap the
 * period, each with its daily revenue against comparable ordinary days from {@code mart.mv_campaign_uplift}. A period
 * without one says so.
 */
@Component
public class SeasonalUpliftSection implements ReportSection {

    public static final String TABLE = "Tết and festival uplift";

    private static final String SQL = """
            select c.campaign_name, c.starts_on, c.ends_on, u.campaign_daily_revenue_vnd,
                   u.baseline_daily_revenue_vnd, u.uplift_ratio
            from dw.campaign_period c
            left join mart.mv_campaign_uplift u on u.campaign_code = c.campaign_code
            where c.starts_on <= :end and c.ends_on >= :start
            order by c.starts_on, c.campaign_code
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public SeasonalUpliftSection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "seasonal-uplift";
    }

    @Override
    public SectionContent build(ReportPeriod period) {
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList(SQL, ReportSection.parameters(period))) {
            BigDecimal uplift = (BigDecimal) row.get("uplift_ratio");
            rows.add(Arrays.asList(row.get("campaign_name"), ((Date) row.get("starts_on")).toLocalDate(),
                    ((Date) row.get("ends_on")).toLocalDate(), vnd(row.get("campaign_daily_revenue_vnd")),
                    vnd(row.get("baseline_daily_revenue_vnd")), uplift == null ? null : new Change(uplift)));
        }
        if (rows.isEmpty()) {
            return SectionContent.note(name(), TABLE, "No Tết season or shopping festival in this period.");
        }
        ReportTable table = new ReportTable(TABLE, List.of("Season", "From", "To", "Daily revenue",
                "Daily revenue of ordinary days before", "Uplift"), rows);
        boolean unmeasured = rows.stream().anyMatch(r -> r.get(5) == null);
        return new SectionContent(name(), TABLE, List.of(table), List.of(), unmeasured
                ? "A season without an uplift lacks sales on its days or on the ordinary days of the four weeks before."
                : null);
    }

    private static Vnd vnd(Object amount) {
        return amount == null ? null : new Vnd((BigDecimal) amount);
    }
}
