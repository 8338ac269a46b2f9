package vn.ecomdss.transform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Remembers the answers of a pure lookup over a small vocabulary (city spellings, payment labels), so that a
 * million records do not fold and search the same hundred strings a million times. Holds at most {@code capacity}
 * answers, dropping the least recently used; one per transformer, which a step uses from one thread.
 */
final class LookupCache<K, V> {

    private final Function<K, V> lookup;
    private final Map<K, V> answers;

    LookupCache(int capacity, Function<K, V> lookup) {
        this.lookup = lookup;
        this.answers = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    V get(K key) {
        V answer = answers.get(key);
        if (answer == null) {
            answer = lookup.apply(key);
            answers.put(key, answer);
        }
        return answer;
    }
}
