package vn.ecomdss.warehouse.migration;

import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

import vn.ecomdss.vn.DateWindow;
import vn.ecomdss.vn.Holiday;
import vn.ecomdss.vn.LunarCalendar;
import vn.ecomdss.vn.LunarDate;
import vn.ecomdss.vn.TetCalendar;
import vn.ecomdss.vn.VietnameseHolidays;

/**
 * Version 21 of the warehouse: {@code dw.dim_date} gets the Vietnamese lunar date, Tết, the Tết season, the public
 * holidays and the shopping festivals, computed by {@link LunarCalendar} and {@link VietnameseHolidays} so that the
 * calendar and the transform rules cannot disagree. {@code days_from_tet} lets a query use any season width;
 * {@code is_tet_season} is the default window of {@link #SEASON_DAYS_BEFORE} days before to
 * {@link #SEASON_DAYS_AFTER} days after Tết.
 */
@Component
public class V21_CalendarLunarAttributes extends WarehouseMigration {

    /** Gift, food and travel buying starts about three weeks before Tết and dies down a week after. */
    public static final int SEASON_DAYS_BEFORE = 21;
    public static final int SEASON_DAYS_AFTER = 7;

    public V21_CalendarLunarAttributes() {
        super("dim date lunar and holiday attributes");
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement ddl = context.getConnection().createStatement()) {
            ddl.execute("""
                    alter table dw.dim_date
                        add column lunar_day smallint,
                        add column lunar_month smallint,
                        add column lunar_year smallint,
                        add column lunar_leap_month boolean,
                        add column tet_date date,
                        add column days_from_tet integer,
                        add column is_tet boolean not null default false,
                        add column is_tet_eve boolean not null default false,
                        add column is_tet_season boolean not null default false,
                        add column holidays text[] not null default '{}',
                        add column is_public_holiday boolean not null default false,
                        add column is_shopping_festival boolean not null default false,
                        add column is_black_friday boolean not null default false
                    """);
        }
        List<LocalDate> days = new ArrayList<>();
        try (Statement query = context.getConnection().createStatement();
             ResultSet rs = query.executeQuery("select full_date from dw.dim_date order by full_date")) {
            while (rs.next()) {
                days.add(rs.getDate(1).toLocalDate());
            }
        }
        try (PreparedStatement update = context.getConnection().prepareStatement("""
                update dw.dim_date set lunar_day = ?, lunar_month = ?, lunar_year = ?, lunar_leap_month = ?, tet_date = ?,
                    days_from_tet = ?, is_tet = ?, is_tet_eve = ?, is_tet_season = ?, holidays = ?,
                    is_public_holiday = ?, is_shopping_festival = ?, is_black_friday = ?
                where full_date = ?
                """)) {
            int pending = 0;
            for (LocalDate day : days) {
                LunarDate lunar = LunarCalendar.toLunar(day);
                LocalDate tet = nearestTet(day);
                Set<Holiday> holidays = VietnameseHolidays.on(day);
                DateWindow season = TetCalendar.season(tet.getYear(), SEASON_DAYS_BEFORE, SEASON_DAYS_AFTER);
                update.setInt(1, lunar.day());
                update.setInt(2, lunar.month());
                update.setInt(3, lunar.year());
                update.setBoolean(4, lunar.leapMonth());
                update.setDate(5, Date.valueOf(tet));
                update.setInt(6, (int) ChronoUnit.DAYS.between(tet, day));
                update.setBoolean(7, holidays.contains(Holiday.TET));
                update.setBoolean(8, holidays.contains(Holiday.TET_EVE));
                update.setBoolean(9, season.contains(day));
                Array names = context.getConnection().createArrayOf("text", holidays.stream().map(Holiday::name).toArray());
                update.setArray(10, names);
                update.setBoolean(11, holidays.stream().anyMatch(Holiday::publicHoliday));
                update.setBoolean(12, holidays.stream().anyMatch(h -> !h.publicHoliday()));
                update.setBoolean(13, holidays.contains(Holiday.BLACK_FRIDAY));
                update.setDate(14, Date.valueOf(day));
                update.addBatch();
                if (++pending == 1000) {
                    update.executeBatch();
                    pending = 0;
                }
            }
            update.executeBatch();
        }
        try (Statement index = context.getConnection().createStatement()) {
            index.execute("create index dim_date_tet on dw.dim_date (tet_date, days_from_tet)");
        }
    }

    /** The Tết closest to the day: December belongs to the coming Tết's season, February to the one just past. */
    static LocalDate nearestTet(LocalDate day) {
        LocalDate best = null;
        for (int year = day.getYear() - 1; year <= day.getYear() + 1; year++) {
            LocalDate tet = TetCalendar.tet(year);
            if (best == null || Math.abs(ChronoUnit.DAYS.between(tet, day)) < Math.abs(ChronoUnit.DAYS.between(best, day))) {
                best = tet;
            }
        }
        return best;
    }
}
