package vn.ecomdss.testsupport.partners;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests per path received by a fake, refused ones included. */
final class RequestCounts {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void record(String path) {
        counts.computeIfAbsent(path, p -> new LongAdder()).increment();
    }

    int count(String path) {
        LongAdder adder = counts.get(path);
        return adder == null ? 0 : adder.intValue();
    }

    Map<String, Integer> snapshot() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        counts.forEach((path, adder) -> copy.put(path, adder.intValue()));
        return copy;
    }
}
