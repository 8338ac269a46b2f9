package vn.ecomdss.ml;

import java.util.List;
import java.util.Random;

/**
 * Implicit-feedback alternating least squares (Hu, Koren and Volinsky 2008) in plain Java: every unbought product
 * counts as a weak "no", a bought one as a "yes" with confidence {@code 1 + alpha × orders}. Chosen over a
 * DJL-trained BPR because each half-step is a closed-form solve: no learning rate or negative sampling to tune, a
 * few sweeps converge, and the same seed gives the same factors bit for bit on any thread count. The model is the
 * item factors alone; a customer's factors are folded in from their purchases whenever they are needed (training's
 * held-out check, the batch scoring and the API alike), so a customer who bought since training is served too.
 */
final class ImplicitAls {

    /** The hyperparameters, as the model's options and the registry hold them. */
    record Settings(int factors, int iterations, double regularization, double alpha, long seed) {
    }

    /** One row's (a customer's or an item's) purchases: the other side's indexes and how many orders held them. */
    record Row(int[] index, int[] orders) {
    }

    private ImplicitAls() {
    }

    /** The item factors ({@code items × factors}) fitted to {@code customers}' purchases of {@code items} items. */
    static double[][] train(Settings settings, List<Row> customers, int items) {
        Random random = new Random(settings.seed());
        double[][] y = new double[items][settings.factors()];
        for (double[] row : y) {
            for (int f = 0; f < row.length; f++) {
                row[f] = 0.1 * random.nextGaussian();
            }
        }
        List<Row> byItem = transpose(customers, items);
        for (int iteration = 0; iteration < settings.iterations(); iteration++) {
            double[][] x = solveAll(settings, customers, y);
            y = solveAll(settings, byItem, x);
        }
        return y;
    }

    /** {@code fixed}ᵀ{@code fixed}, shared by every row's solve against those factors. */
    static double[][] gram(double[][] fixed, int k) {
        double[][] g = new double[k][k];
        for (double[] f : fixed) {
            for (int a = 0; a < k; a++) {
                for (int b = a; b < k; b++) {
                    g[a][b] += f[a] * f[b];
                }
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < a; b++) {
                g[a][b] = g[b][a];
            }
        }
        return g;
    }

    /**
     * The factors of one row given the other side's: (FᵀF + Fᵀ(C − I)F + λI)⁻¹ FᵀCp. A row without purchases gets
     * zeros (it ranks nothing above anything; popularity breaks the tie).
     */
    static double[] solve(Settings settings, double[][] fixed, double[][] gram, Row row) {
        int k = gram.length;
        double[] b = new double[k];
        if (row.index().length == 0) {
            return b;
        }
        double[][] a = new double[k][k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(gram[i], 0, a[i], 0, k);
            a[i][i] += settings.regularization();
        }
        for (int n = 0; n < row.index().length; n++) {
            double[] f = fixed[row.index()[n]];
            double c = 1 + settings.alpha() * row.orders()[n];
            for (int i = 0; i < k; i++) {
                b[i] += c * f[i];
                double w = (c - 1) * f[i];
                for (int j = 0; j < k; j++) {
                    a[i][j] += w * f[j];
                }
            }
        }
        return cholesky(a, b);
    }

    private static double[][] solveAll(Settings settings, List<Row> rows, double[][] fixed) {
        double[][] gram = gram(fixed, settings.factors());
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = solve(settings, fixed, gram, rows.get(r));
        }
        return out;
    }

    private static List<Row> transpose(List<Row> rows, int columns) {
        int[] counts = new int[columns];
        rows.forEach(r -> {
            for (int i : r.index()) {
                counts[i]++;
            }
        });
        int[][] index = new int[columns][];
        int[][] orders = new int[columns][];
        for (int c = 0; c < columns; c++) {
            index[c] = new int[counts[c]];
            orders[c] = new int[counts[c]];
        }
        int[] filled = new int[columns];
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            for (int n = 0; n < row.index().length; n++) {
                int c = row.index()[n];
                index[c][filled[c]] = r;
                orders[c][filled[c]++] = row.orders()[n];
            }
        }
        return java.util.stream.IntStream.range(0, columns).mapToObj(c -> new Row(index[c], orders[c])).toList();
    }

    /** Solves the symmetric positive definite {@code a} x = {@code b}. */
    private static double[] cholesky(double[][] a, double[] b) {
        int k = b.length;
        double[][] l = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int m = 0; m < j; m++) {
                    sum -= l[i][m] * l[j][m];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j][j];
            }
        }
        double[] z = new double[k];
        for (int i = 0; i < k; i++) {
            double sum = b[i];
            for (int m = 0; m < i; m++) {
                sum -= l[i][m] * z[m];
            }
            z[i] = sum / l[i][i];
        }
        double[] x = new double[k];
        for (int i = k - 1; i >= 0; i--) {
            double sum = z[i];
            for (int m = i + 1; m < k; m++) {
                sum -= l[m][i] * x[m];
            }
            x[i] = sum / l[i][i];
        }
        return x;
    }
}
