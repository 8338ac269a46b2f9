package vn.ecomdss.report.section;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code by-platform}: the period's sales per platform code, as {@code mart.mv_platform_comparison} groups them. */
@Component
public class PlatformBreakdownSection extends SalesBreakdown {

    public PlatformBreakdownSection(NamedParameterJdbcTemplate jdbc) {
        super(jdbc, "pl.platform_code", "join dw.dim_platform pl on pl.platform_key = f.platform_key");
    }

    @Override
    public String name() {
        return "by-platform";
    }

    @Override
    String dimension() {
        return "Platform";
    }
}
