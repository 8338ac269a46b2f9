package vn.ecomdss.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Autowired;

import vn.ecomdss.report.section.AcquisitionSection;
import vn.ecomdss.report.section.DataQualitySection;
import vn.ecomdss.report.section.DemandForecastSection;
import vn.ecomdss.report.section.HeadlineSection;
import vn.ecomdss.report.section.MarketShareSection;
import vn.ecomdss.report.section.OperationsSection;
import vn.ecomdss.report.section.SeasonalUpliftSection;
import vn.ecomdss.testsupport.PlatformTestSupport;
import vn.ecomdss.vn.VietnameseNumbers;

/**
 * The four business_reports jobs on a vnmarket load up to 28 February 2026, run on 1 March: the daily report of
 * 28 February, the weekly of 16-22 February (Tết 2026 is the 17th), the monthly of February and the quarterly of
 * Q4 2025. Their figures, read back from the workbook's cells and the PDF's text, are the SQL over the marts (and,
 * for a day or a week, which no mart holds, over the facts); the mail arrives with the three files; a re-run of a
 * period replaces its files and rows. The monthly HTML and PDF are left in {@code target/report-samples/}.
 */
class BusinessReportsTest extends PlatformTestSupport {

    private static final String RECIPIENT = "management@ecommerce-dss.local";
    private static final Path SAMPLES = Path.of("target", "report-samples");

    @Autowired
    BusinessReports reports;
    private static boolean loaded;
    private static final Map<String, JobExecution> REPORTS = new HashMap<>();

    private synchronized void loadAndReport() throws Exception {
        if (!loaded) {
            assertThat(runEtl("reports-load", "2026-02-28", "vnmarket").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            loaded = true;
        }
        for (String kind : List.of("daily", "weekly", "monthly", "quarterly")) {
            if (!REPORTS.containsKey(kind)) {
                JobExecution run = report(kind, "reports-" + kind);
                assertThat(run.getStatus()).as(kind + ": " + run.getExitStatus()).isEqualTo(BatchStatus.COMPLETED);
                REPORTS.put(kind, run);
            }
        }
    }

    @Test
    void monthlyFiguresInTheWorkbookPdfAndHtmlAreTheMartsOfFebruary() throws Exception {
        loadAndReport();
        Map<String, Path> files = files("monthly", "2026-02-01");
        Map<String, Object> month = jdbc.queryForMap("""
                select sum(revenue_vnd) as revenue, sum(orders) as orders from mart.mv_monthly_sales
                where month = date '2026-02-01'
                """);
        BigDecimal revenue = (BigDecimal) month.get("revenue");
        long orders = ((Number) month.get("orders")).longValue();
        assertThat(revenue).as("vnmarket sold in February").isPositive();

        Map<String, Object> tet = jdbc.queryForMap("""
                select campaign_name, uplift_ratio from mart.mv_campaign_uplift where campaign_code = 'tet-2026'
                """);
        try (XSSFWorkbook workbook = workbook(files.get("xlsx"))) {
            Map<String, Map<String, Object>> headline = table(workbook.getSheet("Headline"), HeadlineSection.TABLE);
            assertThat(number(headline, "Revenue", "This period")).isEqualTo(revenue.doubleValue());
            assertThat(number(headline, "Orders", "This period")).isEqualTo(orders);
            assertThat(number(headline, "Average order value", "This period"))
                    .isEqualTo(revenue.divide(BigDecimal.valueOf(orders), 0, RoundingMode.HALF_UP).doubleValue());
            BigDecimal january = jdbc.queryForObject("select sum(revenue_vnd) from mart.mv_monthly_sales "
                    + "where month = date '2026-01-01'", BigDecimal.class);
            assertThat(number(headline, "Revenue", "Period before")).isEqualTo(january.doubleValue());
            assertThat((double) number(headline, "Revenue", "Change"))
                    .isCloseTo(revenue.doubleValue() / january.doubleValue() - 1, within(1e-6));
            BigDecimal lastFebruary = jdbc.queryForObject("select sum(revenue_vnd) from mart.mv_monthly_sales "
                    + "where month = date '2025-02-01'", BigDecimal.class);
            assertThat(number(headline, "Revenue", "Same period last year")).isEqualTo(lastFebruary.doubleValue());

            Map<String, Map<String, Object>> platforms = table(workbook.getSheet("Revenue by platform"),
                    "Revenue by platform");
            List<Map<String, Object>> comparison = jdbc.queryForList("""
                    select platform_code, revenue_vnd, orders, avg_order_value_vnd, cancel_return_ratio
                    from mart.mv_platform_comparison where month = date '2026-02-01' order by platform_code
                    """);
            assertThat(platforms.keySet()).containsExactlyInAnyOrderElementsOf(
                    comparison.stream().map(r -> (String) r.get("platform_code")).toList());
            Map<String, Map<String, Object>> ratios = table(workbook.getSheet("Operational efficiency"),
                    OperationsSection.RATIOS);
            for (Map<String, Object> platform : comparison) {
                String code = (String) platform.get("platform_code");
                assertThat(number(platforms, code, "Revenue")).isEqualTo(((BigDecimal) platform.get("revenue_vnd")).doubleValue());
                assertThat(number(platforms, code, "Orders")).isEqualTo(((Number) platform.get("orders")).longValue());
                assertThat(number(platforms, code, "Average order value"))
                        .isEqualTo(((BigDecimal) platform.get("avg_order_value_vnd")).doubleValue());
                assertThat((double) number(ratios, code, "Cancelled or returned"))
                        .isCloseTo(((BigDecimal) platform.get("cancel_return_ratio")).doubleValue(), within(0.00005));
            }

            Map<String, Map<String, Object>> regions = table(workbook.getSheet("Revenue by region"), "Revenue by region");
            jdbc.queryForList("select region, sum(revenue_vnd) as revenue from mart.mv_monthly_sales "
                    + "where month = date '2026-02-01' group by region").forEach(r -> assertThat(
                    number(regions, (String) r.get("region"), "Revenue")).isEqualTo(((BigDecimal) r.get("revenue")).doubleValue()));

            Map<String, Map<String, Object>> share = table(workbook.getSheet("Market share"), MarketShareSection.TABLE);
            for (Map<String, Object> platform : comparison) {
                assertThat((double) number(share, (String) platform.get("platform_code"), "Share")).isCloseTo(
                        ((BigDecimal) platform.get("revenue_vnd")).doubleValue() / revenue.doubleValue(), within(1e-6));
            }

            Map<String, Map<String, Object>> acquisition = table(workbook.getSheet("Customer acquisition"),
                    AcquisitionSection.TABLE);
            assertThat(number(acquisition, "New", "Count")).isEqualTo(count("""
                    select count(*) from mart.mv_customer_analytics
                    where first_order_date between date '2026-02-01' and date '2026-02-28'
                    """));
            assertThat(number(acquisition, "All", "Revenue")).isEqualTo(revenue.doubleValue());

            Map<String, Map<String, Object>> uplift = table(workbook.getSheet("Tết and festival uplift"),
                    SeasonalUpliftSection.TABLE);
            assertThat((double) number(uplift, (String) tet.get("campaign_name"), "Uplift"))
                    .isCloseTo(((BigDecimal) tet.get("uplift_ratio")).doubleValue(), within(1e-9));

            Map<String, Map<String, Object>> quality = table(workbook.getSheet("Data quality"), DataQualitySection.SCORES);
            // Every run of February's logical dates counts, this class's load and any other test's in the warehouse.
            assertThat((double) number(quality, "final", "Average score")).isCloseTo(jdbc.queryForObject("""
                    select avg(score) from dq.run_score where stage = 'final' and run_id in (
                        select r.parameter_value from batch_job_execution_params r
                        join batch_job_execution_params d on d.job_execution_id = r.job_execution_id
                        where r.parameter_name = 'run_id' and d.parameter_name = 'logical_date'
                          and d.parameter_value between '2026-02-01' and '2026-02-28')
                    """, Double.class), within(1e-6));
            assertThat(text(workbook.getSheet("Demand forecast"), 1)).as("no forecast covers March 2026").startsWith(DemandForecastSection.NO_CHAMPION);
        }

        List<String> categories = jdbc.queryForList("""
                select coalesce(v.mapped_category_name, v.category, 'Không phân loại') from dw.fact_sales f
                join dw.dim_product v on v.product_key = f.product_key
                where f.order_date between date '2026-02-01' and date '2026-02-28'
                group by 1 order by sum(f.net_amount_vnd) desc
                """, String.class);
        assertThat(categories).as("the categories sold carry Vietnamese diacritics")
                .anyMatch(c -> !c.equals(java.text.Normalizer.normalize(c, java.text.Normalizer.Form.NFD)));
        String topProduct = jdbc.queryForObject("""
                select p.title from dw.fact_sales f join dw.dim_product v on v.product_key = f.product_key
                join dw.dim_product p on p.source = v.source and p.product_id = v.product_id and p.is_current
                where f.order_date between date '2026-02-01' and date '2026-02-28'
                group by v.source, v.product_id, p.title order by sum(f.net_amount_vnd) desc, v.source, v.product_id limit 1
                """, String.class);
        String vnd = VietnameseNumbers.vnd(revenue);
        assertThat(vnd).matches("\\d{1,3}(\\.\\d{3})+ ₫");

        String pdf = pdfText(files.get("pdf"));
        assertThat(pdf).contains("Báo cáo kinh doanh", "Monthly report · 2026-02 · 01/02/2026 to 28/02/2026", vnd,
                (String) tet.get("campaign_name"), DemandForecastSection.NO_CHAMPION.substring(0, 30));
        assertThat(pdf.replace("\n", " ")).contains(categories.get(0));
        categories.forEach(c -> assertThat(pdf).contains(c));

        String html = Files.readString(files.get("html"), StandardCharsets.UTF_8);
        assertThat(html).contains("Báo cáo kinh doanh", vnd, escaped(categories.get(0)),
                        escaped(topProduct), "data:image/png;base64,")
                .doesNotContain("http://", "https://");

        Files.createDirectories(SAMPLES);
        for (Path file : files.values()) {
            Files.copy(file, SAMPLES.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void theQuarterIsTheSumOfItsMonthsAndTheDayAndWeekAreTheirFacts() throws Exception {
        loadAndReport();
        assertRevenueAndOrders("quarterly", "2025-10-01", jdbc.queryForMap("""
                select sum(revenue_vnd) as revenue, sum(orders) as orders from mart.mv_monthly_sales
                where month between date '2025-10-01' and date '2025-12-01'
                """));
        assertRevenueAndOrders("weekly", "2026-02-16", facts("2026-02-16", "2026-02-22"));
        assertRevenueAndOrders("daily", "2026-02-28", facts("2026-02-28", "2026-02-28"));

        try (XSSFWorkbook quarter = workbook(files("quarterly", "2025-10-01").get("xlsx"))) {
            Map<String, Map<String, Object>> festivals = table(quarter.getSheet("Tết and festival uplift"),
                    SeasonalUpliftSection.TABLE);
            assertThat(festivals.keySet()).as("the double days of Q4").containsExactly("10.10 2025", "11.11 2025",
                    "12.12 2025");
        }
        try (XSSFWorkbook day = workbook(files("daily", "2026-02-28").get("xlsx"))) {
            Map<String, Map<String, Object>> pipelines = table(day.getSheet("Operational efficiency"),
                    OperationsSection.PIPELINES);
            assertThat(number(pipelines, "dss_etl", "Runs")).as("the load of 28 February").isEqualTo(1L);
            assertThat(number(pipelines, "dss_etl", "Completed")).isEqualTo(1L);
            assertThat(text(day.getSheet("Tết and festival uplift"), 1))
                    .isEqualTo("No Tết season or shopping festival in this period.");
        }
        String weekPdf = pdfText(files("weekly", "2026-02-16").get("pdf"));
        assertThat(weekPdf).contains("Weekly report · 2026-W08 · 16/02/2026 to 22/02/2026", "Tết 2026");
    }

    @Test
    void theMailArrivesWithTheThreeFilesAttached() throws Exception {
        loadAndReport();
        MimeMessage mail = Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> body(m).contains("Made by run reports-monthly."))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no mail of run reports-monthly"));
        assertThat(mail.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo(RECIPIENT);
        assertThat(mail.getSubject()).isEqualTo("Báo cáo kinh doanh · Business report · Monthly report · 2026-02 · "
                + "01/02/2026 to 28/02/2026");
        Map<String, byte[]> attachments = attachments(mail);
        assertThat(attachments.keySet()).containsExactlyInAnyOrder("period-report-monthly-2026-02.html",
                "period-report-monthly-2026-02.xlsx", "period-report-monthly-2026-02.pdf");
        Map<String, Path> files = files("monthly", "2026-02-01");
        for (Map.Entry<String, byte[]> attachment : attachments.entrySet()) {
            String format = attachment.getKey().substring(attachment.getKey().lastIndexOf('.') + 1);
            if (format.equals("html")) {
                // SMTP carries a text part with CRLF line ends.
                assertThat(new String(attachment.getValue(), StandardCharsets.UTF_8).replace("\r\n", "\n"))
                        .isEqualTo(Files.readString(files.get(format), StandardCharsets.UTF_8));
            } else {
                assertThat(ReportStore.sha256(attachment.getValue())).as(attachment.getKey())
                        .isEqualTo(ReportStore.sha256(Files.readAllBytes(files.get(format))));
            }
        }
        assertThat(body(mail)).contains("Revenue: " + VietnameseNumbers.vnd(jdbc.queryForObject(
                "select sum(revenue_vnd) from mart.mv_monthly_sales where month = date '2026-02-01'", BigDecimal.class)));
    }

    @Test
    void reRunningAPeriodReplacesItsFilesAndRows() throws Exception {
        loadAndReport();
        List<Long> before = jdbc.queryForList("select id from ops.report_file where period_kind = 'monthly' "
                + "and period_start = date '2026-02-01' order by format", Long.class);

        JobExecution again = report("monthly", "reports-monthly-again");

        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select id, run_id, path, sha256, bytes from ops.report_file
                where report = 'period-report' and period_kind = 'monthly' and period_start = date '2026-02-01'
                order by format
                """);
        assertThat(rows).extracting(r -> (Long) r.get("id")).containsExactlyElementsOf(before);
        assertThat(rows).extracting(r -> r.get("run_id")).containsOnly("reports-monthly-again");
        for (Map<String, Object> row : rows) {
            byte[] content = Files.readAllBytes(DATA_DIR.resolve((String) row.get("path")));
            assertThat(ReportStore.sha256(content)).isEqualTo(row.get("sha256"));
            assertThat((long) content.length).isEqualTo(row.get("bytes"));
        }
        try (Stream<Path> stored = Files.list(DATA_DIR.resolve("reports/period-report/monthly"))) {
            // Other tests of this JVM store other periods here; February's are three, and no partial file is left.
            assertThat(stored.map(p -> p.getFileName().toString())
                    .filter(name -> name.contains("2026-02") || name.endsWith(".partial"))).containsExactlyInAnyOrder(
                    "period-report-monthly-2026-02.html", "period-report-monthly-2026-02.xlsx",
                    "period-report-monthly-2026-02.pdf");
        }
        assertThat(Files.readString(DATA_DIR.resolve("reports/period-report/monthly/period-report-monthly-2026-02.html")))
                .contains("Made by run reports-monthly-again");
        REPORTS.put("monthly", again);
    }

    @Test
    void onceTheChampionWritesItsForecastTheReportShowsTheNextPeriodsDemand() throws Exception {
        loadAndReport();
        try {
            String product = jdbc.queryForObject("select product_id from dw.dim_product where source = 'vnmarket' "
                    + "and is_current order by product_id limit 1", String.class);
            jdbc.update("""
                    insert into ml.demand_forecast (source, product_id, forecast_date, quantity, lower, upper,
                                                    model_version, origin_date, run_id)
                    select 'vnmarket', ?, d::date, 2.5, 1, 4, 9001, date '2026-02-28', 'report-test'
                    from generate_series(date '2026-03-01', date '2026-03-31', interval '1 day') d
                    union all
                    select 'vnmarket', ?, date '2026-03-01', 99, 99, 99, 9000, date '2026-02-01', 'report-test'
                    """, product, product);
            ReportDefinition definition = reports.definitions().get("period-report");
            SectionContent forecast = reports.compose(definition, ReportPeriod.endingBefore(PeriodKind.MONTHLY,
                    LocalDate.of(2026, 3, 1)), "reports-forecast").section("demand-forecast");

            assertThat(forecast.note()).isNull();
            ReportTable table = forecast.tables().get(0);
            assertThat(table.title()).isEqualTo(DemandForecastSection.TABLE + " (01/03/2026 to 31/03/2026)");
            assertThat(table.column("Product id")).containsExactly("vnmarket:" + product);
            assertThat(table.column("Quantity")).as("31 days of the latest forecast, not the older one")
                    .containsExactly(new BigDecimal("77.5"));
            assertThat(table.column("Model version")).containsExactly(9001);
        } finally {
            jdbc.update("delete from ml.demand_forecast where run_id = 'report-test'");
        }
    }

    private void assertRevenueAndOrders(String kind, String start, Map<String, Object> expected) throws IOException {
        Map<String, Path> files = files(kind, start);
        BigDecimal revenue = (BigDecimal) expected.get("revenue");
        assertThat(revenue).as(kind + " sold").isPositive();
        try (XSSFWorkbook workbook = workbook(files.get("xlsx"))) {
            Map<String, Map<String, Object>> headline = table(workbook.getSheet("Headline"), HeadlineSection.TABLE);
            assertThat(number(headline, "Revenue", "This period")).as(kind).isEqualTo(revenue.doubleValue());
            assertThat(number(headline, "Orders", "This period")).as(kind)
                    .isEqualTo(((Number) expected.get("orders")).longValue());
        }
        assertThat(pdfText(files.get("pdf"))).as(kind).contains(VietnameseNumbers.vnd(revenue));
        assertThat(Files.readString(files.get("html"))).as(kind).contains(VietnameseNumbers.vnd(revenue));
    }

    private Map<String, Object> facts(String from, String to) {
        return jdbc.queryForMap("""
                select sum(net_amount_vnd) as revenue, count(distinct source || '/' || order_id) as orders
                from dw.fact_sales where order_date between cast(? as date) and cast(? as date)
                """, from, to);
    }

    private JobExecution report(String kind, String runId) throws Exception {
        return jobOperator.start(catalogue.jobs().get("business_reports_" + kind), new JobParametersBuilder()
                .addString("run_id", runId).addString("logical_date", "2026-03-01").toJobParameters());
    }

    /** The stored files of a period by format, each checked to exist with the size and hash of its row. */
    private Map<String, Path> files(String kind, String start) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (Map<String, Object> row : jdbc.queryForList("""
                select format, path, bytes, sha256 from ops.report_file
                where report = 'period-report' and period_kind = ? and period_start = cast(? as date)
                """, kind, start)) {
            Path file = DATA_DIR.resolve((String) row.get("path"));
            assertThat(Files.size(file)).isEqualTo(row.get("bytes"));
            assertThat(ReportStore.sha256(Files.readAllBytes(file))).isEqualTo(row.get("sha256"));
            files.put((String) row.get("format"), file);
        }
        assertThat(files.keySet()).as(kind + " " + start).containsExactlyInAnyOrder("html", "xlsx", "pdf");
        return files;
    }

    /** Text as the template writes it: markup characters escaped, letters with diacritics as they are. */
    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static XSSFWorkbook workbook(Path file) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    /**
     * The table under the caption {@code caption}: each row by its first cell, each cell by its column's header;
     * figures as Double (Long for whole counts), text as String.
     */
    private static Map<String, Map<String, Object>> table(Sheet sheet, String caption) {
        assertThat(sheet).as("sheet for " + caption).isNotNull();
        int captionRow = -1;
        for (Row row : sheet) {
            // Row 0 is the section's title, which may read like its one table's caption.
            if (row.getRowNum() > 0 && caption.equals(text(row.getCell(0)))) {
                captionRow = row.getRowNum();
                break;
            }
        }
        assertThat(captionRow).as("caption '" + caption + "' in sheet " + sheet.getSheetName()).isNotNegative();
        Row header = sheet.getRow(captionRow + 1);
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (int r = captionRow + 2; sheet.getRow(r) != null && sheet.getRow(r).getCell(0) != null; r++) {
            Row row = sheet.getRow(r);
            Map<String, Object> cells = new LinkedHashMap<>();
            for (int c = 0; c < header.getLastCellNum(); c++) {
                Cell cell = row.getCell(c);
                cells.put(text(header.getCell(c)), cell == null ? null : cell.getCellType() == CellType.NUMERIC
                        ? wholeOrDouble(cell) : cell.getStringCellValue());
            }
            rows.put(String.valueOf(cells.values().iterator().next()), cells);
        }
        return rows;
    }

    /** A count cell as Long, every other figure as Double. */
    private static Object wholeOrDouble(Cell cell) {
        String format = cell.getCellStyle().getDataFormatString();
        return "#,##0".equals(format) ? (Object) (long) cell.getNumericCellValue() : (Object) cell.getNumericCellValue();
    }

    private static Object number(Map<String, Map<String, Object>> table, String row, String column) {
        assertThat(table).as("row " + row).containsKey(row);
        return table.get(row).get(column);
    }

    private static String text(Sheet sheet, int row) {
        return text(sheet.getRow(row).getCell(0));
    }

    private static String text(Cell cell) {
        return cell == null || cell.getCellType() != CellType.STRING ? null : cell.getStringCellValue();
    }

    private static String pdfText(Path file) throws IOException {
        try (PDDocument document = Loader.loadPDF(Files.readAllBytes(file))) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static String body(MimeMessage message) {
        try {
            Object content = message.getContent();
            if (content instanceof Multipart multipart) {
                StringBuilder text = new StringBuilder();
                collectText(multipart, text);
                return text.toString();
            }
            return content.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collectText(Multipart multipart, StringBuilder text) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            Part part = multipart.getBodyPart(i);
            if (part.getContent() instanceof Multipart nested) {
                collectText(nested, text);
            } else if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                text.append(part.getContent());
            }
        }
    }

    private static Map<String, byte[]> attachments(MimeMessage message) throws Exception {
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        collectAttachments((Multipart) message.getContent(), attachments);
        return attachments;
    }

    private static void collectAttachments(Multipart multipart, Map<String, byte[]> attachments) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            Part part = multipart.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                attachments.put(part.getFileName(), part.getInputStream().readAllBytes());
            } else if (part.getContent() instanceof Multipart nested) {
                collectAttachments(nested, attachments);
            }
        }
    }
}
