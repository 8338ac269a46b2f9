package vn.ecomdss.ml;

import java.util.Arrays;

/** Rank-based held-out figures of the customer models: Spearman's correlation and the area under the ROC curve. */
final class RankMetrics {

    private RankMetrics() {
    }

    /** Spearman's rank correlation of {@code a} and {@code b} (ties get their average rank); NaN when one is flat. */
    static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = Arrays.stream(ra).average().orElse(0);
        double mb = Arrays.stream(rb).average().orElse(0);
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < ra.length; i++) {
            cov += (ra[i] - ma) * (rb[i] - mb);
            va += (ra[i] - ma) * (ra[i] - ma);
            vb += (rb[i] - mb) * (rb[i] - mb);
        }
        return va == 0 || vb == 0 ? Double.NaN : cov / Math.sqrt(va * vb);
    }

    /**
     * The area under the ROC curve of {@code score} for the positives of {@code positive}: the chance that a positive
     * scores above a negative, ties counting half (the Mann-Whitney statistic); NaN without both classes.
     */
    static double auc(double[] score, boolean[] positive) {
        double[] ranks = ranks(score);
        long positives = 0;
        double rankSum = 0;
        for (int i = 0; i < score.length; i++) {
            if (positive[i]) {
                positives++;
                rankSum += ranks[i];
            }
        }
        long negatives = score.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** 1-based ranks, ties averaged. */
    static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
        double[] ranks = new double[values.length];
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }
}
