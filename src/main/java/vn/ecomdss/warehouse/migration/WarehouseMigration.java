package vn.ecomdss.warehouse.migration;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway migration written in Java because it needs code (a library's scripts, the province directory); it is a
 * Spring bean, which Spring Boot hands to Flyway. Its version is the number its class name starts with
 * ({@code V42_CampaignCalendarSeed} is version 42), so a listing of this package reads like {@code db-migrations/};
 * its description is given here, as every database that applied it recorded it (Flyway validates it on start).
 * The checksum stays null, as recorded.
 */
abstract class WarehouseMigration implements JavaMigration {

    private static final Pattern NAME = Pattern.compile("V(\\d+)_[A-Z]\\w*");

    private final MigrationVersion version;
    private final String description;

    WarehouseMigration(String description) {
        Matcher name = NAME.matcher(getClass().getSimpleName());
        if (!name.matches()) {
            throw new IllegalStateException("Java migration " + getClass().getName()
                    + " must be named V<version>_<Name>, as V42_CampaignCalendarSeed is version 42");
        }
        this.version = MigrationVersion.fromVersion(name.group(1));
        this.description = description;
    }

    @Override
    public MigrationVersion getVersion() {
        return version;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }
}
