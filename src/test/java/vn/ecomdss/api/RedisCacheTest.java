package vn.ecomdss.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import vn.ecomdss.testsupport.RedisServer;

/**
 * With {@code dss.redis.url} set, analytics answers are kept in a real redis-server and served from it; when that
 * server is killed, the API keeps answering from the warehouse, and caches again once Redis is back.
 */
class RedisCacheTest extends AnalyticsTestSupport {

    private static final RedisServer REDIS = RedisServer.start();
    private static final String MARKET_SHARE = """
            select platform_code, sum(revenue_vnd) as revenue_vnd,
                   round(sum(revenue_vnd) / sum(sum(revenue_vnd)) over (), 4) as share
            from mart.mv_platform_comparison group by 1 order by 2 desc, 1
            """;

    @Autowired
    StringRedisTemplate redis;

    @DynamicPropertySource
    static void redisUrl(DynamicPropertyRegistry registry) {
        registry.add("dss.redis.url", REDIS::url);
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    /**
     * Connects the application's Redis client before a test counts keys: its first connection on a busy machine can
     * outlast the one-second command timeout, and the cache then rightly answers without keeping the value.
     */
    @BeforeEach
    void redisIsConnected() {
        assertThat(redis.execute((RedisCallback<String>) RedisConnection::ping)).isEqualTo("PONG");
    }

    @Test
    void answersAreKeptInRedisAsJsonOfTheirTypeAndServedFromThere() {
        assertThat(cacheManager.getCache("analytics.revenue-monthly").getNativeCache())
                .as("the answers' store is Redis").isInstanceOf(RedisCacheWriter.class);
        String path = "/api/v1/analytics/revenue/monthly?size=5";
        JsonNode first = ok(path);
        assertRows(first.path("content"), jdbc.queryForList("""
                select * from mart.mv_monthly_sales order by month, platform_code, region limit 5
                """), "month", "month", "platform_code", "platform", "region", "region", "revenue_vnd", "revenueVnd");
        long total = first.path("totalElements").asLong();

        Set<String> keys = redis.keys("dss:analytics.revenue-monthly::*");
        assertThat(keys).hasSize(1);
        String key = keys.iterator().next();
        String stored = redis.opsForValue().get(key);
        assertThat(stored).contains("\"totalElements\":" + total).doesNotContain("@class");
        assertThat(redis.getExpire(key)).isBetween(1L, 60L);

        redis.opsForValue().set(key, stored.replace("\"totalElements\":" + total, "\"totalElements\":987654321"));
        assertThat(ok(path).path("totalElements").asLong()).as("the answer is read from Redis").isEqualTo(987654321L);

        JsonNode kpis = ok("/api/v1/analytics/kpis/revenue?region=SOUTH");
        assertThat(redis.keys("dss:analytics.kpi-revenue::*")).hasSize(1);
        assertThat(redis.keys("dss:analytics.regions::*")).hasSize(1);
        assertThat(ok("/api/v1/analytics/kpis/revenue?region=SOUTH")).isEqualTo(kpis);
    }

    @Test
    void whenRedisIsKilledTheApiAnswersFromTheWarehouseAndCachesAgainOnceItIsBack() throws Exception {
        String path = "/api/v1/analytics/kpis/market-share";
        ok(path);
        assertThat(redis.keys("dss:analytics.kpi-market-share::*")).hasSize(1);

        REDIS.kill();
        try {
            assertThat(REDIS.answersPing()).isFalse();
            for (int i = 0; i < 3; i++) {
                assertRows(ok(path).path("platforms"), jdbc.queryForList(MARKET_SHARE), "platform_code", "platform",
                        "revenue_vnd", "revenueVnd", "share", "share");
            }
            JsonNode graphql = graphql("{ kpis { marketShare { platforms { platform revenueVnd share } } } }");
            assertRows(graphql.path("data").path("kpis").path("marketShare").path("platforms"),
                    jdbc.queryForList(MARKET_SHARE), "platform_code", "platform", "revenue_vnd", "revenueVnd",
                    "share", "share");
            assertThat(get("/actuator/health", null).json().path("status").asString())
                    .as("an optional cache is not the server's health").isEqualTo("UP");
        } finally {
            REDIS.restart();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> cachedAgain = List.of();
        while (cachedAgain.isEmpty() && System.nanoTime() < deadline) {
            ok(path);
            cachedAgain = List.copyOf(keysOrNone("dss:analytics.kpi-market-share::*"));
            if (cachedAgain.isEmpty()) {
                Thread.sleep(200);
            }
        }
        assertThat(cachedAgain).as("cached in Redis again after it came back").hasSize(1);
        assertThat(json.readTree(redis.opsForValue().get(cachedAgain.get(0))).path("platforms").size())
                .isEqualTo(jdbc.queryForList(MARKET_SHARE).size());
    }

    /** The keys, or none while the client has not reconnected. */
    private Set<String> keysOrNone(String pattern) {
        try {
            return redis.keys(pattern);
        } catch (RuntimeException e) {
            return Set.of();
        }
    }
}
