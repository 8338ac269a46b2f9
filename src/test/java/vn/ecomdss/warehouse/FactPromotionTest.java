package vn.ecomdss.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ecomdss.testsupport.StepExecutions.step;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import vn.ecomdss.lake.DataLake;
import vn.ecomdss.lake.RawEnvelope;
import vn.ecomdss.simulator.VnMarketSettings;
import vn.ecomdss.simulator.VnMarketSimulator;
import vn.ecomdss.testsupport.PlatformTestSupport;

/**
 * dss_etl over the vnmarket simulator loads its flash sales and vouchers into {@code dw.fact_promotion}, exactly
 * as the simulator serves them, once however often it runs; a promotion that changes is updated in place, and a
 * promotion of an unknown product or ending before it starts is quarantined with its reason. The simulator the
 * platform serves is the default one, so a second instance of it is the oracle.
 */
class FactPromotionTest extends PlatformTestSupport {

    private static final LocalDate DAY = LocalDate.parse("2026-11-05");
    private static final VnMarketSimulator MARKET = new VnMarketSimulator(VnMarketSettings.defaults());

    /** A promotion as compared: its product, type, name, days, discounts and announcement day. */
    private static final String FACT_ROW = """
            select promotion_id, concat_ws('|', product_id, promotion_type, name, start_date, end_date,
                       coalesce(trim_scale(discount_percent)::text, '-'), coalesce(trim_scale(discount_vnd)::text, '-'),
                       (announced_at at time zone 'Asia/Ho_Chi_Minh')::date) as row
            from dw.fact_promotion
            where source = 'vnmarket' and (announced_at at time zone 'Asia/Ho_Chi_Minh')::date <= ?
            """;

    @Autowired
    DataLake lake;

    @Test
    void theFactHoldsExactlyTheServedPromotionsOnceAndEachDaysRunningPromotionsMatchTheListings() throws Exception {
        assertThat(runEtl("promotions-1", DAY.toString(), "vnmarket").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        List<ObjectNode> served = MARKET.promotions(DAY);
        assertThat(loaded(DAY)).isEqualTo(expected(served));
        assertThat(served).anyMatch(p -> LocalDate.parse(p.get("starts_on").asString()).isAfter(DAY));
        assertThat(count("""
                select count(*) from dw.fact_promotion f
                where f.source = 'vnmarket' and f.start_date > ?
                  and (f.announced_at at time zone 'Asia/Ho_Chi_Minh')::date <= ?
                """, DAY, DAY)).as("promotions planned after the run's day are in the fact").isPositive();
        assertThat(count("""
                select count(*) from dw.fact_promotion f
                left join dw.dim_product p on p.product_key = f.product_key
                where f.source = 'vnmarket'
                  and (p.product_id is distinct from f.product_id or p.source <> f.source or p.is_inferred
                       or f.exchange_rate <> 1 or f.discount_vnd is distinct from f.discount_amount
                       or f.envelope_id is null)
                """)).as("each promotion's product is its listed product, its amount in VND, its envelope kept")
                .isZero();

        Set<String> running = new TreeSet<>(jdbc.queryForList("""
                select product_id || '|' || case promotion_type when 'flash_sale' then 'flash_sale' else 'voucher' end
                from dw.promotion_day(?, ?) where source = 'vnmarket'
                """, String.class, DAY, DAY));
        Set<String> listed = new TreeSet<>();
        for (ObjectNode product : MARKET.products(DAY)) {
            if (product.get("flash_sale").asBoolean()) {
                listed.add(product.get("id").asString() + "|flash_sale");
            }
            if (!product.get("voucher").isNull()) {
                listed.add(product.get("id").asString() + "|voucher");
            }
        }
        assertThat(running).as("promotions running on %s", DAY).isNotEmpty().isEqualTo(listed);

        String before = fingerprint();
        JobExecution again = runEtl("promotions-2", DAY.toString(), "vnmarket");
        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(fingerprint()).as("a repeated run changes nothing").isEqualTo(before);
        assertThat(count("select count(*) from dw.fact_promotion where run_id = 'promotions-2'")).isZero();
        assertThat(step(again, "transform_promotions").getWriteCount()).isEqualTo(served.size());
    }

    @Test
    void aChangedPromotionUpdatesItsRowAndTheServedOneRestoresIt() throws Exception {
        assertThat(runEtl("promotions-change-0", DAY.toString(), "vnmarket").getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        ObjectNode original = MARKET.promotions(DAY).stream()
                .filter(p -> p.get("type").asString().equals("flash_sale")).findFirst().orElseThrow();
        String id = original.get("id").asString();
        ObjectNode changed = original.deepCopy();
        changed.put("discount_percent", new BigDecimal("45.5"));
        changed.put("ends_on", LocalDate.parse(original.get("starts_on").asString()).plusDays(2).toString());

        load("promotions-change-1", changed);
        assertThat(jdbc.queryForMap("""
                select trim_scale(discount_percent) as percent, end_date, run_id from dw.fact_promotion
                where source = 'vnmarket' and promotion_id = ?
                """, id)).containsEntry("percent", new BigDecimal("45.5"))
                .containsEntry("end_date", java.sql.Date.valueOf(changed.get("ends_on").asString()))
                .containsEntry("run_id", "promotions-change-1");
        assertThat(count("select count(*) from dw.fact_promotion where run_id = 'promotions-change-1'")).isEqualTo(1);

        load("promotions-change-2", original);
        assertThat(loaded(DAY)).isEqualTo(expected(MARKET.promotions(DAY)));
        assertThat(count("select count(*) from dw.fact_promotion where run_id = 'promotions-change-2'")).isEqualTo(1);
    }

    @Test
    void aPromotionOfAnUnknownProductOrEndingBeforeItStartsIsQuarantinedWithItsReason() {
        String run = "promotions-bad";
        assertThat(runEtlStep("extract_vnmarket", run, DAY.toString(), "vnmarket", false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        ObjectNode unknownProduct = MARKET.promotions(DAY).get(0).deepCopy();
        unknownProduct.put("id", "VNM-P99999:flash_sale:20261101");
        unknownProduct.put("product_id", "VNM-P99999");
        ObjectNode backwards = MARKET.promotions(DAY).get(1).deepCopy();
        backwards.put("id", "VNM-P00002:GIAM50K:20261110");
        backwards.put("product_id", "VNM-P00002");
        backwards.put("starts_on", "2026-11-10");
        backwards.put("ends_on", "2026-11-08");
        store(run, unknownProduct, backwards);

        assertThat(runEtlStep("quality_check_raw", run, DAY.toString(), "vnmarket", false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        JobExecution transform = runEtlStep("transform_promotions", run, DAY.toString(), "vnmarket", false);
        assertThat(transform.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Map<String, String> quarantined = new TreeMap<>();
        lake.template().find(Query.query(Criteria.where("run_id").is(run).and("entity").is("promotions")),
                Document.class, DataLake.QUARANTINE).forEach(d -> quarantined.put(d.getString("natural_id"),
                d.getString("rule") + ": " + d.getString("reason")));
        assertThat(quarantined).containsOnlyKeys("VNM-P99999:flash_sale:20261101", "VNM-P00002:GIAM50K:20261110");
        assertThat(quarantined.get("VNM-P99999:flash_sale:20261101")).startsWith("product_known")
                .contains("'VNM-P99999' is not an id of vnmarket/products in this run");
        assertThat(quarantined.get("VNM-P00002:GIAM50K:20261110"))
                .isEqualTo("transform: source vnmarket, entity promotions, id VNM-P00002:GIAM50K:20261110 (envelope "
                        + envelopeOf(backwards) + "): end_date 2026-11-08 is before start_date 2026-11-10");
        assertThat(transform.getStepExecutions().iterator().next().getProcessSkipCount()).isEqualTo(1);
        assertThat(new TreeSet<>(jdbc.queryForList("select promotion_id from staging.promotion where run_id = ?",
                String.class, run))).as("the run staged every served promotion and neither bad one")
                .isEqualTo(new TreeSet<>(expected(MARKET.promotions(DAY)).keySet()));
    }

    /** Transforms and loads promotions as a run that fetched only these. */
    private void load(String run, ObjectNode... promotions) {
        store(run, promotions);
        assertThat(runEtlStep("transform_promotions", run, DAY.toString(), "vnmarket", false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(runEtlStep("load_facts", run, DAY.toString(), "vnmarket", false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    private void store(String run, ObjectNode... promotions) {
        for (ObjectNode promotion : promotions) {
            lake.store(List.of(envelope(run, promotion)));
        }
    }

    private static RawEnvelope envelope(String run, ObjectNode promotion) {
        return RawEnvelope.of("vnmarket", "promotions", promotion.get("id").asString(),
                Document.parse(promotion.toString()), promotion.toString(), run, Instant.now());
    }

    private static String envelopeOf(ObjectNode promotion) {
        return envelope("any", promotion).id();
    }

    /** The fact's vnmarket promotions announced by {@code day}, by id. */
    private Map<String, String> loaded(LocalDate day) {
        Map<String, String> rows = new TreeMap<>();
        jdbc.query(FACT_ROW, rs -> {
            rows.put(rs.getString("promotion_id"), rs.getString("row"));
        }, day);
        return rows;
    }

    private static Map<String, String> expected(List<ObjectNode> promotions) {
        Map<String, String> rows = new TreeMap<>();
        for (ObjectNode p : promotions) {
            rows.put(p.get("id").asString(), String.join("|", p.get("product_id").asString(), p.get("type").asString(),
                    p.get("name").asString(), p.get("starts_on").asString(), p.get("ends_on").asString(),
                    number(p.get("discount_percent")), number(p.get("discount_vnd")), p.get("announced_on").asString()));
        }
        return rows;
    }

    private static String number(JsonNode value) {
        return value.isNull() ? "-" : value.decimalValue().stripTrailingZeros().toPlainString();
    }

    private String fingerprint() {
        return String.join("\n", jdbc.queryForList("""
                select concat_ws('|', promotion_key, promotion_id, product_key, start_date, end_date, discount_percent,
                                 discount_vnd, run_id, envelope_id, loaded_at)
                from dw.fact_promotion where source = 'vnmarket' order by promotion_key
                """, String.class));
    }
}
