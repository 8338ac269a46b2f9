package vn.ecomdss.extract.shopee;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.partner.PartnerApiException;
import vn.ecomdss.extract.partner.PartnerSession;

/**
 * A Shopee shop's product comments ({@code get_comment}), attached to each product as its {@code comments}, oldest
 * first, so that a review keeps its number (its position, which {@code dw.fact_review} is keyed by) as newer ones
 * come. Each comment's {@code create_time} is landed as ISO-8601 with the number beside it as
 * {@code create_time_epoch}, like the reader's other times.
 *
 * <p>Request cost, against 600 calls an hour: {@code get_comment} serves at most the newest 1000 comments of a
 * query. One walk of the whole shop (no {@code item_id}, 100 a page) costs at most ten calls a step and sees every
 * new comment, including those on products that did not change, which a call per listed product would not; a call
 * per product costs one call per product even for products without comments (a first read of a 600-product shop
 * would take the hour's quota). So the shop is walked once a step; when it holds fewer than 1000 comments the walk
 * is the whole of them and no other call is made. Only when the walk is capped are the products of each page asked
 * for by {@code item_id}, each paged by cursor.
 *
 * <p>Hidden comments ({@code hidden: true}, kept off the product page by Shopee) are attached like the others: the
 * rating is still a buyer's rating of the product, and leaving one out would renumber the product's later reviews.
 * The raw record keeps {@code hidden}, for whoever needs to tell them apart.
 *
 * <p>A call that fails after the session's own retries (the HTTP client waits out 429 and 5xx answers, the session
 * renews a rejected token) fails the step, naming the call: a product landed without its comments could not be told
 * from one without any, and since an unchanged product is not listed again, its comments would not come by
 * themselves. The watermarks are not advanced, so the next run reads the products again with their comments.
 */
final class ShopeeComments {

    static final String GET_COMMENT = "/api/v2/product/get_comment";
    /** The most comments get_comment serves for one query. */
    static final int MOST_SERVED = 1000;
    static final int PAGE_SIZE = 100;

    private static final Logger log = LoggerFactory.getLogger(ShopeeComments.class);
    private static final Comparator<JsonNode> OLDEST_FIRST = Comparator
            .<JsonNode>comparingLong(c -> c.path("create_time_epoch").asLong(0))
            .thenComparingLong(c -> c.path("comment_id").asLong(0));

    private final String source;
    private final PartnerSession session;
    private final SourceProgress progress;
    /** The shop's walk by item id, oldest first; null until the first page asks. */
    private Map<String, List<JsonNode>> shop;
    private boolean complete;

    ShopeeComments(String source, PartnerSession session, SourceProgress progress) {
        this.source = source;
        this.session = session;
        this.progress = progress;
    }

    /**
     * Sets each product's {@code comments} array, from the shop's walk or, when that was capped, its own, and its
     * {@code change_time}: the later of its {@code update_time} and its newest comment written by {@code until}
     * (epoch seconds, the step's start), the products' change marker, since a comment does not change Shopee's
     * update time. Comments after {@code until} do not count, so the watermark never passes the step's start.
     */
    void attach(List<JsonNode> products, long until) {
        walkShop();
        for (JsonNode product : products) {
            if (product instanceof ObjectNode record && record.hasNonNull("item_id")) {
                String itemId = record.path("item_id").asString();
                List<JsonNode> comments = complete ? shop.getOrDefault(itemId, List.of()) : walk(itemId);
                ArrayNode array = record.putArray("comments");
                comments.forEach(array::add);
                long changed = record.path("update_time_epoch").asLong(0);
                for (JsonNode comment : comments) {
                    long written = comment.path("create_time_epoch").asLong(0);
                    changed = written <= until ? Math.max(changed, written) : changed;
                }
                if (changed > 0) {
                    record.put("change_time", Instant.ofEpochSecond(changed).toString());
                }
            }
        }
    }

    /** The items with a comment written from {@code since} to {@code until} (epoch seconds), as the shop's walk saw them. */
    Set<String> commentedSince(long since, long until) {
        walkShop();
        Set<String> items = new HashSet<>();
        shop.forEach((itemId, comments) -> {
            if (comments.stream().map(c -> c.path("create_time_epoch").asLong(0)).anyMatch(t -> t >= since && t <= until)) {
                items.add(itemId);
            }
        });
        return items;
    }

    private void walkShop() {
        if (shop != null) {
            return;
        }
        List<JsonNode> all = walk(null);
        complete = all.size() < MOST_SERVED;
        if (!complete) {
            log.info("{}: {} served its most, {} comments; each product's comments are asked for by item_id",
                    source, GET_COMMENT, MOST_SERVED);
        }
        shop = new LinkedHashMap<>();
        all.forEach(c -> shop.computeIfAbsent(c.path("item_id").asString(), id -> new ArrayList<>()).add(c));
    }

    /** Every comment of the item (the shop's when null), oldest first, its times normalised. */
    private List<JsonNode> walk(String itemId) {
        List<JsonNode> comments = new ArrayList<>();
        String cursor = "";
        while (true) {
            Map<String, String> params = new LinkedHashMap<>();
            if (itemId != null) {
                params.put("item_id", itemId);
            }
            params.put("cursor", cursor);
            params.put("page_size", Integer.toString(PAGE_SIZE));
            JsonNode response = session.get(GET_COMMENT, params, progress).body().path("response");
            JsonNode list = response.path("item_comment_list");
            if (!list.isArray()) {
                throw new PartnerApiException(source + ": " + GET_COMMENT + " answered no array under "
                        + "response.item_comment_list (item_id " + (itemId == null ? "none, the shop's" : itemId)
                        + ", cursor '" + cursor + "')");
            }
            for (JsonNode comment : list) {
                ObjectNode copy = (ObjectNode) ShopeeReader.normalised(comment.deepCopy());
                if (copy.get("comment_reply") instanceof ObjectNode) {
                    copy.set("comment_reply", ShopeeReader.normalised(copy.get("comment_reply")));
                }
                comments.add(copy);
            }
            String next = response.path("next_cursor").asString("");
            if (!response.path("more").asBoolean(false)) {
                break;
            }
            if (next.isEmpty() || next.equals(cursor)) {
                throw new PartnerApiException(source + ": " + GET_COMMENT + " says more comments follow but gives "
                        + "no new next_cursor (item_id " + (itemId == null ? "none" : itemId) + ", cursor '" + cursor
                        + "')");
            }
            cursor = next;
        }
        comments.sort(OLDEST_FIRST);
        return comments;
    }
}
