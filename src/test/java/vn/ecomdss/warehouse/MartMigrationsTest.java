package vn.ecomdss.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import vn.ecomdss.embedded.PlatformServices;
import vn.ecomdss.embedded.ServiceEndpoints;
import vn.ecomdss.testsupport.PlatformTestSupport;

/**
 * Each mart is defined by one repeatable migration: a database at version 53 (the last one that defined marts)
 * upgrades to the same marts a fresh database gets, changing any mart file rebuilds its marts and leaves every other standing, and the
 * Java migrations moved to {@code warehouse.migration} keep the versions and descriptions databases recorded.
 */
class MartMigrationsTest extends PlatformTestSupport {

    /** The marts each repeatable migration creates; a mart reading another lives in that mart's file. */
    private static final Map<String, List<String>> MART_FILES = Map.of(
            "R__mart_monthly_sales.sql", List.of("mv_monthly_sales"),
            "R__mart_customer_analytics.sql", List.of("mv_customer_analytics", "mv_customer_rfm"),
            "R__mart_product_performance.sql", List.of("mv_product_performance"),
            "R__mart_platform_comparison.sql", List.of("mv_platform_comparison"),
            "R__mart_campaign_uplift.sql", List.of("mv_campaign_uplift"));

    /** What databases migrated before the move recorded for each Java migration (Flyway validates it on start). */
    private static final Map<String, String> JAVA_MIGRATIONS = Map.of(
            "2", "spring batch job repository and spring cloud task metadata",
            "8", "seed dim geography from the province directory",
            "21", "dim date lunar and holiday attributes",
            "22", "vat rates platform commission history and spend segments",
            "42", "campaign periods with the tet season from the lunar calendar");

    private static final String LAST_VERSION_DEFINING_MARTS = "53";
    private static final String UPGRADE_DATABASE = "mart_upgrade_check";
    private static final Pattern CREATES = Pattern.compile("create materialized view mart\\.(\\w+)");

    @Autowired
    Flyway flyway;
    @Autowired
    PlatformServices services;

    @Test
    void everyMartIsCreatedByItsRepeatableMigrationAndHoldsRowsAfterAnEtlRun() throws Exception {
        Map<String, MigrationState> repeatables = new TreeMap<>();
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getVersion() == null) {
                repeatables.put(info.getScript(), info.getState());
            }
        }
        assertThat(repeatables).containsOnlyKeys(MART_FILES.keySet())
                .allSatisfy((script, state) -> assertThat(state).as(script).isEqualTo(MigrationState.SUCCESS));
        assertThat(jdbc.queryForList("""
                select script from flyway_schema_history where version is null and success
                """, String.class)).containsExactlyInAnyOrderElementsOf(MART_FILES.keySet());
        for (Map.Entry<String, List<String>> file : MART_FILES.entrySet()) {
            assertThat(martsCreatedBy(file.getKey())).as(file.getKey()).isEqualTo(file.getValue());
        }
        List<String> marts = MART_FILES.values().stream().flatMap(List::stream).sorted().toList();
        assertThat(jdbc.queryForList("select matviewname from pg_matviews where schemaname = 'mart' order by 1",
                String.class)).isEqualTo(marts);

        assertThat(runEtl("marts-repeatable", "2026-10-06", "vnmarket").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        for (String mart : marts) {
            assertThat(count("select count(*) from mart." + mart)).as(mart).isPositive();
        }
    }

    @Test
    void theJavaMigrationsKeepTheVersionsAndDescriptionsDatabasesRecorded() {
        Map<String, String> resolved = new TreeMap<>();
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getType() == CoreMigrationType.JDBC) {
                resolved.put(info.getVersion().getVersion(), info.getDescription());
                assertThat(info.getChecksum()).as("checksum of version %s", info.getVersion()).isNull();
                assertThat(info.getScript()).as("class of version %s", info.getVersion())
                        .startsWith("vn.ecomdss.warehouse.migration.V" + info.getVersion() + "_");
            }
        }
        assertThat(resolved).isEqualTo(JAVA_MIGRATIONS);
    }

    /**
     * The upgrade an existing database takes: at version 53 its marts are those of V7, V43 and V53; the repeatable
     * migrations then recreate them unchanged. Marking one mart file changed (as an edit would) rebuilds its marts
     * alone, and every mart is still there, populated, with the unique index its concurrent refresh needs.
     */
    @Test
    void aDatabaseAtVersion53UpgradesToTheSameMartsAndAChangedMartFileLeavesEveryMartStanding() {
        jdbc.execute("drop database if exists " + UPGRADE_DATABASE + " with (force)");
        jdbc.execute("create database " + UPGRADE_DATABASE);
        try {
            ServiceEndpoints endpoints = services.endpoints();
            String url = endpoints.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + UPGRADE_DATABASE + "$1");
            JdbcTemplate upgrade = new JdbcTemplate(new DriverManagerDataSource(url, endpoints.jdbcUser(),
                    endpoints.jdbcPassword()));

            migrateWithoutRepeatables(url, endpoints, LAST_VERSION_DEFINING_MARTS);
            assertThat(upgrade.queryForObject("select count(*) from flyway_schema_history where version is null",
                    Long.class)).isZero();
            Map<String, List<String>> before = marts(upgrade);
            assertThat(before.keySet()).hasSize(6);
            assertThat(before).allSatisfy((mart, facts) -> assertThat(facts).as(mart)
                    .anyMatch(fact -> fact.startsWith("CREATE UNIQUE INDEX")));

            MigrateResult upgraded = migrate(url, endpoints, "latest");
            // Versions added after the marts' last (V55 onwards) run too; the mart files each run once.
            assertThat(upgraded.migrations.stream().filter(m -> "Repeatable".equals(m.category)).count())
                    .isEqualTo(MART_FILES.size());
            assertThat(marts(upgrade)).isEqualTo(before);
            assertThat(marts(jdbc)).as("the marts of the test's own database, migrated from empty").isEqualTo(before);

            for (String file : MART_FILES.keySet()) {
                upgrade.update("update flyway_schema_history set checksum = ~checksum where script = ?", file);
                MigrateResult rerun = migrate(url, endpoints, "latest");
                assertThat(rerun.migrations).as("migrations run after %s changed", file)
                        .extracting(migration -> migration.filepath).singleElement().asString().endsWith(file);
                assertThat(marts(upgrade)).as("marts after %s changed", file).isEqualTo(before);
            }
        } finally {
            jdbc.execute("drop database if exists " + UPGRADE_DATABASE + " with (force)");
        }
    }

    private MigrateResult migrate(String url, ServiceEndpoints endpoints, String target) {
        return flyway(url, endpoints).target(target).load().migrate();
    }

    /** Flyway applies repeatable migrations whatever the target, so the database of before them cannot see them. */
    private void migrateWithoutRepeatables(String url, ServiceEndpoints endpoints, String target) {
        flyway(url, endpoints).target(target).repeatableSqlMigrationPrefix("not-a-migration").load().migrate();
    }

    private FluentConfiguration flyway(String url, ServiceEndpoints endpoints) {
        return Flyway.configure().configuration(flyway.getConfiguration())
                .dataSource(url, endpoints.jdbcUser(), endpoints.jdbcPassword());
    }

    /** Per mart: its columns with their types, its query as PostgreSQL stored it, its indexes, and whether populated. */
    private static Map<String, List<String>> marts(JdbcTemplate db) {
        Map<String, List<String>> marts = new LinkedHashMap<>();
        for (String mart : db.queryForList("select matviewname from pg_matviews where schemaname = 'mart' order by 1",
                String.class)) {
            List<String> facts = new ArrayList<>(db.queryForList("""
                    select a.attname || ' ' || format_type(a.atttypid, a.atttypmod) from pg_attribute a
                    where a.attrelid = ?::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum
                    """, String.class, "mart." + mart));
            facts.add(db.queryForObject("select pg_get_viewdef(?::regclass)", String.class, "mart." + mart));
            facts.addAll(db.queryForList("select indexdef from pg_indexes where schemaname = 'mart' and tablename = ? order by 1",
                    String.class, mart));
            facts.add("populated " + db.queryForObject("select ispopulated from pg_matviews where schemaname = 'mart' and matviewname = ?",
                    Boolean.class, mart));
            marts.put(mart, facts);
        }
        return marts;
    }

    private static List<String> martsCreatedBy(String file) throws IOException {
        String sql = new ClassPathResource("db/migration/" + file).getContentAsString(StandardCharsets.UTF_8);
        List<String> marts = new ArrayList<>();
        Matcher creates = CREATES.matcher(sql);
        while (creates.find()) {
            marts.add(creates.group(1));
        }
        return marts;
    }
}
