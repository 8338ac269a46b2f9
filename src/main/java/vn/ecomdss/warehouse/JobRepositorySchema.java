package vn.ecomdss.warehouse;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Version 2 of the warehouse: Spring Batch's job repository and Spring Cloud Task's tables, created from the
 * PostgreSQL scripts those jars ship so that Flyway alone owns the schema and the DDL always matches the
 * libraries on the classpath.
 */
@Component
public class JobRepositorySchema implements JavaMigration {

    private static final String[] SCRIPTS = {
            "org/springframework/batch/core/schema-postgresql.sql",
            "org/springframework/cloud/task/schema-postgresql.sql"
    };

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("2");
    }

    @Override
    public String getDescription() {
        return "spring batch job repository and spring cloud task metadata";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        ResourceDatabasePopulator populator = new ResourceDatabasePopulator();
        for (String script : SCRIPTS) {
            populator.addScript(new ClassPathResource(script));
        }
        populator.populate(context.getConnection());
    }
}
