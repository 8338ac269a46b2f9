package vn.ecomdss.warehouse.migration;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Statement;

import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

import vn.ecomdss.vn.DateWindow;
import vn.ecomdss.vn.TetCalendar;

/**
 * Version 42 of the warehouse: {@code dw.campaign_period}, the shopping seasons the campaign-uplift mart compares
 * with ordinary days. The Tết season comes from {@link TetCalendar} (the lunar calendar at UTC+7, so Tết moves
 * every year); the double-day festivals (9/9 to 12/12) are added from {@code dw.dim_date} by the next migration.
 */
@Component
public class V42_CampaignCalendarSeed extends WarehouseMigration {

    /** Buying peaks in the three weeks before Tết and tails off a few days after it. */
    static final int TET_DAYS_BEFORE = 21;
    static final int TET_DAYS_AFTER = 3;

    public V42_CampaignCalendarSeed() {
        super("campaign periods with the tet season from the lunar calendar");
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement ddl = context.getConnection().createStatement()) {
            ddl.execute("""
                    create table dw.campaign_period (
                        campaign_code text primary key,
                        campaign_type text not null,
                        campaign_name text not null,
                        starts_on     date not null,
                        ends_on       date not null,
                        check (starts_on <= ends_on)
                    )
                    """);
        }
        try (PreparedStatement insert = context.getConnection().prepareStatement("""
                insert into dw.campaign_period (campaign_code, campaign_type, campaign_name, starts_on, ends_on)
                values (?, 'tet', ?, ?, ?)
                """)) {
            for (int year = 2001; year <= 2040; year++) {
                DateWindow season = TetCalendar.season(year, TET_DAYS_BEFORE, TET_DAYS_AFTER);
                insert.setString(1, "tet-" + year);
                insert.setString(2, "Tết " + year + " (" + TetCalendar.tet(year) + ")");
                insert.setDate(3, Date.valueOf(season.from()));
                insert.setDate(4, Date.valueOf(season.to()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
