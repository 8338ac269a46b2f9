package vn.ecomdss.report;

import java.util.List;

/**
 * What one section of a report shows: its tables, its charts and a note when there is nothing to show or something
 * to explain ("no champion yet", "no Tết or festival in this period").
 */
public record SectionContent(String name, String title, List<ReportTable> tables, List<ReportChart> charts, String note) {

    public SectionContent {
        tables = List.copyOf(tables);
        charts = List.copyOf(charts);
    }

    public static SectionContent note(String name, String title, String note) {
        return new SectionContent(name, title, List.of(), List.of(), note);
    }

    /** The table with this title, for tests and the workbook. */
    public ReportTable table(String tableTitle) {
        return tables.stream().filter(t -> t.title().equals(tableTitle)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("section '" + name + "' has no table '" + tableTitle
                        + "' (it has " + tables.stream().map(ReportTable::title).toList() + ")"));
    }
}
