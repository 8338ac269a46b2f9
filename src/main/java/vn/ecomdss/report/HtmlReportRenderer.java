package vn.ecomdss.report;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.vn.VietnameseNumbers;

/**
 * The report as one self-contained HTML page from {@code templates/reports/business-report.html}: styles inline, charts
 * as data: URIs, so it opens offline and mails as one attachment. Thymeleaf's {@link SpringTemplateEngine} (Boot's)
 * evaluates the template with SpEL; the same page is what {@link PdfReportRenderer} prints.
 */
@Component
public class HtmlReportRenderer {

    static final String TEMPLATE = "reports/business-report";
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    /** A chart as the template shows it. */
    public record ChartImage(String title, String uri) {
    }

    private final SpringTemplateEngine templates;
    private final ChartPainter charts;

    public HtmlReportRenderer(SpringTemplateEngine templates, ChartPainter charts) {
        this.templates = templates;
        this.charts = charts;
    }

    public String render(BusinessReport report) {
        Map<String, List<ChartImage>> images = new LinkedHashMap<>();
        for (SectionContent section : report.sections()) {
            images.put(section.name(), section.charts().stream()
                    .map(c -> new ChartImage(c.title(), charts.dataUri(c))).toList());
        }
        Context context = new Context();
        context.setVariable("report", report);
        context.setVariable("periodText", periodText(report.period()));
        context.setVariable("cells", new CellText());
        context.setVariable("charts", images);
        context.setVariable("footer", "Made by run " + report.runId() + " on "
                + report.createdAt().atZoneSameInstant(RunParameters.ZONE).format(CREATED) + " (Asia/Ho_Chi_Minh) from "
                + "job-definitions/" + report.definition().file() + ".");
        return templates.process(TEMPLATE, context);
    }

    /** {@code Monthly report · 2026-02 · 01/02/2026 to 28/02/2026}. */
    static String periodText(ReportPeriod period) {
        String kind = period.kind().key();
        return Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " report · " + period.label() + " · "
                + VietnameseNumbers.date(period.start()) + " to " + VietnameseNumbers.date(period.end());
    }
}
