package vn.ecomdss.ml;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The listings the price model learns from and scores, as the warehouse knew them at the end of a day: each
 * product's version valid then ({@code dw.dim_product}), its price in VND at the rate in force
 * ({@code ops.exchange_rate}), and the competition — the median price of the same category and brand, and of the same
 * category, on the other sources at that moment. Nothing after the day is read: a later version, price or listing
 * changes no feature.
 */
@Component
public class PriceListings {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private static final String LISTINGS = """
            select p.source, p.product_id, coalesce(nullif(p.mapped_category_name, ''), nullif(p.category, ''), 'unknown'),
                   lower(coalesce(nullif(trim(p.brand), ''), 'unknown')), p.rating, p.stock,
                   p.price * r.rate_to_vnd, l.listed_from
            from dw.dim_product p
            join (select source, product_id, min(valid_from) as listed_from from dw.dim_product
                  where valid_from < ? group by 1, 2) l on l.source = p.source and l.product_id = p.product_id
            join lateral (select e.rate_to_vnd from ops.exchange_rate e
                          where e.currency = coalesce(p.currency, 'VND') and e.valid_from <= ?::date
                          order by e.valid_from desc limit 1) r on true
            where p.valid_from < ? and p.valid_to >= ? and not p.is_inferred and p.price > 0
              and (cast(? as text) is null or p.source = ?)
            order by p.source, p.product_id
            """;

    /** One listing at the end of a day; {@code rating} and {@code stock} are null when the source gives none. */
    public record Listing(String source, String productId, String category, String brand, Double rating, Integer stock,
                          double priceVnd, LocalDate listedFrom) {

        double logPrice() {
            return Math.log(priceVnd);
        }
    }

    /** The competition a listing meets: median log prices on the other sources (NaN when there is none). */
    record Competition(double sameBrand, int sameBrandListings, double sameCategory, int sameCategoryListings) {
    }

    private final JdbcTemplate jdbc;

    public PriceListings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every listing current at the end of {@code day}. */
    public List<Listing> asOf(LocalDate day) {
        return query(day, null);
    }

    /** The listings of one source at the end of {@code day} (the competition of one of them needs the others). */
    List<Listing> query(LocalDate day, String source) {
        Timestamp end = Timestamp.from(day.plusDays(1).atStartOfDay(VIETNAM).toInstant());
        return jdbc.query(LISTINGS, (rs, n) -> new Listing(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getObject(5) == null ? null : rs.getDouble(5),
                rs.getObject(6) == null ? null : rs.getInt(6), rs.getDouble(7),
                rs.getTimestamp(8).toInstant().atZone(VIETNAM).toLocalDate()), end, java.sql.Date.valueOf(day), end,
                end, source, source);
    }

    /** The competition of every listing of {@code listings}, from the same snapshot. */
    static Map<Listing, Competition> competition(List<Listing> listings) {
        Map<String, Map<String, List<Double>>> byBrand = new HashMap<>();
        Map<String, Map<String, List<Double>>> byCategory = new HashMap<>();
        for (Listing listing : listings) {
            byBrand.computeIfAbsent(listing.category() + '\u001f' + listing.brand(), k -> new HashMap<>())
                    .computeIfAbsent(listing.source(), k -> new ArrayList<>()).add(listing.logPrice());
            byCategory.computeIfAbsent(listing.category(), k -> new HashMap<>())
                    .computeIfAbsent(listing.source(), k -> new ArrayList<>()).add(listing.logPrice());
        }
        Map<String, double[]> brandMedians = new HashMap<>();
        Map<String, double[]> categoryMedians = new HashMap<>();
        Map<Listing, Competition> competition = new HashMap<>();
        for (Listing listing : listings) {
            double[] brand = brandMedians.computeIfAbsent(listing.category() + '\u001f' + listing.brand() + '\u001f'
                    + listing.source(), k -> others(byBrand.get(listing.category() + '\u001f' + listing.brand()),
                    listing.source()));
            double[] category = categoryMedians.computeIfAbsent(listing.category() + '\u001f' + listing.source(),
                    k -> others(byCategory.get(listing.category()), listing.source()));
            competition.put(listing, new Competition(brand[0], (int) brand[1], category[0], (int) category[1]));
        }
        return competition;
    }

    /** The median and count of the values of every source but {@code source}. */
    private static double[] others(Map<String, List<Double>> bySource, String source) {
        List<Double> values = new ArrayList<>();
        bySource.forEach((s, prices) -> {
            if (!s.equals(source)) {
                values.addAll(prices);
            }
        });
        if (values.isEmpty()) {
            return new double[] {Double.NaN, 0};
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new double[] {median, n};
    }
}
