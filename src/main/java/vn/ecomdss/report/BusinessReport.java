package vn.ecomdss.report;

import java.time.OffsetDateTime;
import java.util.List;

/** A report made for one period: its definition, the period, the run that made it and each section's content. */
public record BusinessReport(ReportDefinition definition, ReportPeriod period, String runId, OffsetDateTime createdAt,
                             List<SectionContent> sections) {

    public BusinessReport {
        sections = List.copyOf(sections);
    }

    public SectionContent section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("report '" + definition.name() + "' has no section '"
                        + name + "' (it has " + sections.stream().map(SectionContent::name).toList() + ")"));
    }

    /** {@code period-report-monthly-2026-02}: the stem of the report's file names. */
    public String fileStem() {
        return definition.name() + "-" + period.kind().key() + "-" + period.label();
    }
}
