package vn.ecomdss.simulator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Random streams keyed by (seed, stream name, keys) rather than drawn from one shared sequence, so
 * that any record can be regenerated on its own and adding a record never shifts the others.
 */
final class SeededRandom {

    private SeededRandom() {
    }

    static SplittableRandom of(long seed, String stream, long... keys) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ stream.hashCode());
        for (long key : keys) {
            h = mix(h + key * 0xBF58476D1CE4E5B9L);
        }
        return new SplittableRandom(h);
    }

    static double unit(long seed, String stream, long... keys) {
        return of(seed, stream, keys).nextDouble();
    }

    static <T> T pick(SplittableRandom random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    static <T> T pickWeighted(SplittableRandom random, List<T> items, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return items.get(i);
            }
        }
        return items.get(items.size() - 1);
    }

    static int poisson(SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            // Normal approximation: Knuth's product method underflows for large means.
            long n = Math.round(mean + Math.sqrt(mean) * gaussian(random));
            return (int) Math.max(0, n);
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = Math.max(random.nextDouble(), 1e-12);
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
