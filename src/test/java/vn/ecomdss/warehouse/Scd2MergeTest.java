package vn.ecomdss.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.testsupport.PlatformTestSupport;
import vn.ecomdss.transform.StagedSalesLine;

/**
 * The SCD2 merge and the as-of fact load on real PostgreSQL, one case per test, each under its own source so the
 * tests do not see each other's rows. The dimension invariants are checked after every load.
 */
class Scd2MergeTest extends PlatformTestSupport {

    private static final AtomicInteger RUNS = new AtomicInteger();

    @Autowired
    Scd2Merge merge;
    @Autowired
    FactSalesLoader facts;
    @Autowired
    Scd2Invariants invariants;
    @Autowired
    TransactionTemplate transactions;

    @AfterEach
    void invariantsHold() {
        assertInvariants();
    }

    @Test
    void severalChangesToOneKeyInOneBatchEachOpenAVersionInEventOrder() {
        String source = "scd-multi";
        RunParameters run = run("2026-05-10");
        // Staged out of order; the 12:00 row repeats the 11:00 attributes, so it opens nothing.
        stageCustomer(run, source, "C1", "c@three", "Hà Nội", "2026-05-09T15:00:00+07:00", false);
        stageCustomer(run, source, "C1", "c@one", "Hà Nội", "2026-05-09T09:00:00+07:00", false);
        stageCustomer(run, source, "C1", "c@two", "Hà Nội", "2026-05-09T11:00:00+07:00", false);
        stageCustomer(run, source, "C1", "c@two", "Hà Nội", "2026-05-09T12:00:00+07:00", false);
        Scd2Merge.Result result = mergeCustomers(run, List.of());

        assertThat(result.newKeys()).isEqualTo(1);
        assertThat(result.versionsOpened()).isEqualTo(3);
        assertThat(versions(source, "C1")).containsExactly(
                "c@one|1900-01-01 00:00:00+00|2026-05-09 04:00:00+00|false",
                "c@two|2026-05-09 04:00:00+00|2026-05-09 08:00:00+00|false",
                "c@three|2026-05-09 08:00:00+00|9999-12-31 00:00:00+00|true");
        assertInvariants();

        RunParameters next = run("2026-05-11");
        stageCustomer(next, source, "C1", "c@three", "Hà Nội", "2026-05-10T08:00:00+07:00", false);
        stageCustomer(next, source, "C1", "c@four", "Đà Nẵng", "2026-05-10T10:00:00+07:00", false);
        Scd2Merge.Result second = mergeCustomers(next, List.of());

        assertThat(second.closed()).isEqualTo(1);
        assertThat(second.versionsOpened()).isEqualTo(1);
        assertThat(versions(source, "C1")).hasSize(4).last()
                .isEqualTo("c@four|2026-05-10 03:00:00+00|9999-12-31 00:00:00+00|true");
    }

    @Test
    void typeOneAttributesFollowTheLatestEventWithoutOpeningVersions() {
        String source = "scd-type1";
        RunParameters run = run("2026-05-20");
        // C1: the later event repeats the type-2 attributes with a new phone, so it collapses into the first
        // version and only its phone survives. C2: one event, one version. C3: a type-2 change then a phone change.
        stageCustomer(run, source, "C1", "c1@mail", "Hà Nội", "2026-05-19T09:00:00+07:00", false, "0912345001");
        stageCustomer(run, source, "C1", "c1@mail", "Hà Nội", "2026-05-19T10:00:00+07:00", false, "0912345002");
        stageCustomer(run, source, "C2", "c2@mail", "Huế", "2026-05-19T09:00:00+07:00", false, "0912345003");
        stageCustomer(run, source, "C3", "c3@old", "Hà Nội", "2026-05-19T08:00:00+07:00", false, "0912345004");
        stageCustomer(run, source, "C3", "c3@new", "Hà Nội", "2026-05-19T09:00:00+07:00", false, "0912345005");
        stageCustomer(run, source, "C3", "c3@new", "Hà Nội", "2026-05-19T11:00:00+07:00", false, "0912345006");
        Scd2Merge.Result first = mergeCustomers(run, List.of());

        assertThat(first.versionsOpened()).isEqualTo(4);
        assertThat(first.typeOneUpdates()).isEqualTo(2);
        assertThat(currentPhone(source, "C1")).isEqualTo("0912345002");
        assertThat(currentPhone(source, "C2")).isEqualTo("0912345003");
        assertThat(currentPhone(source, "C3")).isEqualTo("0912345006");
        assertThat(versions(source, "C3")).hasSize(2);

        // The same rows merged again change nothing; a phone-only change next day is written in place.
        Scd2Merge.Result again = mergeCustomers(run, List.of());
        assertThat(again.versionsOpened() + again.closed() + again.typeOneUpdates()).isZero();
        RunParameters next = run("2026-05-21");
        stageCustomer(next, source, "C2", "c2@mail", "Huế", "2026-05-20T09:00:00+07:00", false, "0912345099");
        stageCustomer(next, source, "C1", "c1@mail", "Hà Nội", "2026-05-20T09:00:00+07:00", false, "0912345002");
        Scd2Merge.Result second = mergeCustomers(next, List.of());
        assertThat(second.versionsOpened()).isZero();
        assertThat(second.typeOneUpdates()).isEqualTo(1);
        assertThat(currentPhone(source, "C2")).isEqualTo("0912345099");
        assertThat(versions(source, "C2")).hasSize(1);
    }

    @Test
    void aDeleteMarkerClosesTheCurrentVersionAndALaterRecordOpensANewOne() {
        String source = "scd-delete";
        RunParameters first = run("2026-06-01");
        stageCustomer(first, source, "D1", "d@one", "Huế", null, false);
        stageCustomer(first, source, "D2", "d2@one", "Huế", null, false);
        mergeCustomers(first, List.of());

        RunParameters second = run("2026-06-02");
        stageCustomer(second, source, "D1", "d@one", "Huế", "2026-06-02T10:00:00+07:00", true);
        Scd2Merge.Result deleted = mergeCustomers(second, List.of());

        assertThat(deleted.deleted()).isEqualTo(1);
        assertThat(versions(source, "D1")).containsExactly("d@one|1900-01-01 00:00:00+00|2026-06-02 03:00:00+00|false");
        assertThat(count("select count(*) from dw.dim_customer where source = ? and customer_id = 'D1' and closed_by_delete",
                source)).isEqualTo(1);
        assertInvariants();

        RunParameters third = run("2026-06-05");
        stageCustomer(third, source, "D1", "d@back", "Huế", null, false);
        mergeCustomers(third, List.of());
        assertThat(versions(source, "D1")).containsExactly(
                "d@one|1900-01-01 00:00:00+00|2026-06-02 03:00:00+00|false",
                "d@back|2026-06-04 17:00:00+00|9999-12-31 00:00:00+00|true");
    }

    @Test
    void aKeyMissingFromAFullSnapshotIsClosedOnlyWhenTheDimensionSaysSo() {
        String source = "scd-snapshot";
        RunParameters first = run("2026-07-01");
        stageCustomer(first, source, "S1", "s1@x", "Cần Thơ", null, false);
        stageCustomer(first, source, "S2", "s2@x", "Cần Thơ", null, false);
        mergeCustomers(first, List.of(source));

        RunParameters partial = run("2026-07-02");
        stageCustomer(partial, source, "S1", "s1@x", "Cần Thơ", null, false);
        transactions.executeWithoutResult(status -> merge.merge(Scd2Spec.CUSTOMER, partial, List.of(source)));
        assertThat(count("select count(*) from dw.dim_customer where source = ? and is_current", source)).isEqualTo(2);

        RunParameters full = run("2026-07-03");
        stageCustomer(full, source, "S1", "s1@x", "Cần Thơ", null, false);
        Scd2Merge.Result result = transactions.execute(status ->
                merge.merge(Scd2Spec.CUSTOMER.withCloseMissing(true), full, List.of(source)));

        assertThat(result.deleted()).isEqualTo(1);
        assertThat(versions(source, "S2")).containsExactly("s2@x|1900-01-01 00:00:00+00|2026-07-02 17:00:00+00|false");
        assertThat(versions(source, "S1")).containsExactly("s1@x|1900-01-01 00:00:00+00|9999-12-31 00:00:00+00|true");
    }

    @Test
    void anEarlyArrivingOrderInfersMembersThatTheRealRecordsCompleteInPlace() {
        String source = "scd-early";
        RunParameters first = run("2026-08-01");
        stageSalesLine(first, source, "O1", "E1", "P1", "2026-07-31T10:00:00+07:00");
        FactSalesLoader.Result loaded = transactions.execute(status -> facts.load(first));

        assertThat(loaded.inferredCustomers()).isEqualTo(1);
        assertThat(loaded.inferredProducts()).isEqualTo(1);
        long customerKey = count("select customer_key from dw.dim_customer where source = ? and customer_id = 'E1' and is_inferred", source);
        long productKey = count("select product_key from dw.dim_product where source = ? and product_id = 'P1' and is_inferred", source);
        assertThat(count("select customer_key from dw.fact_sales where source = ? and order_id = 'O1'", source)).isEqualTo(customerKey);
        assertInvariants();

        RunParameters second = run("2026-08-02");
        stageCustomer(second, source, "E1", "e1@real", "Hải Phòng", "2026-08-01T09:00:00+07:00", false);
        jdbc.update("""
                insert into staging.product (run_id, source, product_id, title, category, price, currency, changed_at, envelope_id)
                values (?, ?, 'P1', 'Áo dài', 'fashion', 350000, 'VND', null, 'env-p1')
                """, second.runId(), source);
        Scd2Merge.Result customers = mergeCustomers(second, List.of());
        Scd2Merge.Result products = transactions.execute(status -> merge.merge(Scd2Spec.PRODUCT, second));

        assertThat(customers.inferredCompleted()).isEqualTo(1);
        assertThat(customers.versionsOpened()).isZero();
        assertThat(products.inferredCompleted()).isEqualTo(1);
        assertThat(versions(source, "E1")).containsExactly("e1@real|1900-01-01 00:00:00+00|9999-12-31 00:00:00+00|true");
        assertThat(count("select customer_key from dw.dim_customer where source = ? and customer_id = 'E1' and not is_inferred",
                source)).isEqualTo(customerKey);
        assertThat(jdbc.queryForObject("select title from dw.dim_product where product_key = ?", String.class, productKey))
                .isEqualTo("Áo dài");
        assertThat(jdbc.queryForObject("select envelope_id from dw.dim_customer where customer_key = ?", String.class,
                customerKey)).isEqualTo("env-E1-2026-08-01T09:00:00+07:00");
    }

    @Test
    void aLateArrivingOrderPicksTheVersionValidAtItsDate() {
        String source = "scd-late";
        RunParameters first = run("2026-02-01");
        stageCustomer(first, source, "L1", "l@old", "Hà Nội", null, false);
        mergeCustomers(first, List.of());
        RunParameters second = run("2026-03-01");
        stageCustomer(second, source, "L1", "l@new", "Thành phố Hồ Chí Minh", "2026-03-01T00:00:00+07:00", false);
        stageSalesLine(second, source, "O-NOW", "L1", "P9", "2026-03-02T10:00:00+07:00");
        mergeCustomers(second, List.of());
        transactions.execute(status -> facts.load(second));
        assertInvariants();

        RunParameters late = run("2026-03-03");
        stageSalesLine(late, source, "O-LATE", "L1", "P9", "2026-02-10T20:00:00+07:00");
        FactSalesLoader.Result result = transactions.execute(status -> facts.load(late));

        assertThat(result.inserted()).isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                select c.email from dw.fact_sales f join dw.dim_customer c using (customer_key)
                where f.source = ? and f.order_id = 'O-LATE'
                """, String.class, source)).isEqualTo("l@old");
        assertThat(jdbc.queryForObject("""
                select c.email from dw.fact_sales f join dw.dim_customer c using (customer_key)
                where f.source = ? and f.order_id = 'O-NOW'
                """, String.class, source)).isEqualTo("l@new");
        assertThat(jdbc.queryForObject("""
                select f.order_date || '|' || f.date_key || '|' || f.run_id || '|' || f.envelope_id from dw.fact_sales f
                where f.source = ? and f.order_id = 'O-LATE'
                """, String.class, source)).isEqualTo("2026-02-10|20260210|" + late.runId() + "|env-O-LATE");

        RunParameters again = run("2026-03-04");
        stageSalesLine(again, source, "O-LATE", "L1", "P9", "2026-02-10T20:00:00+07:00");
        FactSalesLoader.Result repeat = transactions.execute(status -> facts.load(again));
        assertThat(repeat.inserted()).isZero();
        assertThat(repeat.updated()).isZero();
        assertThat(count("select count(*) from dw.fact_sales where source = ?", source)).isEqualTo(2);
    }

    @Test
    void aCommissionRateChangeOpensAPlatformVersionAndOrdersPayTheRateOfTheirDate() {
        String source = "scd-platform";
        RunParameters run = run("2026-06-10");
        jdbc.update("""
                insert into staging.platform (run_id, source, platform_code, platform_name, platform_type,
                    commission_rate, changed_at, envelope_id)
                values (?, ?, 'testmall', 'Test Mall', 'marketplace', 0.0500, '2026-01-01T00:00:00+07:00', 'env-tm-1'),
                       (?, ?, 'testmall', 'Test Mall', 'marketplace', 0.0650, '2026-04-01T00:00:00+07:00', 'env-tm-2')
                """, run.runId(), source, run.runId(), source);
        Scd2Merge.Result platforms = transactions.execute(status -> merge.merge(Scd2Spec.PLATFORM, run));
        assertThat(platforms.newKeys()).isEqualTo(1);
        assertThat(platforms.versionsOpened()).isEqualTo(2);
        assertInvariants();

        stageSalesLine(run, source, "T-FEB", "T1", "P1", "2026-02-15T12:00:00+07:00");
        stageSalesLine(run, source, "T-MAY", "T1", "P1", "2026-05-15T12:00:00+07:00");
        jdbc.update("update staging.sales_line set platform = 'testmall' where run_id = ?", run.runId());
        transactions.execute(status -> facts.load(run));

        assertThat(jdbc.queryForList("""
                select f.order_id || ':' || p.commission_rate || ':' || p.envelope_id
                from dw.fact_sales f join dw.dim_platform p using (platform_key)
                where f.source = ? order by f.order_id
                """, String.class, source)).containsExactly("T-FEB:0.0500:env-tm-1", "T-MAY:0.0650:env-tm-2");
    }

    @Test
    void theTransformsLineKeyIsTheWarehousesLineKey() {
        StagedSalesLine line = new StagedSalesLine("r", "vnmarket", "VNM-O0001234", 3, "C", "P", OffsetDateTime.now(),
                "shopee", null, null, null, 1, java.math.BigDecimal.ONE, java.math.BigDecimal.ZERO, "VND", "e", null);
        assertThat(line.salesLineKey()).isEqualTo(count("select dw.sales_line_key('vnmarket', 'VNM-O0001234', 3)"));
    }

    private Scd2Merge.Result mergeCustomers(RunParameters run, List<String> fullSnapshots) {
        return transactions.execute(status -> merge.merge(Scd2Spec.CUSTOMER, run, fullSnapshots));
    }

    private void assertInvariants() {
        for (Scd2Spec spec : Scd2Spec.ALL) {
            assertThat(invariants.violations(spec)).as(spec.name()).isEmpty();
        }
    }

    private List<String> versions(String source, String customerId) {
        return jdbc.queryForList("""
                select email || '|' || to_char(valid_from at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00|'
                       || to_char(valid_to at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00|' || is_current
                from dw.dim_customer where source = ? and customer_id = ? order by valid_from
                """, String.class, source, customerId);
    }

    private static RunParameters run(String logicalDate) {
        return new RunParameters("scd-test-" + RUNS.incrementAndGet(), LocalDate.parse(logicalDate), Set.of(), false);
    }

    private void stageCustomer(RunParameters run, String source, String id, String email, String city, String changedAt,
                               boolean deleted) {
        stageCustomer(run, source, id, email, city, changedAt, deleted, null);
    }

    private void stageCustomer(RunParameters run, String source, String id, String email, String city, String changedAt,
                               boolean deleted, String phone) {
        jdbc.update("""
                insert into staging.customer (run_id, source, customer_id, full_name, email, city, changed_at,
                    is_deleted, phone_raw, envelope_id)
                values (?, ?, ?, 'Nguyễn Văn ' || ?, ?, ?, ?, ?, ?, ?)
                """, run.runId(), source, id, id, email, city,
                changedAt == null ? null : Timestamp.from(OffsetDateTime.parse(changedAt).toInstant()), deleted, phone,
                "env-" + id + "-" + (changedAt == null ? email : changedAt));
    }

    private String currentPhone(String source, String customerId) {
        return jdbc.queryForObject("select phone_raw from dw.dim_customer where source = ? and customer_id = ? and is_current",
                String.class, source, customerId);
    }

}
