package vn.ecomdss.extract.shopee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import vn.ecomdss.testsupport.PlatformTestSupport;
import vn.ecomdss.testsupport.partners.ShopeeOpenPlatformFake;

/** Shopee's product comments landed as reviews in dw.fact_review, through dss_etl against the local fake. */
class ShopeeReviewsTest extends PlatformTestSupport {

    private static final String CREDENTIALS = "shopee-reviews-test-credentials";
    private static final String TOKEN_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @Autowired
    ConfigurableEnvironment environment;

    @BeforeEach
    void shop() {
        SHOPEE.serveEverything();
        jdbc.update("delete from ops.partner_token where source = 'shopee'");
        jdbc.update("delete from ops.source_watermark where source = 'shopee'");
        ShopeeOpenPlatformFake.Credentials shop = SHOPEE.credentials();
        Map<String, Object> properties = new HashMap<>();
        properties.put("dss.sources.shopee.app-key", Long.toString(shop.partnerId()));
        properties.put("dss.sources.shopee.app-secret", shop.partnerKey());
        properties.put("dss.sources.shopee.auth-code", SHOPEE.authorizeShop());
        properties.put("dss.sources.shopee.shop-id", Long.toString(shop.shopId()));
        properties.put("dss.token-key", TOKEN_KEY);
        environment.getPropertySources().addFirst(new MapPropertySource(CREDENTIALS, properties));
    }

    @AfterEach
    void withdraw() {
        environment.getPropertySources().remove(CREDENTIALS);
    }

    @Test
    void aFullRunLandsExactlyTheShopsCommentsAsReviewsAndAnIncrementalRunLandsANewOne() throws Exception {
        int commentCalls = SHOPEE.requestCount(ShopeeOpenPlatformFake.GET_COMMENT);
        JobExecution full = run("sh-reviews-full", "2026-10-02", true);

        assertThat(full.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(SHOPEE.requestCount(ShopeeOpenPlatformFake.GET_COMMENT) - commentCalls)
                .as("one walk of the shop, under 100 comments: one call").isEqualTo(1);
        assertReviewsAreTheFakesComments();
        // A hidden comment is landed like the others: its rating counts and the product's numbering holds.
        ShopeeOpenPlatformFake.Comment hidden = SHOPEE.comments().stream()
                .filter(ShopeeOpenPlatformFake.Comment::hidden).findFirst().orElseThrow();
        assertThat(jdbc.queryForList("select comment from dw.fact_review where source = 'shopee' and product_id = ?",
                String.class, Long.toString(hidden.itemId()))).contains(hidden.text());

        // A buyer rates a product that did not change: the listing by update time leaves it out, the comment walk not.
        long itemId = SHOPEE.comments().get(0).itemId();
        ShopeeOpenPlatformFake.Comment added = SHOPEE.addComment(itemId, 2, "Giao hàng chậm, hộp bị móp méo ạ.");
        long changed = SHOPEE.timestamp();
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().getEpochSecond() >= changed);
        JobExecution incremental = run("sh-reviews-inc", "2026-10-03", false);

        assertThat(incremental.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertReviewsAreTheFakesComments();
        assertThat(jdbc.queryForMap("""
                select rating, comment, reviewer_name, run_id from dw.fact_review
                where source = 'shopee' and product_id = ?
                order by review_number desc limit 1
                """, Long.toString(itemId)))
                .containsEntry("comment", added.text()).containsEntry("reviewer_name", added.buyerUsername())
                .containsEntry("run_id", "sh-reviews-inc");
        // The product changes after its comment, so no later incremental run of another test sees a comment newer
        // than its products watermark that it did not add itself.
        SHOPEE.updateItems(itemId);
    }

    /** Per product, the fake's comments oldest first are the reviews by number: ratings, text, reviewer, day. */
    private void assertReviewsAreTheFakesComments() {
        List<ShopeeOpenPlatformFake.Comment> comments = SHOPEE.comments();
        assertThat(count("select count(*) from dw.fact_review where source = 'shopee'")).isEqualTo(comments.size());
        Map<String, List<String>> expected = comments.stream().collect(Collectors.groupingBy(
                c -> Long.toString(c.itemId()), Collectors.mapping(c -> c.ratingStar() + ".0|" + c.text() + "|"
                        + c.buyerUsername(), Collectors.toList())));
        Map<String, List<String>> landed = jdbc.queryForList("""
                select product_id, rating::text || '|' || comment || '|' || reviewer_name as review
                from dw.fact_review where source = 'shopee' order by product_id, review_number
                """).stream().collect(Collectors.groupingBy(r -> (String) r.get("product_id"),
                Collectors.mapping(r -> (String) r.get("review"), Collectors.toList())));
        assertThat(landed).isEqualTo(expected);
        assertThat(jdbc.queryForList("select comment from dw.fact_review where source = 'shopee'", String.class))
                .anyMatch(text -> text.contains("Tuyệt vời") || text.contains("đóng gói"));
    }

    private JobExecution run(String runId, String logicalDate, boolean fullRefresh) throws Exception {
        return jobOperator.start(catalogue.jobs().get("dss_etl"), new JobParametersBuilder()
                .addString("run_id", runId).addString("logical_date", logicalDate).addString("sources", "shopee")
                .addString("full_refresh", Boolean.toString(fullRefresh), false).toJobParameters());
    }
}
