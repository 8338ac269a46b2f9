package vn.ecomdss.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.testsupport.PlatformTestSupport;

/**
 * The mapped categories of a real load, and the two rules that watch categories and amounts: the shipped
 * {@code category_mapped} of {@code quality/dw-dim-product.yml} and {@code amount_vnd_matches_rate} of
 * {@code quality/dw-fact-sales.yml}.
 */
class CategoryAndCurrencyRulesTest extends PlatformTestSupport {

    @Autowired
    QualityRuleBook shipped;
    @Autowired
    NamedParameterJdbcTemplate named;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void dummyJsonProductsKeepTheirCategoryBesideTheVietnameseOne() throws Exception {
        assertThat(runEtl("categories-1", "2026-09-25", "dummyjson").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(jdbc.queryForList("""
                select product_id || ' ' || coalesce(category, '(null)') || ' ' || is_inferred || ' ' || run_id
                from dw.dim_product where source = 'dummyjson' and is_current and mapped_category_code is null
                """, String.class)).isEmpty();
        Map<String, Long> byCode = new java.util.TreeMap<>();
        jdbc.query("""
                select mapped_category_code, count(*) from dw.dim_product where source = 'dummyjson' and is_current
                group by 1
                """, rs -> {
            byCode.put(rs.getString(1), rs.getLong(2));
        });
        // The fixture's 194 products: 16 smartphones and 3 tablets, 5 laptops, 14 mobile accessories, 27 groceries...
        assertThat(byCode).containsEntry("dien-thoai-may-tinh-bang", 19L).containsEntry("may-tinh-laptop", 5L)
                .containsEntry("phu-kien-dien-thoai", 14L).containsEntry("bach-hoa", 27L);
        assertThat(byCode.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(194);
        assertThat(jdbc.queryForList("""
                select category || ' -> ' || mapped_category_code || ' ' || mapped_category_name from dw.dim_product
                where source = 'dummyjson' and is_current and category in ('mens-shoes', 'groceries', 'motorcycle')
                group by 1 order by 1
                """, String.class)).containsExactly("groceries -> bach-hoa Bách hóa",
                "mens-shoes -> giay-dep Giày dép", "motorcycle -> o-to-xe-may Ô tô & Xe máy");
        assertThat(count("""
                select count(*) from dq.failed_record
                where run_id = 'categories-1' and rule = 'category_mapped' and record_key like 'dummyjson:%'
                """)).isZero();
    }

    @Test
    void aCategoryWithNoMappingIsReportedWithItsCountAndKeys() {
        jdbc.update("""
                insert into dw.dim_product (source, product_id, title, category, currency, row_hash, valid_from,
                    is_current, run_id)
                select 'antiques', 'A' || n, 'Bình gốm ' || n, 'Đồ cổ', 'VND', 'h', now(), true, 'categories-2'
                from generate_series(1, 3) n
                """);
        try {
            TableCheck check = check("dw.dim_product", "category_mapped", "categories-2");
            CheckResult result = check.run().get(0);

            long unmapped = count("""
                    select count(*) from dw.dim_product
                    where is_current and not is_inferred and category is not null and mapped_category_code is null
                    """);
            assertThat(result.failed()).isEqualTo(unmapped).isGreaterThanOrEqualTo(3);
            assertThat(result.severity()).isEqualTo("warn");
            assertThat(check.failedRecords()).filteredOn(r -> r.recordKey().startsWith("antiques:"))
                    .extracting(FailedRecord::recordKey, FailedRecord::reason)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("antiques:A1", "category 'Đồ cổ' of antiques (3 current "
                                    + "products) has no mapping in reference/categories.yml"),
                            org.assertj.core.groups.Tuple.tuple("antiques:A2", "category 'Đồ cổ' of antiques (3 current "
                                    + "products) has no mapping in reference/categories.yml"),
                            org.assertj.core.groups.Tuple.tuple("antiques:A3", "category 'Đồ cổ' of antiques (3 current "
                                    + "products) has no mapping in reference/categories.yml"));
            if (unmapped == 3) {
                assertThat(result.sampleKeys()).containsExactly("antiques:A1", "antiques:A2", "antiques:A3");
            }
        } finally {
            jdbc.update("delete from dw.dim_product where source = 'antiques'");
        }
    }

    @Test
    void everyAmountMatchesItsRateUntilOneIsWrongThenTheLineIsQuarantinedWithItsFigures() throws Exception {
        assertThat(runEtl("currency-1", "2026-09-26", "dummyjson").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // A line keeps the run that last changed it, which may be an earlier test's run over the same fixtures.
        String run = jdbc.queryForObject("""
                select run_id from dw.fact_sales where source = 'dummyjson' and currency = 'USD'
                order by loaded_at desc limit 1
                """, String.class);
        long lines = count("select count(*) from dw.fact_sales where run_id = ?", run);
        assertThat(lines).isPositive();

        CheckResult clean = check("dw.fact_sales", "amount_vnd_matches_rate", run).run().get(0);
        assertThat(clean.checked()).isEqualTo(lines);
        assertThat(clean.failed()).isZero();

        Map<String, Object> line = jdbc.queryForMap("""
                select source || ':' || order_id || ':' || line_number as record_key, net_amount, net_amount_vnd,
                       order_date, sales_line_key
                from dw.fact_sales where run_id = ? order by order_id, line_number limit 1
                """, run);
        Map<String, Object> rate = jdbc.queryForMap("""
                select rate_to_vnd, valid_from from ops.exchange_rate
                where currency = 'USD' and valid_from <= ? order by valid_from desc limit 1
                """, line.get("order_date"));
        BigDecimal netAmount = (BigDecimal) line.get("net_amount");
        BigDecimal loaded = (BigDecimal) line.get("net_amount_vnd");
        BigDecimal perDollar = ((BigDecimal) rate.get("rate_to_vnd")).stripTrailingZeros();
        BigDecimal expected = netAmount.multiply(perDollar).setScale(0, RoundingMode.HALF_UP);
        assertThat(loaded).isEqualByComparingTo(expected);
        jdbc.update("update dw.fact_sales set net_amount_vnd = net_amount_vnd + 1000 where sales_line_key = ?",
                line.get("sales_line_key"));
        try {
            assertThat(runEtlStep("quality_check_final", run, "2026-09-26", "dummyjson", false).getStatus())
                    .as("one wrong line of %d is under the 1%% accuracy threshold", lines).isEqualTo(BatchStatus.COMPLETED);

            assertThat(jdbc.queryForMap("""
                    select failed, sample_keys[1] as sample from dq.check_result
                    where run_id = ? and rule = 'amount_vnd_matches_rate'
                    """, run)).containsEntry("failed", 1L).containsEntry("sample", line.get("record_key"));
            assertThat(jdbc.queryForMap("""
                    select record_key, target, quarantined, reason from dq.failed_record
                    where run_id = ? and rule = 'amount_vnd_matches_rate'
                    """, run)).containsEntry("record_key", line.get("record_key"))
                    .containsEntry("target", "dw.fact_sales").containsEntry("quarantined", true)
                    .containsEntry("reason", String.format("source amount %s USD x rate %s (in force from %s) = expected "
                            + "%s VND, actual %s VND", netAmount.toPlainString(), perDollar.toPlainString(),
                            rate.get("valid_from"), expected.toPlainString(), loaded.add(BigDecimal.valueOf(1000))
                                    .toPlainString()));
        } finally {
            jdbc.update("update dw.fact_sales set net_amount_vnd = net_amount_vnd - 1000 where sales_line_key = ?",
                    line.get("sales_line_key"));
        }
    }

    /** The shipped rule alone, as quality_check_final runs it. */
    private TableCheck check(String table, String rule, String runId) {
        RuleSet set = shipped.tables().stream().filter(s -> s.target().equals(table)).findFirst().orElseThrow();
        RuleSet one = new RuleSet(set.file(), set.kind(), set.target(), set.where(), set.key(),
                set.rules().stream().filter(r -> r.name().equals(rule)).toList());
        assertThat(one.rules()).as(rule).hasSize(1);
        return new TableCheck(named, transactionManager, one, runId, catalogue.definition("dss_etl").orElseThrow().quality());
    }
}
