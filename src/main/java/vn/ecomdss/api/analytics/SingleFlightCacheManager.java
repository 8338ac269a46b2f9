package vn.ecomdss.api.analytics;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.support.AbstractValueAdaptingCache;

/**
 * Lets one request per key and process compute a missing answer while the others for that key wait for it, in
 * front of a cache that does not do so itself: Redis's cache takes no lock, so sixteen first requests for one
 * analytics answer ran sixteen scans of the facts and emptied the connection pool. A read or write the store
 * refuses (Redis gone) still reaches the application's cache error handler, which answers from the warehouse.
 */
final class SingleFlightCacheManager implements CacheManager {

    private final CacheManager delegate;
    private final Map<String, Cache> caches = new ConcurrentHashMap<>();

    SingleFlightCacheManager(CacheManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public Cache getCache(String name) {
        Cache cache = delegate.getCache(name);
        return cache == null ? null : caches.computeIfAbsent(name, n -> new SingleFlightCache(cache));
    }

    @Override
    public Collection<String> getCacheNames() {
        return delegate.getCacheNames();
    }

    private static final class SingleFlightCache extends AbstractValueAdaptingCache {

        private final Cache store;
        private final Map<Object, ReentrantLock> loading = new ConcurrentHashMap<>();

        SingleFlightCache(Cache store) {
            super(false);
            this.store = store;
        }

        @Override
        public String getName() {
            return store.getName();
        }

        @Override
        public Object getNativeCache() {
            return store.getNativeCache();
        }

        @Override
        protected Object lookup(Object key) {
            ValueWrapper value = store.get(key);
            return value == null ? null : value.get();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get(Object key, Callable<T> valueLoader) {
            ValueWrapper cached = store.get(key);
            if (cached != null) {
                return (T) cached.get();
            }
            ReentrantLock lock = loading.computeIfAbsent(key, k -> new ReentrantLock());
            lock.lock();
            try {
                cached = store.get(key);
                if (cached != null) {
                    return (T) cached.get();
                }
                T value;
                try {
                    value = valueLoader.call();
                } catch (Exception e) {
                    throw new ValueRetrievalException(key, valueLoader, e);
                }
                store.put(key, value);
                return value;
            } finally {
                lock.unlock();
                loading.remove(key, lock);
            }
        }

        @Override
        public void put(Object key, Object value) {
            store.put(key, value);
        }

        @Override
        public void evict(Object key) {
            store.evict(key);
        }

        @Override
        public void clear() {
            store.clear();
        }
    }
}
