package vn.ecomdss.warehouse;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway migration written in Java because it needs code (a library's scripts, the province directory); it
 * is a Spring bean, so its class name is free and its version is given here.
 */
abstract class WarehouseMigration implements JavaMigration {

    private final MigrationVersion version;
    private final String description;

    WarehouseMigration(String version, String description) {
        this.version = MigrationVersion.fromVersion(version);
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
