package vn.ecomdss.api.analytics;

import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.LogFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.cache.interceptor.LoggingCacheErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.util.StringUtils;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where analytics answers are cached: in Redis when {@code dss.redis.url} ({@code DSS_REDIS_URL}) is set, so that
 * several servers share them, otherwise in process (Caffeine, bounded by size and time). In Redis each cache holds
 * JSON of its method's declared answer type, read back as that type (no class names in the values, so nothing
 * written into Redis can choose what is instantiated). A Redis failure is logged and the query runs against the
 * warehouse as if nothing were cached; Lettuce rejects commands at once while disconnected instead of queueing them,
 * so a Redis outage costs no request a timeout, and reconnects by itself when Redis is back.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
public class AnalyticsCacheConfiguration implements CachingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsCacheConfiguration.class);

    /** Every class with {@code @Cacheable} answers; each cache name belongs to one method. */
    static final List<Class<?>> CACHED = List.of(DimensionValues.class, SalesAnalytics.class, KpiAnalytics.class,
            MlOutputs.class);

    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(1);

    /** Keys are {@code dss:analytics.<answer>::<method arguments>}, so they are easy to find and to flush. */
    public static final String KEY_PREFIX = "dss:";

    @Bean
    CacheManager cacheManager(AnalyticsCacheProperties properties, @Value("${dss.redis.url:}") String redisUrl,
                              ObjectProvider<RedisConnectionFactory> redis, JsonMapper json) {
        Map<String, Method> caches = cachedMethods();
        if (redisUrl.isBlank()) {
            CaffeineCacheManager manager = new CaffeineCacheManager();
            manager.setCaffeine(Caffeine.newBuilder().expireAfterWrite(properties.ttl())
                    .maximumSize(properties.maxEntries()));
            manager.setCacheNames(caches.keySet());
            return manager;
        }
        log.info("Analytics answers are cached in Redis at {} for {}", where(redisUrl), properties.ttl());
        RedisCacheConfiguration defaults = RedisCacheConfiguration.defaultCacheConfig().entryTtl(properties.ttl())
                .disableCachingNullValues().prefixCacheNameWith(KEY_PREFIX);
        Map<String, RedisCacheConfiguration> typed = new LinkedHashMap<>();
        caches.forEach((name, method) -> {
            JavaType type = json.getTypeFactory().constructType(method.getGenericReturnType());
            typed.put(name, defaults.serializeValuesWith(RedisSerializationContext.SerializationPair.fromSerializer(
                    new JacksonJsonRedisSerializer<>(json, type))));
        });
        RedisCacheManager manager = RedisCacheManager.builder(redis.getObject()).cacheDefaults(defaults)
                .withInitialCacheConfigurations(typed).disableCreateOnMissingCache().build();
        manager.afterPropertiesSet();
        return new SingleFlightCacheManager(manager);
    }

    /**
     * The connection to {@code dss.redis.url}, made here rather than by Boot from {@code spring.data.redis.url} so
     * that an unset or empty {@code DSS_REDIS_URL} means no Redis (Boot's own factory, which then exists, is never
     * connected). A cache that answers slowly is worse than none, so connecting and each command give up after
     * {@link #REDIS_TIMEOUT}.
     */
    @Bean
    @Conditional(RedisConfigured.class)
    LettuceConnectionFactory analyticsRedisConnectionFactory(@Value("${dss.redis.url}") String url) {
        ClientOptions options = ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(REDIS_TIMEOUT).build()).build();
        LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
                .commandTimeout(REDIS_TIMEOUT).clientOptions(options);
        if (url.trim().startsWith("rediss:")) {
            client.useSsl();
        }
        return new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(url.trim()),
                client.build());
    }

    /** {@code dss.redis.url} holds more than blanks. */
    static final class RedisConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("dss.redis.url"));
        }
    }

    @Override
    public CacheErrorHandler errorHandler() {
        return new LoggingCacheErrorHandler(LogFactory.getLog(AnalyticsCacheConfiguration.class), false);
    }

    static Map<String, Method> cachedMethods() {
        Map<String, Method> caches = new LinkedHashMap<>();
        for (Class<?> type : CACHED) {
            for (Method method : type.getDeclaredMethods()) {
                Cacheable cacheable = method.getAnnotation(Cacheable.class);
                if (cacheable == null) {
                    continue;
                }
                for (String name : cacheable.cacheNames().length > 0 ? cacheable.cacheNames() : cacheable.value()) {
                    Method other = caches.put(name, method);
                    if (other != null) {
                        throw new IllegalStateException("cache " + name + " is used by both " + other + " and "
                                + method + "; each answer type needs a cache of its own");
                    }
                }
            }
        }
        return caches;
    }

    /** The Redis address without its credentials, for the log. */
    private static String where(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("dss.redis.url (DSS_REDIS_URL) is not a URL such as "
                    + "redis://host:6379: " + e.getMessage(), e);
        }
    }
}
