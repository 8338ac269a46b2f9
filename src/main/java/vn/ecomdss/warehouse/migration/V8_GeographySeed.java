package vn.ecomdss.warehouse.migration;

import java.sql.PreparedStatement;

import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

import vn.ecomdss.vn.Province2025;
import vn.ecomdss.vn.Province;
import vn.ecomdss.vn.ProvinceDirectory;

/**
 * Version 8 of the warehouse: {@code dw.dim_geography} seeded from {@link ProvinceDirectory}, the one list of the
 * 63 provinces (before 1 July 2025) with the unit each merged into, so the warehouse and the transform rules
 * cannot disagree.
 */
@Component
public class V8_GeographySeed extends WarehouseMigration {

    public V8_GeographySeed() {
        super("seed dim geography from the province directory");
    }

    @Override
    public void migrate(Context context) throws Exception {
        ProvinceDirectory directory = ProvinceDirectory.standard();
        try (PreparedStatement insert = context.getConnection().prepareStatement("""
                insert into dw.dim_geography (geography_key, province_code, province_name, province_ascii, region,
                    province_2025_code, province_2025_name)
                values (?, ?, ?, ?, ?, ?, ?)
                """)) {
            for (Province province : directory.provinces()) {
                Province2025 merged = directory.mergedInto(province);
                insert.setInt(1, Integer.parseInt(province.code()));
                insert.setString(2, province.code());
                insert.setString(3, province.name());
                insert.setString(4, province.asciiName());
                insert.setString(5, province.region().name());
                insert.setString(6, merged.code());
                insert.setString(7, merged.name());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
