package vn.ecomdss.extract.shopee;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.extract.FetchedRecord;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.http.JsonHttpClient;
import vn.ecomdss.extract.http.RequestThrottle;
import vn.ecomdss.extract.partner.PartnerConnection;
import vn.ecomdss.extract.partner.PartnerCredentials;
import vn.ecomdss.extract.partner.PartnerSession;
import vn.ecomdss.extract.partner.PartnerToken;
import vn.ecomdss.extract.partner.PartnerTokenStore;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.SourceDefinition;
import vn.ecomdss.testsupport.partners.ShopeeOpenPlatformFake;

/** The reader's walk against a fake of its own, without the platform: restarts and what a left-out item does. */
class ShopeeReaderTest {

    private static final EntityDefinition PRODUCTS = new EntityDefinition("products",
            ShopeeReader.ITEM_LIST + "?item_status=NORMAL,UNLIST", "item", "/item_id", "product", Map.of(), Map.of(),
            null, null, false, false, new EntityDefinition.Incremental("/update_time", null, "timestamp"), null, null);
    private static final EntityDefinition ORDERS = new EntityDefinition("orders", ShopeeReader.ORDER_LIST,
            "order_list", "/order_sn", "order", Map.of(), Map.of(), null, null, false, false,
            new EntityDefinition.Incremental("/update_time", null, "timestamp"), null, null);

    private ShopeeOpenPlatformFake shopee;
    private PartnerSession session;

    @BeforeEach
    void start() {
        shopee = ShopeeOpenPlatformFake.start();
        ShopeeOpenPlatformFake.Credentials shop = shopee.credentials();
        PartnerCredentials credentials = new PartnerCredentials(Long.toString(shop.partnerId()), shop.partnerKey(),
                shopee.authorizeShop(), null, null, Long.toString(shop.shopId()));
        JsonHttpClient http = new JsonHttpClient(JsonMapper.builder().build(), Duration.ofSeconds(10), 2, "test",
                RequestThrottle.of(new SourceDefinition.RateLimit(0, 1)));
        ShopeeApi api = new ShopeeApi(shopee.baseUri(), shopee.baseUri(), new PartnerConnection("shopee",
                credentials, http, JsonMapper.builder().build(), Clock.systemUTC(), n -> { }));
        session = PartnerSession.of("shopee", api, credentials, new InMemoryTokens(), 2);
    }

    @AfterEach
    void stop() {
        shopee.close();
    }

    @Test
    void aRestartedReadAsksAgainForThePageItWasInAndReadsEveryOrderOnce() {
        SourceDefinition source = source(7, ORDERS);
        ExecutionContext context = new ExecutionContext();
        ShopeeReader first = new ShopeeReader(source, session, new SourceProgress() { }, Map.of(), Clock.systemUTC());
        first.open(context);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            seen.add(first.read().item().path("order_sn").asString());
        }
        // The last chunk commit saved the position; the process dies and a new reader opens on what was saved.
        first.update(context);
        int detailCalls = shopee.requestCount(ShopeeOpenPlatformFake.GET_ORDER_DETAIL);

        ShopeeReader second = new ShopeeReader(source, session, new SourceProgress() { }, Map.of(), Clock.systemUTC());
        second.open(context);
        List<JsonNode> rest = readAll(second);
        rest.forEach(order -> seen.add(order.path("order_sn").asString()));

        assertThat(seen).containsExactlyElementsOf(shopee.orderSns());
        assertThat(rest).allSatisfy(order -> assertThat(order.path("item_list").isArray()).isTrue());
        // It was at the fourth record of the third page (offset 14): that page and the six after it, to order 60.
        assertThat(shopee.requestCount(ShopeeOpenPlatformFake.GET_ORDER_DETAIL) - detailCalls)
                .as("no page before the one it was in is completed again").isEqualTo(7);
    }

    @Test
    void anItemLeftOutTwiceLandsFromItsListingAndHoldsTheWatermarkBeforeIt() {
        long withheld = shopee.itemIds().get(4);
        shopee.withholdItems(withheld);
        ShopeeReader reader = new ShopeeReader(source(100, PRODUCTS), session, new SourceProgress() { }, Map.of(),
                Clock.systemUTC());
        reader.open(new ExecutionContext());

        List<JsonNode> items = readAll(reader);

        assertThat(items).hasSize(shopee.itemIds().size());
        JsonNode landed = items.stream().filter(i -> i.path("item_id").asLong() == withheld).findFirst().orElseThrow();
        assertThat(landed.has("item_name")).isFalse();
        assertThat(landed.path("detail_missing").asString())
                .startsWith(ShopeeReader.ITEM_BASE_INFO + " left " + withheld + " out twice (warning: ");
        assertThat(items).filteredOn(i -> i.path("item_id").asLong() != withheld)
                .allSatisfy(i -> assertThat(i.path("item_name").asString()).isNotEmpty());
        assertThat(shopee.requestCount(ShopeeOpenPlatformFake.GET_ITEM_BASE_INFO)).isEqualTo(2);
        assertThat(reader.newWatermarks().get("products"))
                .isEqualTo(Instant.ofEpochSecond(landed.path("update_time_epoch").asLong() - 1).toString());
    }

    private static List<JsonNode> readAll(ShopeeReader reader) {
        List<JsonNode> records = new ArrayList<>();
        for (FetchedRecord record = reader.read(); record != null; record = reader.read()) {
            records.add(record.item());
        }
        return records;
    }

    private SourceDefinition source(int pageSize, EntityDefinition entity) {
        Map<String, EntityDefinition> entities = new LinkedHashMap<>();
        entities.put(entity.name(), entity);
        return new SourceDefinition("sources/shopee.yml", "shopee", "shopee", shopee.baseUri().toString(), null, "VND",
                new SourceDefinition.Paging("offset-limit", "page_size", "offset", pageSize, null),
                Duration.ofSeconds(10), 2, entities, new SourceDefinition.RateLimit(0, 1), "continue", "test", null);
    }

    /** The token store of one test: the session reads and writes its tokens here instead of PostgreSQL. */
    private static final class InMemoryTokens extends PartnerTokenStore {
        private PartnerToken token;

        InMemoryTokens() {
            super(null, null);
        }

        @Override
        public Optional<PartnerToken> load(String source) {
            return Optional.ofNullable(token);
        }

        @Override
        public void save(String source, PartnerToken token) {
            this.token = token;
        }
    }
}
