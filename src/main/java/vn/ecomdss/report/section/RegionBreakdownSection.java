package vn.ecomdss.report.section;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code by-region}: the period's sales per region of the buyer's province, as {@code mart.mv_monthly_sales}. */
@Component
public class RegionBreakdownSection extends SalesBreakdown {

    public RegionBreakdownSection(NamedParameterJdbcTemplate jdbc) {
        super(jdbc, "g.region", "join dw.dim_geography g on g.geography_key = f.geography_key");
    }

    @Override
    public String name() {
        return "by-region";
    }

    @Override
    String dimension() {
        return "Region";
    }
}
