package vn.ecomdss.ml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A listing's features for the price model: its category, brand and source one-hot over the vocabulary of the
 * training listings (the most frequent ones; the rest fall into "other"), its rating and stock (with a flag when the
 * source gives none), and the competition's median log prices on the other sources for the same category and brand
 * and for the category (falling back to the wider group, then to the training median, with flags). The vocabulary is
 * stored with the model, so scoring and the API build the same vector the network was trained on.
 */
final class PriceFeatures {

    private final List<String> categories;
    private final List<String> brands;
    private final List<String> sources;
    private final double meanRating;
    private final double medianLogPrice;

    private PriceFeatures(List<String> categories, List<String> brands, List<String> sources, double meanRating,
                          double medianLogPrice) {
        this.categories = categories;
        this.brands = brands;
        this.sources = sources;
        this.meanRating = meanRating;
        this.medianLogPrice = medianLogPrice;
    }

    /** The vocabulary of {@code training}: up to {@code topCategories} categories and {@code topBrands} brands. */
    static PriceFeatures of(List<PriceListings.Listing> training, int topCategories, int topBrands) {
        double ratings = 0;
        int rated = 0;
        double[] logs = new double[training.size()];
        for (int i = 0; i < training.size(); i++) {
            PriceListings.Listing listing = training.get(i);
            logs[i] = listing.logPrice();
            if (listing.rating() != null) {
                ratings += listing.rating();
                rated++;
            }
        }
        java.util.Arrays.sort(logs);
        double median = logs.length == 0 ? 0 : logs.length % 2 == 1 ? logs[logs.length / 2]
                : (logs[logs.length / 2 - 1] + logs[logs.length / 2]) / 2;
        return new PriceFeatures(top(training, PriceListings.Listing::category, topCategories),
                top(training, PriceListings.Listing::brand, topBrands),
                top(training, PriceListings.Listing::source, 50), rated == 0 ? 0 : ratings / rated, median);
    }

    private static List<String> top(List<PriceListings.Listing> listings,
                                    java.util.function.Function<PriceListings.Listing, String> value, int limit) {
        Map<String, Integer> counts = new HashMap<>();
        listings.forEach(l -> counts.merge(value.apply(l), 1, Integer::sum));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(Map.Entry::getKey).sorted(Comparator.naturalOrder()).toList();
    }

    /** The vocabulary as the registry keeps it in the model's parameters. */
    ObjectNode json(ObjectNode node) {
        node.putArray("categories").addAll(categories.stream().map(node::textNode).toList());
        node.putArray("brands").addAll(brands.stream().map(node::textNode).toList());
        node.putArray("sources").addAll(sources.stream().map(node::textNode).toList());
        node.put("mean_rating", meanRating).put("median_log_price", medianLogPrice);
        return node;
    }

    static PriceFeatures fromJson(JsonNode node) {
        return new PriceFeatures(texts(node.path("categories")), texts(node.path("brands")), texts(node.path("sources")),
                node.path("mean_rating").asDouble(), node.path("median_log_price").asDouble());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(v -> texts.add(v.asString()));
        return List.copyOf(texts);
    }

    int size() {
        return categories.size() + brands.size() + sources.size() + 3 + 4 + 6;
    }

    float[] of(PriceListings.Listing listing, PriceListings.Competition competition) {
        float[] x = new float[size()];
        int at = oneHot(x, 0, categories, listing.category());
        at = oneHot(x, at, brands, listing.brand());
        at = oneHot(x, at, sources, listing.source());
        x[at++] = (float) (listing.rating() == null ? meanRating : listing.rating());
        x[at++] = listing.rating() == null ? 1 : 0;
        x[at++] = (float) Math.log1p(listing.stock() == null ? 0 : Math.max(0, listing.stock()));
        x[at++] = listing.stock() == null ? 1 : 0;
        double category = Double.isNaN(competition.sameCategory()) ? medianLogPrice : competition.sameCategory();
        double brand = Double.isNaN(competition.sameBrand()) ? category : competition.sameBrand();
        x[at++] = (float) brand;
        x[at++] = Double.isNaN(competition.sameBrand()) ? 1 : 0;
        x[at++] = (float) category;
        x[at++] = Double.isNaN(competition.sameCategory()) ? 1 : 0;
        x[at++] = (float) Math.log1p(competition.sameBrandListings());
        x[at++] = (float) Math.log1p(competition.sameCategoryListings());
        return x;
    }

    /** Sets the slot of {@code value} among {@code vocabulary} (the last slot for any other value). */
    private static int oneHot(float[] x, int at, List<String> vocabulary, String value) {
        int index = java.util.Collections.binarySearch(vocabulary, value);
        x[at + (index >= 0 ? index : vocabulary.size())] = 1;
        return at + vocabulary.size() + 1;
    }

    /** The features of every listing of one snapshot, in order. */
    float[][] of(List<PriceListings.Listing> listings, Map<PriceListings.Listing, PriceListings.Competition> competition) {
        float[][] x = new float[listings.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = of(listings.get(i), competition.get(listings.get(i)));
        }
        return x;
    }

    static Map<String, Double> categoryMedians(List<PriceListings.Listing> training) {
        Map<String, List<Double>> prices = new LinkedHashMap<>();
        training.forEach(l -> prices.computeIfAbsent(l.category(), k -> new ArrayList<>()).add(l.priceVnd()));
        Map<String, Double> medians = new HashMap<>();
        prices.forEach((category, values) -> {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            medians.put(category, n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2);
        });
        return medians;
    }
}
