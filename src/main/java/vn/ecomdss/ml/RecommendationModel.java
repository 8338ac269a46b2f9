package vn.ecomdss.ml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trained recommendations model: the catalogue it knows (products keyed by source and id, in key order, so each
 * source's products are one range), each product's factors and popularity (customers who bought it), and each
 * product's "frequently bought together" products. A customer's top products are folded in from their purchases, and
 * only the customer's own source's products are offered.
 */
final class RecommendationModel {

    private static final int FORMAT = 1;

    /** A product offered: its index in the catalogue and its score (the factors' dot product, 6 decimals). */
    record Ranked(int item, double score) {
    }

    /** A product bought with another: cosine of their orders, lift, and the orders holding both. */
    record Related(int item, double cosine, double lift, int ordersTogether) {
    }

    private final ImplicitAls.Settings settings;
    private final List<String> keys;
    private final Map<String, Integer> index = new HashMap<>();
    private final int[] popularity;
    private final double[][] factors;
    private final double[][] gram;
    private final List<List<Related>> related;

    RecommendationModel(ImplicitAls.Settings settings, List<String> keys, int[] popularity, double[][] factors,
                        List<List<Related>> related) {
        this.settings = settings;
        this.keys = keys;
        for (int i = 0; i < keys.size(); i++) {
            index.put(keys.get(i), i);
        }
        this.popularity = popularity;
        this.factors = factors;
        this.gram = ImplicitAls.gram(factors, settings.factors());
        this.related = related;
    }

    static String key(String source, String id) {
        return source + '\u001f' + id;
    }

    static String source(String key) {
        return key.substring(0, key.indexOf('\u001f'));
    }

    static String id(String key) {
        return key.substring(key.indexOf('\u001f') + 1);
    }

    Integer indexOf(String key) {
        return index.get(key);
    }

    String keyOf(int item) {
        return keys.get(item);
    }

    int items() {
        return keys.size();
    }

    List<Related> related(int item) {
        return related.get(item);
    }

    /**
     * The {@code n} best products of {@code source} for a customer who bought {@code purchases} (catalogue indexes
     * and orders; unknown products left out by the caller), none of those bought: by score, then popularity, then key.
     */
    List<Ranked> recommend(String source, ImplicitAls.Row purchases, int n) {
        double[] customer = ImplicitAls.solve(settings, factors, gram, purchases);
        Set<Integer> bought = new java.util.HashSet<>();
        for (int i : purchases.index()) {
            bought.add(i);
        }
        int[] range = range(source);
        List<Ranked> ranked = new ArrayList<>();
        for (int item = range[0]; item < range[1]; item++) {
            if (!bought.contains(item)) {
                double score = 0;
                for (int f = 0; f < customer.length; f++) {
                    score += customer[f] * factors[item][f];
                }
                ranked.add(new Ranked(item, Math.round(score * 1e6) / 1e6));
            }
        }
        ranked.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score())
                : popularity[a.item()] != popularity[b.item()] ? Integer.compare(popularity[b.item()], popularity[a.item()])
                : Integer.compare(a.item(), b.item()));
        return ranked.subList(0, Math.min(n, ranked.size()));
    }

    /** The catalogue indexes {@code [from, to)} of {@code source}'s products. */
    private int[] range(String source) {
        String first = source + '\u001f';
        int from = -Collections.binarySearch(keys, first) - 1;
        int to = from;
        while (to < keys.size() && keys.get(to).startsWith(first)) {
            to++;
        }
        return new int[] {from, to};
    }

    byte[] artifact() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeInt(keys.size());
            out.writeInt(settings.factors());
            for (int i = 0; i < keys.size(); i++) {
                out.writeUTF(keys.get(i));
                out.writeInt(popularity[i]);
                for (double v : factors[i]) {
                    out.writeDouble(v);
                }
                out.writeInt(related.get(i).size());
                for (Related r : related.get(i)) {
                    out.writeInt(r.item());
                    out.writeDouble(r.cosine());
                    out.writeDouble(r.lift());
                    out.writeInt(r.ordersTogether());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A model saved by {@link #artifact}, with the settings it was trained with. */
    static RecommendationModel load(ImplicitAls.Settings settings, byte[] artifact) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(artifact))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalStateException("The recommendations artifact has format " + format + ", this code reads "
                        + FORMAT + ": retrain the model");
            }
            int items = in.readInt();
            int k = in.readInt();
            List<String> keys = new ArrayList<>(items);
            int[] popularity = new int[items];
            double[][] factors = new double[items][k];
            List<List<Related>> related = new ArrayList<>(items);
            for (int i = 0; i < items; i++) {
                keys.add(in.readUTF());
                popularity[i] = in.readInt();
                for (int f = 0; f < k; f++) {
                    factors[i][f] = in.readDouble();
                }
                int n = in.readInt();
                List<Related> list = new ArrayList<>(n);
                for (int r = 0; r < n; r++) {
                    list.add(new Related(in.readInt(), in.readDouble(), in.readDouble(), in.readInt()));
                }
                related.add(list);
            }
            return new RecommendationModel(settings, keys, popularity, factors, related);
        } catch (IOException e) {
            throw new IllegalStateException("The recommendations artifact cannot be read: " + e.getMessage(), e);
        }
    }
}
