package vn.ecomdss.warehouse.migration;

import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Version 2 of the warehouse: Spring Batch's job repository and Spring Cloud Task's tables, created from the
 * PostgreSQL scripts those jars ship so that Flyway alone owns the schema and the DDL always matches the
 * libraries on the classpath.
 */
@Component
public class V2_JobRepositorySchema extends WarehouseMigration {

    private static final String[] SCRIPTS = {
            "org/springframework/batch/core/schema-postgresql.sql",
            "org/springframework/cloud/task/schema-postgresql.sql"
    };

    public V2_JobRepositorySchema() {
        super("spring batch job repository and spring cloud task metadata");
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
