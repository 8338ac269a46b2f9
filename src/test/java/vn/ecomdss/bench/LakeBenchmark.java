package vn.ecomdss.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import vn.ecomdss.DssApplication;
import vn.ecomdss.lake.DataLake;
import vn.ecomdss.lake.LakeReader;
import vn.ecomdss.lake.RawEnvelope;

/**
 * The lake's own throughput, without a source in front of it: {@code envelopes} order-line envelopes (about 600
 * bytes of payload each, like vnmarket's) written in chunks of {@code chunk} through {@link DataLake#store} as an
 * extract step writes them, the same envelopes stored again by a second run (an unchanged daily snapshot), then one
 * run's envelopes read back through {@link LakeReader} as a transform reads them. Each phase is timed apart and the
 * counts are checked; a count that is wrong exits 1. Run it with {@code ops/bench/lake-throughput.sh}.
 */
public final class LakeBenchmark {

    private LakeBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("arguments are key=value (envelopes, chunk, runs, data-dir), got '"
                        + argument + "'");
            }
            args.put(argument.substring(0, eq), argument.substring(eq + 1));
        }
        int envelopes = Integer.parseInt(args.getOrDefault("envelopes", "100000"));
        int chunk = Integer.parseInt(args.getOrDefault("chunk", "1000"));
        int runs = Integer.parseInt(args.getOrDefault("runs", "1"));
        Path dataDir = Path.of(args.getOrDefault("data-dir", "target/lake-bench-data")).toAbsolutePath();
        WarehouseBenchmark.deleteRecursively(dataDir);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DssApplication.class)
                .run("--dss.data-dir=" + dataDir, "--logging.level.vn.ecomdss=WARN")) {
            DataLake lake = context.getBean(DataLake.class);
            boolean correct = true;
            System.out.printf("lake: %,d envelopes in chunks of %,d (mongo-java-server on H2 unless dss.mongodb.uri"
                    + " is set)%n", envelopes, chunk);
            for (int run = 1; run <= runs; run++) {
                String source = "lake-bench-" + run;
                String first = source + "-day-1";
                double written = write(lake, source, first, envelopes, chunk);
                double again = write(lake, source, source + "-day-2", envelopes, chunk);
                long start = System.nanoTime();
                long read = read(lake, first, source);
                double reading = (System.nanoTime() - start) / 1e9;
                System.out.printf("run %d: new envelopes %,9.0f/s (%.1f s)  unchanged again %,9.0f/s (%.1f s)  "
                                + "read %,9.0f/s (%.1f s)%n", run, envelopes / written, written, envelopes / again,
                        again, read / reading, reading);
                if (read != envelopes) {
                    System.out.printf("  WRONG: read %,d envelopes of %,d%n", read, envelopes);
                    correct = false;
                }
                long stored = lake.template().getCollection(DataLake.ENVELOPES)
                        .countDocuments(new Document("source", source));
                if (stored != envelopes) {
                    System.out.printf("  WRONG: the lake holds %,d envelopes of %,d (the second run must add none)%n",
                            stored, envelopes);
                    correct = false;
                }
            }
            if (!correct) {
                System.exit(1);
            }
        }
    }

    /** Stores {@code count} envelopes of {@code source} as run {@code runId} saw them; the seconds it took. */
    private static double write(DataLake lake, String source, String runId, int count, int chunk) {
        Instant fetched = Instant.parse("2026-11-20T02:00:00Z");
        long start = System.nanoTime();
        List<RawEnvelope> batch = new ArrayList<>(chunk);
        for (int i = 0; i < count; i++) {
            Document payload = orderLine(i);
            batch.add(RawEnvelope.of(source, "order_lines", "O" + i + "-1", payload, payload.toJson(), runId, fetched));
            if (batch.size() == chunk || i == count - 1) {
                lake.store(batch);
                batch.clear();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static long read(DataLake lake, String runId, String source) throws Exception {
        LakeReader reader = new LakeReader(lake, runId, List.of(new LakeReader.Listing(source, "order_lines")));
        reader.open(new ExecutionContext());
        long read = 0;
        while (reader.read() != null) {
            read++;
        }
        reader.close();
        return read;
    }

    /** An order line shaped like vnmarket's, deterministic in {@code i}. */
    private static Document orderLine(int i) {
        return new Document("order_id", "O" + i).append("line_number", 1)
                .append("order_ts", "2026-11-20T09:" + String.format("%02d", i % 60) + ":00+07:00")
                .append("customer", new Document("id", "C" + (i % 100_000)).append("name", "Nguyễn Văn An")
                        .append("phone", "0912345678").append("city", "TP. Hồ Chí Minh"))
                .append("product", new Document("id", "P" + (i % 20_000)).append("title", "Điện thoại Galaxy A15 128GB")
                        .append("category", "Điện thoại").append("brand", "Samsung"))
                .append("platform", "shopee").append("quantity", 1 + i % 3).append("unit_price", 4_990_000)
                .append("discount", 0).append("payment_method", "COD").append("status", "delivered")
                .append("voucher", i % 5 == 0 ? "SALE11" : null).append("currency", "VND");
    }
}
