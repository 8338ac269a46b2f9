package vn.ecomdss.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.DssApplication;
import vn.ecomdss.pipeline.InvalidDefinitionException;
import vn.ecomdss.testsupport.PlatformTestSupport;

class QualityRuleValidationTest extends PlatformTestSupport {

    @Autowired
    NamedParameterJdbcTemplate named;
    @Autowired
    QualityRuleBook shipped;
    @Autowired
    PlatformTransactionManager transactionManager;

    @TempDir
    Path dir;

    @Test
    void theShippedRulesCoverEveryCollectionAndTheWarehouse() {
        for (String source : catalogue.sources().names()) {
            for (String entity : catalogue.sources().get(source).entities().keySet()) {
                assertThat(shipped.collection(source, entity)).as(source + "/" + entity).isPresent();
            }
        }
        assertThat(shipped.tables()).extracting(RuleSet::target)
                .contains("dw.dim_customer", "dw.dim_product", "dw.fact_sales", "staging.sales_line",
                        "dw.fact_user_activity_daily");
    }

    @Test
    void unknownRuleTypeIsRefusedWithFileAndField() throws IOException {
        rules("orders.yml", """
                collection: vnmarket/orders
                rules:
                  - {name: ok, type: not-null, column: /customer_id}
                  - {name: magic, type: looks-right, column: /customer_id}
                """);
        assertThat(problems()).containsExactly("quality/orders.yml: rules[1].type: unknown rule type 'looks-right' (known: "
                + RuleType.known() + ")");
    }

    @Test
    void missingTableColumnIsRefusedWithFileAndField() throws IOException {
        rules("customers.yml", """
                table: dw.dim_customer
                key: [source, customer_id]
                rules:
                  - name: completeness
                    type: not-null
                    columns: [full_name, telephone]
                """);
        assertThat(problems()).singleElement().asString()
                .startsWith("quality/customers.yml: rules[0].columns[1]: table dw.dim_customer has no column 'telephone'");
    }

    @Test
    void unmappedPointerMissingTableAndBadSqlAreRefused() throws IOException {
        rules("a.yml", """
                collection: vnmarket/customers
                rules:
                  - {name: zip, type: regex, column: /zip_code, pattern: "[0-9]{5}"}
                  - {name: bad, type: regex, column: /email, pattern: "([a-z"}
                """);
        rules("b.yml", """
                table: dw.dim_shop
                key: [shop_id]
                rules:
                  - {name: x, type: not-null, column: shop_id}
                """);
        rules("c.yml", """
                table: dw.fact_sales
                key: [order_id]
                where: run_id = :run_id
                rules:
                  - {name: lines, type: custom-sql, sql: "select count(*), 0, array[]::text[] from dw.fact_sale"}
                  - {name: amounts, type: range, column: net_amount_vnd, severity: fatal, min: 0}
                """);
        List<String> problems = problems();
        assertThat(problems).hasSize(5);
        assertThat(problems.get(0)).startsWith("quality/a.yml: rules[0].column: pointer /zip_code is not mapped by the "
                + "source definition of vnmarket/customers");
        assertThat(problems.get(1)).startsWith("quality/a.yml: rules[1].pattern: not a valid regular expression");
        assertThat(problems.get(2)).isEqualTo("quality/b.yml: table: the warehouse has no table dw.dim_shop");
        assertThat(problems.get(3)).startsWith("quality/c.yml: rules[0].sql: PostgreSQL cannot run it:")
                .contains("dw.fact_sale");
        assertThat(problems.get(4)).isEqualTo("quality/c.yml: rules[1].severity: expected warn or error, got 'fatal'");
    }

    @Test
    void theApplicationRefusesToStartOnAnInvalidRuleFile() throws IOException {
        Path definitions = dir.resolve("definitions");
        Files.createDirectories(definitions.resolve("sources"));
        Files.createDirectories(definitions.resolve("quality"));
        Files.writeString(definitions.resolve("sources/shop.yml"), """
                source: shop
                base-url: http://127.0.0.1:1
                entities:
                  products:
                    path: /products
                    target: product
                    fields: {title: /title, price: /price}
                """);
        Files.writeString(definitions.resolve("etl.yml"), """
                job: etl
                steps:
                  - {name: extract, type: extract, source: shop}
                  - {name: quality_check_raw, type: quality-raw, depends-on: extract}
                """);
        Files.writeString(definitions.resolve("quality/shop-products.yml"), """
                collection: shop/products
                rules:
                  - {name: price_positive, type: positive, column: /price}
                """);
        assertThatThrownBy(() -> new SpringApplicationBuilder(DssApplication.class)
                .run("--dss.data-dir=" + DATA_DIR, "--dss.definitions=file:" + definitions).close())
                .hasRootCauseInstanceOf(InvalidDefinitionException.class)
                .rootCause().hasMessageContaining("quality/shop-products.yml: rules[0].type: unknown rule type 'positive'");
    }

    @Test
    void aCustomQueryWithADataModifyingCteIsRefusedWithFileAndRuleAndDeletesNothing() throws Exception {
        runEtl("quality-read-only", "2026-10-07", "dummyjson");
        long lines = count("select count(*) from dw.fact_sales");
        assertThat(lines).isPositive();
        rules("sales.yml", """
                table: dw.fact_sales
                key: [source, order_id, line_number]
                rules:
                  - name: sneaky
                    type: custom-sql
                    sql: "with d as (delete from dw.fact_sales returning 1) select count(*) from d"
                """);

        assertThat(problems()).containsExactly("quality/sales.yml: rules[0].sql: a quality query only reads, but this "
                + "one would delete rows of fact_sales; rewrite it as a plain select");
        assertThat(count("select count(*) from dw.fact_sales")).isEqualTo(lines);
    }

    @Test
    void aRuleThatWritesThroughAFunctionIsRefusedAtRunTimeAndChangesNothing() throws Exception {
        runEtl("quality-read-only-run", "2026-10-08", "dummyjson");
        long lines = count("select count(*) from dw.fact_sales");
        // A plan does not show what a function does, so the start-up check passes it; the READ ONLY transaction not.
        jdbc.execute("""
                create or replace function dq.test_delete_sales() returns bigint language sql as
                'with d as (delete from dw.fact_sales returning 1) select count(*) from d'
                """);
        QualityRule rule = new QualityRule("quality/sales.yml", "rules[0]", "sneaky", RuleType.CUSTOM_SQL,
                Severity.ERROR, List.of(), List.of(), null, null, null, null, null, null,
                "select dq.test_delete_sales(), 0::bigint, array[]::text[]", null, null);
        RuleSet set = new RuleSet("quality/sales.yml", RuleSet.Kind.TABLE, "dw.fact_sales", null,
                List.of("source", "order_id", "line_number"), List.of(rule));
        try {
            assertThatThrownBy(() -> new TableCheck(named, transactionManager, set, "quality-read-only-run",
                    catalogue.definition("dss_etl").orElseThrow().quality()).run())
                    .hasMessageStartingWith("quality rule 'sneaky' in quality/sales.yml (rules[0]) cannot run read-only "
                            + "on dw.fact_sales: ")
                    .hasMessageContaining("read-only transaction");
        } finally {
            jdbc.execute("drop function dq.test_delete_sales()");
        }
        assertThat(count("select count(*) from dw.fact_sales")).isEqualTo(lines);
    }

    @Test
    void rowRulesGiveEachFailingRowItsReason() throws Exception {
        runEtl("quality-reasons", "2026-10-09", "dummyjson");
        List<String> key = List.of("source", "order_id", "line_number");
        QualityRule range = new QualityRule("quality/t.yml", "rules[0]", "cheap", RuleType.RANGE, Severity.WARN,
                List.of("quantity"), List.of(), null, java.math.BigDecimal.ZERO, null, null, null, null, null, null, null);
        QualityRule accepted = new QualityRule("quality/t.yml", "rules[1]", "only_shopee", RuleType.ACCEPTED_VALUES,
                Severity.WARN, List.of("source"), List.of("shopee"), null, null, null, null, null, null, null, null, null);
        QualityRule unique = new QualityRule("quality/t.yml", "rules[2]", "one_per_source", RuleType.UNIQUE,
                Severity.WARN, List.of("source"), List.of(), null, null, null, null, null, null, null, null, null);
        QualityRule notNull = new QualityRule("quality/t.yml", "rules[3]", "present", RuleType.NOT_NULL,
                Severity.WARN, List.of("order_id", "quantity"), List.of(), null, null, null, null, null, null, null,
                null, null);
        RuleSet set = new RuleSet("quality/t.yml", RuleSet.Kind.TABLE, "dw.fact_sales", "source = 'dummyjson'", key,
                List.of(range, accepted, unique, notNull));
        TableCheck check = new TableCheck(named, transactionManager, set, "quality-reasons",
                catalogue.definition("dss_etl").orElseThrow().quality());

        List<CheckResult> results = check.run();

        long lines = count("select count(*) from dw.fact_sales where source = 'dummyjson'");
        assertThat(results).extracting(CheckResult::failed).containsExactly(lines, lines, lines, 0L);
        Map<String, String> firstReason = new java.util.TreeMap<>();
        check.failedRecords().forEach(r -> firstReason.putIfAbsent(r.rule(), r.reason()));
        assertThat(firstReason.get("cheap")).matches("quantity [0-9]+ is outside \\[, 0\\]");
        assertThat(firstReason.get("only_shopee")).isEqualTo("source 'dummyjson' is not an accepted value");
        assertThat(firstReason.get("one_per_source")).isEqualTo(lines + " rows share source");
        assertThat(firstReason).doesNotContainKey("present");
    }

    private void rules(String file, String yaml) throws IOException {
        Files.createDirectories(dir.resolve("quality"));
        Files.writeString(dir.resolve("quality").resolve(file), yaml);
    }

    private List<String> problems() {
        try {
            new QualityRuleLoader(catalogue.sources(), named).load("file:" + dir);
            return List.of();
        } catch (InvalidDefinitionException e) {
            return e.problems();
        }
    }
}
