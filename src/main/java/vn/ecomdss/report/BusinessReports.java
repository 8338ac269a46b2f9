package vn.ecomdss.report;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import vn.ecomdss.DssProperties;

/**
 * Makes a report of one period: reads each section of its definition from the warehouse, renders the formats the
 * definition asks for, stores them (replacing an earlier run's for the same period) and mails them.
 */
@Component
public class BusinessReports {

    /** What a run made: the report, its stored files and whether they were mailed. */
    public record Made(BusinessReport report, List<ReportFile> files, boolean mailed) {
    }

    private final Map<String, ReportSection> sections = new LinkedHashMap<>();
    private final HtmlReportRenderer html;
    private final XlsxReportRenderer xlsx;
    private final PdfReportRenderer pdf;
    private final ReportStore store;
    private final ReportMailer mailer;
    private final DssProperties properties;
    private Map<String, ReportDefinition> definitions;

    public BusinessReports(List<ReportSection> sections, HtmlReportRenderer html, XlsxReportRenderer xlsx,
                           PdfReportRenderer pdf, ReportStore store, ReportMailer mailer, DssProperties properties) {
        for (ReportSection section : sections) {
            if (this.sections.putIfAbsent(section.name(), section) != null) {
                throw new IllegalStateException("Two report sections are named '" + section.name() + "': "
                        + this.sections.get(section.name()).getClass().getName() + " and " + section.getClass().getName());
            }
        }
        this.html = html;
        this.xlsx = xlsx;
        this.pdf = pdf;
        this.store = store;
        this.mailer = mailer;
        this.properties = properties;
    }

    /** The definitions of {@code job-definitions/reports/}, read once, when the jobs are validated at start-up. */
    public synchronized Map<String, ReportDefinition> definitions() {
        if (definitions == null) {
            definitions = new ReportDefinitionLoader(sections.keySet()).load(properties.definitions());
        }
        return definitions;
    }

    /** The report's content for the period, without rendering or storing it. */
    public BusinessReport compose(ReportDefinition definition, ReportPeriod period, String runId) {
        List<SectionContent> contents = new ArrayList<>();
        for (String name : definition.sections()) {
            contents.add(sections.get(name).build(period));
        }
        return new BusinessReport(definition, period, runId, OffsetDateTime.now(), contents);
    }

    public Made make(ReportDefinition definition, ReportPeriod period, String runId) {
        BusinessReport report = compose(definition, period, runId);
        String page = html.render(report);
        List<ReportFile> files = new ArrayList<>();
        for (ReportFormat format : definition.formats()) {
            byte[] content = switch (format) {
                case HTML -> page.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                case XLSX -> xlsx.render(report);
                case PDF -> pdf.render(page);
            };
            files.add(store.store(report, format, content));
        }
        boolean mailed = mailer.canSend(definition);
        if (mailed) {
            List<Path> paths = files.stream().map(store::file).toList();
            mailer.send(report, summary(report), paths);
        }
        return new Made(report, files, mailed);
    }

    /** The headline's figures as lines of text, for the mail's body; empty without a headline section. */
    static String summary(BusinessReport report) {
        CellText cells = new CellText();
        return report.sections().stream().filter(s -> s.name().equals("headline"))
                .flatMap(s -> s.tables().stream().limit(1))
                .flatMap(t -> t.rows().stream())
                .map(r -> r.get(0) + ": " + cells.text(r.get(1)) + " (" + cells.text(r.get(3)) + " on the period before)")
                .collect(Collectors.joining("\n", HtmlReportRenderer.periodText(report.period()) + "\n\n", ""));
    }
}
