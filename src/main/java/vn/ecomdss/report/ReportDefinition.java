package vn.ecomdss.report;

import java.util.List;

/**
 * One file of {@code job-definitions/reports/}: a report's name, its title, the formats it is made in, who gets it
 * by e-mail and its sections in order.
 */
public record ReportDefinition(String file, String name, String title, List<ReportFormat> formats,
                               List<String> recipients, List<String> sections) {

    public ReportDefinition {
        formats = List.copyOf(formats);
        recipients = List.copyOf(recipients);
        sections = List.copyOf(sections);
    }
}
