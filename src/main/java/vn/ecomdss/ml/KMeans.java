package vn.ecomdss.ml;

import java.util.Random;

/**
 * Lloyd's k-means on rows already standardised, seeded by k-means++ from a {@link Random} of the given seed and
 * restarted {@code restarts} times (the lowest within-cluster sum of squares wins): the same rows and seed give the
 * same centroids. Also the silhouette of any labelling, which judges both the clusters and the baseline's buckets.
 */
final class KMeans {

    private KMeans() {
    }

    /** The centroids ({@code k} rows) of {@code x}. */
    static double[][] fit(double[][] x, int k, int restarts, int iterations, long seed) {
        if (x.length < k) {
            throw new IllegalArgumentException(x.length + " rows cannot make " + k + " clusters");
        }
        Random random = new Random(seed);
        double[][] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int r = 0; r < restarts; r++) {
            double[][] centroids = plusPlus(x, k, random);
            int[] labels = new int[x.length];
            for (int it = 0; it < iterations; it++) {
                boolean changed = it == 0;
                for (int i = 0; i < x.length; i++) {
                    int label = nearest(centroids, x[i]);
                    changed |= label != labels[i];
                    labels[i] = label;
                }
                double[][] sums = new double[k][x[0].length];
                int[] counts = new int[k];
                for (int i = 0; i < x.length; i++) {
                    counts[labels[i]]++;
                    for (int j = 0; j < x[i].length; j++) {
                        sums[labels[i]][j] += x[i][j];
                    }
                }
                for (int c = 0; c < k; c++) {
                    if (counts[c] == 0) {
                        centroids[c] = x[random.nextInt(x.length)].clone();
                        changed = true;
                    } else {
                        for (int j = 0; j < sums[c].length; j++) {
                            centroids[c][j] = sums[c][j] / counts[c];
                        }
                    }
                }
                if (!changed) {
                    break;
                }
            }
            double cost = 0;
            for (double[] row : x) {
                cost += distance2(centroids[nearest(centroids, row)], row);
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = centroids;
            }
        }
        return best;
    }

    private static double[][] plusPlus(double[][] x, int k, Random random) {
        double[][] centroids = new double[k][];
        centroids[0] = x[random.nextInt(x.length)].clone();
        double[] d = new double[x.length];
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < x.length; i++) {
                double min = Double.POSITIVE_INFINITY;
                for (int p = 0; p < c; p++) {
                    min = Math.min(min, distance2(centroids[p], x[i]));
                }
                d[i] = min;
                total += min;
            }
            double r = random.nextDouble() * total;
            int chosen = x.length - 1;
            for (int i = 0; i < x.length; i++) {
                r -= d[i];
                if (r < 0) {
                    chosen = i;
                    break;
                }
            }
            centroids[c] = x[chosen].clone();
        }
        return centroids;
    }

    static int nearest(double[][] centroids, double[] row) {
        int best = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double d = distance2(centroids[c], row);
            if (d < min) {
                min = d;
                best = c;
            }
        }
        return best;
    }

    static double distance2(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return sum;
    }

    /** The mean silhouette of {@code labels} over {@code x} (a row alone in its cluster counts 0); NaN below two labels. */
    static double silhouette(double[][] x, int[] labels, int k) {
        int[] sizes = new int[k];
        for (int label : labels) {
            sizes[label]++;
        }
        long used = java.util.Arrays.stream(sizes).filter(s -> s > 0).count();
        if (used < 2) {
            return Double.NaN;
        }
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double[] sums = new double[k];
            for (int j = 0; j < x.length; j++) {
                if (i != j) {
                    sums[labels[j]] += Math.sqrt(distance2(x[i], x[j]));
                }
            }
            if (sizes[labels[i]] <= 1) {
                continue;
            }
            double a = sums[labels[i]] / (sizes[labels[i]] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != labels[i] && sizes[c] > 0) {
                    b = Math.min(b, sums[c] / sizes[c]);
                }
            }
            total += (b - a) / Math.max(a, b);
        }
        return total / x.length;
    }
}
