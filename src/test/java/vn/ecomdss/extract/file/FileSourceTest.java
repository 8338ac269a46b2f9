package vn.ecomdss.extract.file;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ecomdss.testsupport.StepExecutions.step;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import blue.strategic.parquet.ParquetWriter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import vn.ecomdss.lake.DataLake;
import vn.ecomdss.testsupport.PlatformTestSupport;

/**
 * The shipped {@code shop-files} source through dss_etl on the shared platform, over files each test writes under
 * target/ at test time (the source's directory set as {@code dss.sources.shop-files.path}, per run, as an operator
 * would). The oracles are this source's own rows, whose order ids carry the test's tag.
 */
class FileSourceTest extends PlatformTestSupport {

    private static final String SOURCE = "shop-files";
    private static final String SETTINGS = "file-source-test-path";
    private static final MessageType ORDER_LINE = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("order_id")
            .required(PrimitiveTypeName.INT32).named("line_number")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("customer_id")
            .required(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS)).named("order_date")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("platform")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("payment_method")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("status")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("product_id")
            .required(PrimitiveTypeName.INT64).named("quantity")
            .required(PrimitiveTypeName.DOUBLE).named("unit_price")
            .required(PrimitiveTypeName.DOUBLE).named("discount")
            .named("order_line");
    private static final String CSV_HEADER = "order_id,line_number,customer_id,order_date,platform,payment_method,"
            + "status,product_id,quantity,unit_price,discount";

    @Autowired
    ConfigurableEnvironment environment;
    @Autowired
    DataLake lake;

    private Path inbox;
    private String tag;

    /** One order line as every format writes it. */
    record Line(String orderId, int lineNumber, String customerId, OffsetDateTime orderTs, String platform,
                String paymentMethod, String status, String productId, long quantity, long unitPrice, long discount) {

        Line withOrder(String prefix) {
            return new Line(prefix + orderId, lineNumber, customerId, orderTs, platform, paymentMethod, status,
                    productId, quantity, unitPrice, discount);
        }

        String csv() {
            return String.join(",", orderId, Integer.toString(lineNumber), customerId, orderTs.toString(), platform,
                    "\"" + paymentMethod + "\"", status, productId, Long.toString(quantity), unitPrice + ".00",
                    Long.toString(discount));
        }

        String json() {
            return new Document(Map.ofEntries(Map.entry("order_id", orderId), Map.entry("line_number", lineNumber),
                    Map.entry("customer_id", customerId), Map.entry("order_date", orderTs.toString()),
                    Map.entry("platform", platform), Map.entry("payment_method", paymentMethod),
                    Map.entry("status", status), Map.entry("product_id", productId), Map.entry("quantity", quantity),
                    Map.entry("unit_price", unitPrice), Map.entry("discount", discount))).toJson();
        }
    }

    @BeforeEach
    void inbox(TestInfo test) throws IOException {
        tag = "t" + Long.toString(System.nanoTime(), 36);
        inbox = Path.of("target", "file-source-test", test.getTestMethod().orElseThrow().getName() + "-" + tag)
                .toAbsolutePath();
        Files.createDirectories(inbox);
        jdbc.update("delete from ops.source_watermark where source = ?", SOURCE);
        pointSourceAt(inbox);
    }

    @AfterEach
    void forgetPath() {
        environment.getPropertySources().remove(SETTINGS);
    }

    @Test
    void csvJsonLinesAndParquetFilesOfTheSameOrderLinesLandAsTheSameFacts() throws Exception {
        List<Line> lines = orderLines(24);
        write("customers/customers.csv", customersCsv(lines));
        write("products/products.jsonl", productsJsonLines(lines));
        write("order-lines/a.csv", csv(lines.stream().map(l -> l.withOrder("C-")).toList()));
        write("order-lines/b.jsonl", lines.stream().map(l -> l.withOrder("J-").json())
                .collect(Collectors.joining("\n", "", "\n")));
        parquet("order-lines/c.parquet", lines.stream().map(l -> l.withOrder("P-")).toList());

        JobExecution run = run(tag + "-1", false);

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(run, "extract_shop_files").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long orders = lines.stream().map(Line::orderId).distinct().count();
        assertThat(lake.template().count(lake.seenBy(tag + "-1", SOURCE, "order_lines"), DataLake.ENVELOPES))
                .as("one record per order and file").isEqualTo(3 * orders);
        assertThat(lake.quarantinedCount(tag + "-1", SOURCE)).isZero();
        List<String> csvFacts = facts("C-");
        assertThat(csvFacts).hasSize(lines.size());
        assertThat(facts("J-")).containsExactlyElementsOf(csvFacts);
        assertThat(facts("P-")).containsExactlyElementsOf(csvFacts);
        assertThat(jdbc.queryForObject("select sum(net_amount) from dw.fact_sales where source = ? and order_id like ?",
                Long.class, SOURCE, "C-" + tag + "%"))
                .isEqualTo(lines.stream().mapToLong(l -> l.quantity() * l.unitPrice() - l.discount()).sum());
        assertThat(jdbc.queryForList("select distinct p.product_id from dw.fact_sales f join dw.dim_product p "
                + "using (product_key) where f.source = ? and f.order_id like ?", String.class, SOURCE, "P-" + tag + "%"))
                .containsExactlyInAnyOrderElementsOf(lines.stream().map(Line::productId).distinct().toList());
        assertThat(jdbc.queryForList("select distinct c.full_name from dw.fact_sales f join dw.dim_customer c "
                + "using (customer_key) where f.source = ? and f.order_id like ?", String.class, SOURCE, "J-" + tag + "%"))
                .containsExactlyInAnyOrderElementsOf(lines.stream().map(l -> customerName(l.customerId())).distinct().toList());
    }

    @Test
    void brokenRowsAreQuarantinedWithTheirFileLineAndReasonAndTheRestLands() throws Exception {
        List<Line> csvLines = singleLineOrders("C-", 40);
        List<String> csvRows = new ArrayList<>(csvLines.stream().map(Line::csv).toList());
        csvRows.add(10, "C-" + tag + "-bad1,1,KH-1,2025-11-04T10:00:00+07:00,shopee,COD,delivered,SP-1");
        csvRows.add(25, "C-" + tag + "-bad2,1,KH-1,2025-11-04T10:00:00+07:00,shopee,COD,delivered,SP-1,hai,1000,0");
        write("order-lines/broken.csv", CSV_HEADER + "\n" + String.join("\n", csvRows) + "\n");
        List<Line> jsonLines = singleLineOrders("J-", 30);
        List<String> jsonRows = new ArrayList<>(jsonLines.stream().map(Line::json).toList());
        jsonRows.add(7, "{\"order_id\": \"J-" + tag + "-bad3\", \"line_number\": 1,");
        write("order-lines/broken.jsonl", String.join("\n", jsonRows) + "\n");

        JobExecution run = run(tag + "-1", false);

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, String> reasons = lake.template().find(Query.query(Criteria.where("run_id").is(tag + "-1")
                        .and("source").is(SOURCE)), Document.class, DataLake.QUARANTINE).stream()
                .collect(Collectors.toMap(d -> d.getString("reason").replaceAll(".*(line \\d+).*", "$1"),
                        d -> d.getString("reason")));
        Path csv = inbox.resolve("order-lines/broken.csv");
        Path jsonl = inbox.resolve("order-lines/broken.jsonl");
        // Line 1 is the header: the row inserted at index 10 stands on line 12, the one at 25 on line 27.
        assertThat(reasons).containsOnlyKeys("line 12", "line 27", "line 8");
        assertThat(reasons.get("line 12")).contains(csv + " line 12: 8 values where the header has 11 columns");
        assertThat(reasons.get("line 27")).contains(csv + " line 27: /quantity should be integer but is 'hai'");
        assertThat(reasons.get("line 8")).contains(jsonl + " line 8: not JSON");
        assertThat(jdbc.queryForList("select order_id from dw.fact_sales where source = ? and order_id like ?",
                String.class, SOURCE, "%" + tag + "%"))
                .containsExactlyInAnyOrderElementsOf(concat(csvLines, jsonLines).stream().map(Line::orderId).toList());
    }

    @Test
    void aLaterRunReadsOnlyNewAndChangedFilesAndAFullRefreshReadsThemAll() throws Exception {
        List<Line> first = singleLineOrders("A-", 25);
        List<Line> second = singleLineOrders("B-", 25);
        write("order-lines/a.csv", csv(first));
        write("order-lines/b.jsonl", second.stream().map(Line::json).collect(Collectors.joining("\n")));
        assertThat(run(tag + "-1", false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(landedOrders(tag + "-1")).hasSize(50);
        assertThat(watermark()).contains("\"order-lines/a.csv\"", "\"order-lines/b.jsonl\"");

        JobExecution unchanged = run(tag + "-2", false);

        assertThat(unchanged.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(landedOrders(tag + "-2")).isEmpty();

        List<Line> third = singleLineOrders("C-", 25);
        write("order-lines/c.csv", csv(third));
        Path b = inbox.resolve("order-lines/b.jsonl");
        Files.setLastModifiedTime(b, FileTime.from(Files.getLastModifiedTime(b).toInstant().plusSeconds(60)));

        JobExecution changed = run(tag + "-3", false);

        assertThat(changed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(landedOrders(tag + "-3")).containsExactlyInAnyOrderElementsOf(
                concat(second, third).stream().map(Line::orderId).toList());
        assertThat(count("select count(*) from dw.fact_sales where source = ? and order_id like ?", SOURCE,
                "%" + tag + "%")).as("a file read again changes no fact twice").isEqualTo(75);

        JobExecution full = run(tag + "-4", true);

        assertThat(full.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(landedOrders(tag + "-4")).hasSize(75);
    }

    @Test
    void withoutItsDirectoryTheSourceIsSkippedNamingThePathAndTheSettingAndTheJobCompletes() throws Exception {
        Path missing = inbox.resolve("not-there");
        pointSourceAt(missing);

        JobExecution run = run(tag + "-1", false);

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(run, "extract_shop_files").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(run, "extract_shop_files").getExitStatus().getExitDescription())
                .contains("skipped: shop-files: no directory " + missing,
                        "dss.sources.shop-files.path or DSS_SOURCES_SHOP_FILES_PATH");
        assertThat(count("select count(*) from ops.source_watermark where source = ?", SOURCE)).isZero();
    }

    private void pointSourceAt(Path directory) {
        environment.getPropertySources().remove(SETTINGS);
        environment.getPropertySources().addFirst(new MapPropertySource(SETTINGS,
                Map.of("dss.sources." + SOURCE + ".path", directory.toString())));
    }

    private JobExecution run(String runId, boolean fullRefresh) throws Exception {
        return jobOperator.start(catalogue.jobs().get("dss_etl"), new JobParametersBuilder()
                .addString("run_id", runId).addString("logical_date", "2025-11-30").addString("sources", SOURCE)
                .addString("full_refresh", Boolean.toString(fullRefresh), false).toJobParameters());
    }

    /** Orders of one to three lines, over six customers and five products, in November 2025. */
    private List<Line> orderLines(int orders) {
        List<Line> lines = new ArrayList<>();
        String[] methods = {"COD", "MoMo", "Thẻ tín dụng", "ZaloPay"};
        for (int o = 1; o <= orders; o++) {
            OffsetDateTime at = OffsetDateTime.of(2025, 11, 1 + o % 28, 8 + o % 12, 15, 0, 0, ZoneOffset.ofHours(7));
            for (int l = 1; l <= 1 + o % 3; l++) {
                lines.add(new Line(tag + "-" + o, l, "KH-" + (o % 6 + 1), at, o % 2 == 0 ? "shopee" : "lazada",
                        methods[o % methods.length], o % 5 == 0 ? "cancelled" : "delivered", "SP-" + ((o + l) % 5 + 1),
                        1 + (o + l) % 4, 50_000L * (1 + (o * l) % 7), l == 1 ? 5_000 : 0));
            }
        }
        return lines;
    }

    private List<Line> singleLineOrders(String prefix, int orders) {
        return orderLines(orders).stream().filter(l -> l.lineNumber() == 1).map(l -> l.withOrder(prefix)).toList();
    }

    /** Every fact of one format's orders, without the order id's format prefix, in order id and line order. */
    private List<String> facts(String prefix) {
        return jdbc.queryForList("""
                select substr(order_id, 3) || '|' || line_number || '|' || order_date || '|' || order_ts || '|'
                    || customer_key || '|' || product_key || '|' || platform_key || '|' || geography_key || '|'
                    || coalesce(payment_method, '-') || '|' || coalesce(order_status, '-') || '|' || quantity || '|'
                    || unit_price || '|' || discount_amount || '|' || gross_amount || '|' || net_amount || '|'
                    || currency || '|' || net_amount_vnd
                from dw.fact_sales where source = ? and order_id like ? order by order_id, line_number
                """, String.class, SOURCE, prefix + tag + "-%");
    }

    private List<String> landedOrders(String runId) {
        return lake.template().find(lake.seenBy(runId, SOURCE, "order_lines"), Document.class, DataLake.ENVELOPES)
                .stream().map(d -> d.getString("natural_id")).toList();
    }

    private String watermark() {
        return jdbc.queryForObject("select watermark from ops.source_watermark where source = ? and entity = ?",
                String.class, SOURCE, "order_lines");
    }

    private static String csv(List<Line> lines) {
        return CSV_HEADER + "\n" + lines.stream().map(Line::csv).collect(Collectors.joining("\n")) + "\n";
    }

    private static String customersCsv(List<Line> lines) {
        return "customer_id,full_name,city,updated_at\n" + lines.stream().map(Line::customerId).distinct()
                .map(id -> id + "," + customerName(id) + ",Hà Nội,2025-10-01T00:00:00+07:00")
                .collect(Collectors.joining("\n")) + "\n";
    }

    /** Customer KH-n's name, written as the warehouse keeps names. */
    private static String customerName(String customerId) {
        String[] names = {"Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng", "Hoàng Thu Hà",
                "Vũ Đức Khang"};
        return names[Integer.parseInt(customerId.substring(3)) - 1];
    }

    private static String productsJsonLines(List<Line> lines) {
        return lines.stream().map(Line::productId).distinct().sorted()
                .map(id -> new Document(Map.of("product_id", id, "title", "Sản phẩm " + id, "category", "Điện thoại",
                        "price", 150_000, "updated_at", "2025-10-01T00:00:00+07:00")).toJson())
                .collect(Collectors.joining("\n")) + "\n";
    }

    private void write(String name, String content) throws IOException {
        Path file = inbox.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private void parquet(String name, List<Line> lines) throws IOException {
        File file = inbox.resolve(name).toFile();
        Files.createDirectories(file.toPath().getParent());
        try (ParquetWriter<Line> writer = ParquetWriter.writeFile(ORDER_LINE, file, (line, values) -> {
            values.write("order_id", line.orderId());
            values.write("line_number", line.lineNumber());
            values.write("customer_id", line.customerId());
            values.write("order_date", line.orderTs().toInstant().toEpochMilli());
            values.write("platform", line.platform());
            values.write("payment_method", line.paymentMethod());
            values.write("status", line.status());
            values.write("product_id", line.productId());
            values.write("quantity", line.quantity());
            values.write("unit_price", (double) line.unitPrice());
            values.write("discount", (double) line.discount());
        })) {
            for (Line line : lines) {
                writer.write(line);
            }
        }
    }

    private static List<Line> concat(List<Line> a, List<Line> b) {
        List<Line> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
