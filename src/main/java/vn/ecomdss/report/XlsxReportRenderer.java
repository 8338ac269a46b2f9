package vn.ecomdss.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * The report as a workbook: a sheet per section, each table a caption row, a header row and its rows, then the
 * section's charts as pictures. Figures are numeric cells (amounts in dong with a {@code ₫} format, ratios as
 * percentages, dates as dates), so a reader can compute with them; the spreadsheet shows them in the reader's own
 * separators.
 */
@Component
public class XlsxReportRenderer {

    private final ChartPainter charts;

    public XlsxReportRenderer(ChartPainter charts) {
        this.charts = charts;
    }

    public byte[] render(BusinessReport report) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(workbook);
            Sheet cover = workbook.createSheet("Report");
            text(cover.createRow(0), 0, report.definition().title(), styles.title);
            text(cover.createRow(1), 0, HtmlReportRenderer.periodText(report.period()), null);
            text(cover.createRow(2), 0, "Run " + report.runId(), null);
            Set<String> names = new HashSet<>(List.of("report"));
            for (SectionContent section : report.sections()) {
                Sheet sheet = workbook.createSheet(sheetName(section.title(), names));
                int next = 0;
                text(sheet.createRow(next++), 0, section.title(), styles.title);
                if (section.note() != null) {
                    text(sheet.createRow(next++), 0, section.note(), null);
                }
                int widest = 1;
                for (ReportTable table : section.tables()) {
                    next++;
                    text(sheet.createRow(next++), 0, table.title(), styles.header);
                    Row header = sheet.createRow(next++);
                    for (int c = 0; c < table.headers().size(); c++) {
                        text(header, c, table.headers().get(c), styles.header);
                    }
                    for (List<Object> cells : table.rows()) {
                        Row row = sheet.createRow(next++);
                        for (int c = 0; c < cells.size(); c++) {
                            cell(row, c, cells.get(c), styles);
                        }
                    }
                    widest = Math.max(widest, table.headers().size());
                }
                for (int c = 0; c < widest; c++) {
                    sheet.setColumnWidth(c, (c == 0 ? 34 : 22) * 256);
                }
                next = pictures(workbook, sheet, section, next + 1);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report workbook", e);
        }
    }

    private int pictures(Workbook workbook, Sheet sheet, SectionContent section, int firstRow) {
        Drawing<?> drawing = sheet.createDrawingPatriarch();
        int row = firstRow;
        for (ReportChart chart : section.charts()) {
            int picture = workbook.addPicture(charts.png(chart), Workbook.PICTURE_TYPE_PNG);
            ClientAnchor anchor = workbook.getCreationHelper().createClientAnchor();
            anchor.setCol1(0);
            anchor.setRow1(row);
            drawing.createPicture(anchor, picture).resize();
            row += 22;
        }
        return row;
    }

    private static void cell(Row row, int column, Object value, Styles styles) {
        if (value == null) {
            return;
        }
        org.apache.poi.ss.usermodel.Cell cell = row.createCell(column);
        if (value instanceof ReportTable.Vnd vnd) {
            cell.setCellValue(vnd.amount().doubleValue());
            cell.setCellStyle(styles.vnd);
        } else if (value instanceof ReportTable.Percent percent) {
            cell.setCellValue(percent.ratio().doubleValue());
            cell.setCellStyle(styles.percent);
        } else if (value instanceof ReportTable.Change change) {
            cell.setCellValue(change.ratio().doubleValue());
            cell.setCellStyle(styles.change);
        } else if (value instanceof Long count) {
            cell.setCellValue(count);
            cell.setCellStyle(styles.count);
        } else if (value instanceof BigDecimal decimal) {
            cell.setCellValue(decimal.doubleValue());
            cell.setCellStyle(styles.decimal);
        } else if (value instanceof LocalDate date) {
            cell.setCellValue(date);
            cell.setCellStyle(styles.date);
        } else {
            cell.setCellValue(value.toString());
        }
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        org.apache.poi.ss.usermodel.Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    /** A sheet name Excel accepts (at most 31 characters, none of []:*?/\) and unique in the workbook. */
    static String sheetName(String title, Set<String> taken) {
        String base = WorkbookUtil.createSafeSheetName(title);
        String name = base;
        for (int i = 2; !taken.add(name.toLowerCase(java.util.Locale.ROOT)); i++) {
            String suffix = " " + i;
            name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
        }
        return name;
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle header;
        final CellStyle vnd;
        final CellStyle percent;
        final CellStyle change;
        final CellStyle count;
        final CellStyle decimal;
        final CellStyle date;

        Styles(Workbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            Font large = workbook.createFont();
            large.setBold(true);
            large.setFontHeightInPoints((short) 14);
            title = workbook.createCellStyle();
            title.setFont(large);
            header = workbook.createCellStyle();
            header.setFont(bold);
            vnd = numbers(workbook, "#,##0 \"₫\"");
            percent = numbers(workbook, "0.0%");
            change = numbers(workbook, "+0.0%;-0.0%;0.0%");
            count = numbers(workbook, "#,##0");
            decimal = numbers(workbook, "#,##0.0");
            date = numbers(workbook, "dd/mm/yyyy");
        }

        private static CellStyle numbers(Workbook workbook, String format) {
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(workbook.createDataFormat().getFormat(format));
            return style;
        }
    }
}
