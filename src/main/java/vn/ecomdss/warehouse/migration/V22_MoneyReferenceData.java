package vn.ecomdss.warehouse.migration;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

import vn.ecomdss.vn.CustomerSegment;
import vn.ecomdss.vn.PlatformCommission;
import vn.ecomdss.vn.VatSchedule;

/**
 * Version 22 of the warehouse: the dated money rules of {@code vn.ecomdss.vn} as tables, so that SQL and Java agree:
 * {@code ops.vat_rate} (by goods class, with the 8% periods of 2022-2026) and {@code ops.vat_category};
 * {@code dw.dim_platform} versioned by {@link PlatformCommission}'s dated rates; {@code dw.v_sales_economics} (each
 * order line's VAT and commission as of its order date) and {@code dw.v_customer_spend_segment} (the
 * {@link CustomerSegment} of each customer's average monthly spend over the last twelve months).
 */
@Component
public class V22_MoneyReferenceData extends WarehouseMigration {

    private static final LocalDate BEGINNING = LocalDate.of(1900, 1, 1);
    private static final LocalDate END = LocalDate.of(9999, 12, 31);

    public V22_MoneyReferenceData() {
        super("vat rates platform commission history and spend segments");
    }

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("""
                    create table ops.vat_rate (
                        goods_class text         not null,
                        valid_from  date         not null,
                        valid_to    date         not null,
                        rate        numeric(5,4) not null check (rate >= 0 and rate < 1),
                        legal_basis text,
                        primary key (goods_class, valid_from),
                        check (valid_from <= valid_to)
                    );
                    create table ops.vat_category (
                        category    text primary key,
                        goods_class text not null
                    );
                    """);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into ops.vat_rate (goods_class, valid_from, valid_to, rate, legal_basis) values (?, ?, ?, ?, ?)")) {
            LocalDate from = BEGINNING;
            for (VatSchedule.ReductionPeriod period : VatSchedule.REDUCTION_PERIODS) {
                if (from.isBefore(period.from())) {
                    vat(insert, VatSchedule.GoodsClass.STANDARD, from, period.from().minusDays(1), null);
                }
                vat(insert, VatSchedule.GoodsClass.STANDARD, period.from(), period.to(), period.legalBasis());
                from = period.to().plusDays(1);
            }
            vat(insert, VatSchedule.GoodsClass.STANDARD, from, END, null);
            vat(insert, VatSchedule.GoodsClass.EXCLUDED_FROM_REDUCTION, BEGINNING, END, null);
            vat(insert, VatSchedule.GoodsClass.ESSENTIAL, BEGINNING, END, null);
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into ops.vat_category (category, goods_class) values (?, ?)")) {
            for (String category : VatSchedule.EXCLUDED_CATEGORIES) {
                insert.setString(1, category.toLowerCase(java.util.Locale.ROOT));
                insert.setString(2, VatSchedule.GoodsClass.EXCLUDED_FROM_REDUCTION.name());
                insert.addBatch();
            }
            for (String category : VatSchedule.ESSENTIAL_CATEGORIES) {
                insert.setString(1, category.toLowerCase(java.util.Locale.ROOT));
                insert.setString(2, VatSchedule.GoodsClass.ESSENTIAL.name());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        versionPlatforms(connection);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("""
                    create view dw.v_sales_economics as
                    select f.source, f.order_id, f.line_number, f.order_date, pl.platform_code, p.category,
                           coalesce(vc.goods_class, 'STANDARD') as vat_goods_class,
                           f.net_amount_vnd, vr.rate as vat_rate,
                           round(f.net_amount_vnd * vr.rate / (1 + vr.rate)) as vat_included_vnd,
                           coalesce(pl.commission_rate, 0) as commission_rate,
                           round(f.net_amount_vnd * coalesce(pl.commission_rate, 0)) as commission_vnd
                    from dw.fact_sales f
                    join dw.dim_product p on p.product_key = f.product_key
                    join dw.dim_platform pl on pl.platform_key = f.platform_key
                    left join ops.vat_category vc on vc.category = lower(p.category)
                    join ops.vat_rate vr on vr.goods_class = coalesce(vc.goods_class, 'STANDARD')
                                        and f.order_date between vr.valid_from and vr.valid_to
                    """);
            ddl.execute("""
                    create view dw.v_customer_spend_segment as
                    select c.source, c.customer_id,
                           coalesce(sum(f.net_amount_vnd), 0) as spend_12_months_vnd,
                           round(coalesce(sum(f.net_amount_vnd), 0) / 12) as monthly_spend_vnd,
                           case when coalesce(sum(f.net_amount_vnd), 0) / 12 >= %d then 'PREMIUM'
                                when coalesce(sum(f.net_amount_vnd), 0) / 12 >= %d then 'HIGH_VALUE'
                                when coalesce(sum(f.net_amount_vnd), 0) / 12 >= %d then 'REGULAR'
                                else 'LOW_VALUE' end as spend_segment
                    from dw.dim_customer c
                    join dw.dim_customer v on v.source = c.source and v.customer_id = c.customer_id
                    left join dw.fact_sales f on f.customer_key = v.customer_key
                                             and f.order_date > current_date - interval '12 months'
                    where c.is_current
                    group by c.source, c.customer_id
                    """.formatted(CustomerSegment.PREMIUM.minMonthlySpendVnd(), CustomerSegment.HIGH_VALUE.minMonthlySpendVnd(),
                    CustomerSegment.REGULAR.minMonthlySpendVnd()));
        }
    }

    private static void vat(PreparedStatement insert, VatSchedule.GoodsClass goods, LocalDate from, LocalDate to,
                            String legalBasis) throws java.sql.SQLException {
        insert.setString(1, goods.name());
        insert.setDate(2, Date.valueOf(from));
        insert.setDate(3, Date.valueOf(to));
        insert.setBigDecimal(4, VatSchedule.rate(from, goods));
        insert.setString(5, legalBasis);
        insert.addBatch();
    }

    /**
     * Replaces each platform's single undated row by one version per dated rate. The first version keeps the
     * existing row (and key), so facts already pointing at it stay valid; the loader moves them to the version of
     * their order date when it next sees them.
     */
    private static void versionPlatforms(java.sql.Connection connection) throws java.sql.SQLException {
        for (String platform : PlatformCommission.RATES.stream().map(PlatformCommission.Rate::platform).distinct().toList()) {
            List<PlatformCommission.Rate> history = PlatformCommission.history(platform);
            for (int i = 0; i < history.size(); i++) {
                PlatformCommission.Rate rate = history.get(i);
                LocalDate to = i + 1 < history.size() ? history.get(i + 1).from() : null;
                boolean current = to == null;
                if (i == 0) {
                    try (PreparedStatement update = connection.prepareStatement("""
                            update dw.dim_platform set commission_rate = ?, valid_from = ?::date at time zone 'Asia/Ho_Chi_Minh',
                                valid_to = coalesce(?::date at time zone 'Asia/Ho_Chi_Minh', timestamptz '9999-12-31'),
                                is_current = ?
                            where platform_code = ? and is_current
                            """)) {
                        update.setBigDecimal(1, rate.rate());
                        update.setDate(2, Date.valueOf(rate.from()));
                        update.setDate(3, to == null ? null : Date.valueOf(to));
                        update.setBoolean(4, current);
                        update.setString(5, platform);
                        update.executeUpdate();
                    }
                    continue;
                }
                try (PreparedStatement insert = connection.prepareStatement("""
                        insert into dw.dim_platform (platform_code, platform_name, platform_type, commission_rate,
                            valid_from, valid_to, is_current)
                        select platform_code, platform_name, platform_type, ?, ?::date at time zone 'Asia/Ho_Chi_Minh',
                               coalesce(?::date at time zone 'Asia/Ho_Chi_Minh', timestamptz '9999-12-31'), ?
                        from dw.dim_platform where platform_code = ? and valid_from = (select min(valid_from)
                            from dw.dim_platform where platform_code = ?)
                        """)) {
                    insert.setBigDecimal(1, rate.rate());
                    insert.setDate(2, Date.valueOf(rate.from()));
                    insert.setDate(3, to == null ? null : Date.valueOf(to));
                    insert.setBoolean(4, current);
                    insert.setString(5, platform);
                    insert.setString(6, platform);
                    insert.executeUpdate();
                }
            }
        }
    }
}
